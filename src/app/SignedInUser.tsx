import Typography from '@mui/material/Typography';
import { useCallback } from 'react';
import { practitionerName } from '../clinical/demographics/patientSummary';
import { useSession } from './SessionContext';
import { readSignedInUser } from '../fhir/reads/readSignedInUser';
import { useAsync } from '../shared/useAsync';

/** Who is signed in, from the token's `fhirUser`. */
export function SignedInUser() {
  const session = useSession();
  const read = useCallback((signal: AbortSignal) => readSignedInUser(session, signal), [session]);
  const state = useAsync(read);
  let label = 'Signed in';
  if (!session.fhirUser) label = 'Signed in (the EHR did not say who you are)';
  else if (state.status === 'done') label = `Signed in as ${practitionerName(state.value && 'name' in state.value ? state.value : undefined)}`;
  else if (state.status === 'failed') label = 'Signed in (your name could not be read from the EHR)';
  return (
    <Typography component="span" variant="body2" data-testid="signed-in-user" aria-live="polite">
      {label}
    </Typography>
  );
}
