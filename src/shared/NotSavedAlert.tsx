import Alert from '@mui/material/Alert';
import type { RecordOutcome } from '../fhir/writes/registry';

/** The records of a save that did not reach the EHR, each with its reason. */
export type FailedRecord = Extract<RecordOutcome, { saved: false }>;

export function failedRecords(outcomes: readonly RecordOutcome[] | undefined): FailedRecord[] {
  return outcomes?.filter((o): o is FailedRecord => !o.saved) ?? [];
}

/**
 * Says which records of a save were not written and why, then what the user can do (`next`,
 * one sentence: the dialogs differ in what they kept). Nothing when every record was saved.
 */
export function NotSavedAlert({ failed, next }: { failed: readonly FailedRecord[]; next: string }) {
  if (failed.length === 0) return null;
  return (
    <Alert severity="error" role="alert" sx={{ mt: 2 }}>
      Not saved to the EHR: {failed.map((f) => `${f.label} (${f.reason})`).join('; ')}. {next}
    </Alert>
  );
}
