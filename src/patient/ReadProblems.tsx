import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useState } from 'react';
import type { UnreadableRecord } from '../clinical';
import type { ReadProblem } from '../clinical/patientChart';

const TYPE_WORDS: Record<string, string> = {
  Observation: 'Scores (Observations)',
  QuestionnaireResponse: 'Forms (QuestionnaireResponses)',
  Questionnaire: 'Form definitions (Questionnaires)',
  Flag: 'Flags',
  Condition: 'Diagnoses (Conditions)',
  MedicationRequest: 'Medication orders (MedicationRequests)',
  MedicationStatement: 'Medication statements',
  CarePlan: 'Care plans',
  Goal: 'Goals',
  DocumentReference: 'Plan of care notes (DocumentReferences)',
  Communication: 'Handouts given (Communications)',
};

/**
 * Says what is missing from the view and why: whole searches that failed, single records that
 * could not be read, and searches stopped at the safety cap. The reasons are one click away.
 */
export function ReadProblems({
  failedSearches,
  unreadable,
  truncated,
}: {
  failedSearches: readonly ReadProblem[];
  unreadable: readonly UnreadableRecord[];
  truncated: readonly string[];
}) {
  const [open, setOpen] = useState(false);
  if (!failedSearches.length && !unreadable.length && !truncated.length) return null;
  const parts: string[] = [];
  if (failedSearches.length) parts.push(`${failedSearches.map((f) => TYPE_WORDS[f.what] ?? f.what).join(', ')} could not be loaded, so this view may be incomplete.`);
  if (unreadable.length) parts.push(`${unreadable.length} ${unreadable.length === 1 ? 'record' : 'records'} could not be read.`);
  if (truncated.length) parts.push(`The EHR returned more ${truncated.map((t) => TYPE_WORDS[t] ?? t).join(', ')} than the app reads at once; the oldest may be missing.`);
  return (
    <Alert
      severity="warning"
      sx={{ mb: 2 }}
      action={
        <Button color="inherit" size="small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide reasons' : 'Show reasons'}
        </Button>
      }
    >
      {parts.join(' ')}
      {open ? (
        <ul style={{ margin: '8px 0 0', paddingLeft: 20 }}>
          {failedSearches.map((f) => (
            <li key={`search-${f.what}`}>
              {TYPE_WORDS[f.what] ?? f.what}: {f.reason}
            </li>
          ))}
          {unreadable.map((u) => (
            <li key={`record-${u.reference}`}>
              {u.reference.split('/')[0]}: {u.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
