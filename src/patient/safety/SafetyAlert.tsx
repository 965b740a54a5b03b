/**
 * Safety findings at the top of the patient view: one sentence per finding (its safety flag
 * folded in), what to do now including the 988 Suicide & Crisis Lifeline, and "Risk assessed"
 * for each. An assessed finding leaves the alert and stays below it, with its assessment.
 * Never dismissable otherwise: a finding alerts until an assessment of it is in the record.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { getInstrument } from '../../clinical';
import { RISK_OUTCOME_LABEL, type RiskAssessment, type SafetyItem } from '../../clinical/safety/riskAssessment';

/** One sentence for one safety item: the finding, with its flag, or a flag on its own. */
export function safetySentence(item: SafetyItem): string {
  const f = item.finding;
  const flagged = item.flags.length > 0 ? ' A safety flag is set in the EHR.' : '';
  if (!f) {
    const flag = item.flags[0];
    return `Active safety flag: ${flag?.text ?? 'no description'}${flag?.since ? ` (since ${flag.since.slice(0, 10)})` : ''}.`;
  }
  const name = getInstrument(f.instrument).name;
  const when = f.localDate ? `on ${f.localDate}` : 'on an unrecorded date';
  const ago = f.daysAgo === undefined ? '' : f.daysAgo === 0 ? ' (today)' : ` (${f.daysAgo} days ago)`;
  const answer = f.answerDisplay ? `"${f.answerDisplay}"` : `${f.item9} of 3`;
  return `${name} ${when}${ago}: item 9 (thoughts that you would be better off dead, or of hurting yourself) answered ${answer}.${flagged}`;
}

function assessmentSentence(a: RiskAssessment, nameOf: (reference: string | undefined) => string): string {
  const by = a.by ? ` by ${nameOf(a.by)}` : '';
  return `Risk assessed ${a.date}${a.time ? ` ${a.time}` : ''}${by}: ${a.outcome ? RISK_OUTCOME_LABEL[a.outcome] : 'outcome not recorded'}. Plan: ${a.plan || 'not recorded'}`;
}

export interface SafetyAlertProps {
  open: readonly SafetyItem[];
  assessed: readonly { item: SafetyItem; assessment: RiskAssessment }[];
  /** Offered only where the user may record it (role, EHR); absent: no button. */
  onAssess?: ((item: SafetyItem) => void) | undefined;
  /** Assessments could not be read: the alert stays, and says so. */
  assessmentsUnknown?: string | undefined;
  nameOf?: (reference: string | undefined) => string;
}

export function SafetyAlert({ open, assessed, onAssess, assessmentsUnknown, nameOf = (r) => r ?? '' }: SafetyAlertProps) {
  if (!open.length && !assessed.length) return null;
  return (
    <>
      {open.length ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }} data-testid="safety-alert">
          <AlertTitle>Safety finding: possible risk of self-harm</AlertTitle>
          <ul style={{ margin: '0 0 8px', paddingLeft: 20 }}>
            {open.map((item) => (
              <li key={item.key} data-testid="safety-finding">
                {safetySentence(item)}
                {onAssess ? (
                  <Button size="small" variant="outlined" color="inherit" sx={{ ml: 1, py: 0 }} onClick={() => onAssess(item)}>
                    Risk assessed
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
          <Typography variant="body2">
            Assess suicide risk now, following your clinic&apos;s safety protocol. If the patient is in crisis, call or text <strong>988</strong> (Suicide &amp; Crisis Lifeline) or
            chat at 988lifeline.org; if there is immediate danger, call 911.
          </Typography>
          {assessmentsUnknown ? <Typography variant="body2">{assessmentsUnknown} This alert stays until they are read.</Typography> : null}
        </Alert>
      ) : null}
      {assessed.length ? (
        <section aria-label="Assessed safety findings" data-testid="safety-assessed">
          <Typography variant="subtitle2" component="h2">
            Assessed safety findings
          </Typography>
          <ul style={{ margin: '0 0 16px', paddingLeft: 20 }}>
            {assessed.map(({ item, assessment }) => (
              <li key={item.key}>
                <Typography variant="body2">
                  {safetySentence(item)} {assessmentSentence(assessment, nameOf)}
                </Typography>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
