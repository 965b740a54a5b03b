import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import { useCallback, useMemo } from 'react';
import { summarizePatient } from '../clinical/demographics/patientSummary';
import type { Session } from '../fhir/session';
import { readPatient } from '../fhir/reads/patients';
import { ErrorNote } from '../shared/ErrorNote';
import { useAsync } from '../shared/useAsync';
import { PatientBanner } from './PatientBanner';
import { PatientView } from './PatientView';

export function PatientWorkspace({ session, patientId, onBack }: { session: Session; patientId: string; onBack?: () => void }) {
  const read = useCallback((signal: AbortSignal) => readPatient(session.api, patientId, signal), [session, patientId]);
  const state = useAsync(read);
  const summary = useMemo(() => (state.status === 'done' ? summarizePatient(state.value, new Date()) : undefined), [state]);
  return (
    <>
      {onBack ? (
        <Button onClick={onBack} sx={{ mb: 1 }}>
          Back to patient search
        </Button>
      ) : null}
      {state.status === 'loading' ? <Skeleton variant="rectangular" height={56} aria-label="Loading patient" /> : null}
      {state.status === 'failed' ? <ErrorNote error={state.error} title="The patient's record could not be read" /> : null}
      {summary ? <PatientBanner patient={summary} /> : null}
      {/* The scores are read in parallel with the Patient: nothing waits on the banner. */}
      {state.status === 'failed' && (state.error as { kind?: string }).kind === 'not-found' ? null : <PatientView session={session} patientId={patientId} />}
    </>
  );
}
