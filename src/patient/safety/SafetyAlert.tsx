import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';
import type { ActiveFlag } from '../../clinical/flags/activeFlags';
import { getInstrument, type SafetyFinding } from '../../clinical';

function describeFinding(finding: SafetyFinding): string {
  const name = getInstrument(finding.instrument).name;
  const when = finding.localDate ? `on ${finding.localDate}` : 'on an unrecorded date';
  const ago = finding.daysAgo === undefined ? '' : finding.daysAgo === 0 ? ' (today)' : ` (${finding.daysAgo} days ago)`;
  const answer = finding.answerDisplay ? `"${finding.answerDisplay}"` : `${finding.item9} of 3`;
  return `${name} ${when}${ago}: item 9 (thoughts that you would be better off dead, or of hurting yourself) answered ${answer}.`;
}

/**
 * A safety finding at the top of the patient view: what was found and when, and what to do
 * now, including the 988 Suicide & Crisis Lifeline. Shown whenever the rule says so, never
 * dismissable: the finding stays until the record changes.
 */
export function SafetyAlert({ findings, safetyFlags }: { findings: readonly SafetyFinding[]; safetyFlags: readonly ActiveFlag[] }) {
  if (!findings.length && !safetyFlags.length) return null;
  return (
    <Alert severity="error" role="alert" sx={{ mb: 2 }} data-testid="safety-alert">
      <AlertTitle>Safety finding: possible risk of self-harm</AlertTitle>
      <ul style={{ margin: '0 0 8px', paddingLeft: 20 }}>
        {findings.map((f) => (
          <li key={f.administrationId}>{describeFinding(f)}</li>
        ))}
        {safetyFlags.map((flag) => (
          <li key={flag.reference}>
            Active safety flag: {flag.text}
            {flag.since ? ` (since ${flag.since.slice(0, 10)})` : ''}.
          </li>
        ))}
      </ul>
      <Typography variant="body2">
        Assess suicide risk now, following your clinic&apos;s safety protocol. If the patient is in crisis, call or text <strong>988</strong> (Suicide &amp; Crisis Lifeline) or chat at 988lifeline.org; if there is immediate danger, call 911.
      </Typography>
    </Alert>
  );
}
