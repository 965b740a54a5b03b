import Alert from '@mui/material/Alert';
import { FhirError } from '../fhir/fhirError';

/** Says what went wrong in words a clinician understands; never a stack trace. */
export function errorMessage(error: unknown): string {
  if (error instanceof FhirError) return error.userMessage;
  return 'Something went wrong while talking to the EHR. Try again; if it keeps happening, open the app again from the EHR.';
}

export function ErrorNote({ error, title }: { error: unknown; title?: string }) {
  return (
    <Alert severity="error" role="status">
      {title ? <strong>{title}: </strong> : null}
      {errorMessage(error)}
    </Alert>
  );
}
