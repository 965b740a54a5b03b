import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { RecordOutcome, SaveReport } from '../save/saveScreening';

function outcomeWords(outcome: RecordOutcome | undefined): string {
  if (!outcome) return 'not sent';
  switch (outcome.status) {
    case 'saved':
      return outcome.existing ? 'saved (already in the chart)' : 'saved';
    case 'already-there':
      return `not added: ${outcome.reason}`;
    default:
      return `not saved: ${outcome.reason}`;
  }
}

/** What was saved and what was not, record by record, after a save. */
export function ResultSummary({ report }: { report: SaveReport }) {
  const savedAll = report.specs.every((s) => report.outcomes[s.key]?.status === 'saved');
  const severity = savedAll ? 'success' : report.finished ? 'info' : 'warning';
  const title = savedAll
    ? 'Saved to the chart'
    : report.finished
      ? 'Saved what this EHR accepts'
      : report.sessionEnded
        ? 'Your EHR session ended before everything was saved'
        : 'Not everything was saved';
  return (
    <Alert severity={severity} role="status" sx={{ mb: 2 }}>
      <AlertTitle>{title}</AlertTitle>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {report.specs.map((spec) => (
          <li key={spec.key}>
            {spec.label}: {outcomeWords(report.outcomes[spec.key])}
          </li>
        ))}
      </ul>
      {!report.finished ? (
        <p style={{ margin: '8px 0 0' }}>
          {report.sessionEnded
            ? 'Open CoCM Registry again from the EHR, then open the screening: the answers are kept in this window and only what is missing will be sent.'
            : 'Retry sends only what is missing; nothing is saved twice.'}
        </p>
      ) : null}
    </Alert>
  );
}
