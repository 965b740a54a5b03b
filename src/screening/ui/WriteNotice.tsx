import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { WritePlan } from '../model/writePlan';

/**
 * What this EHR will and will not take, in plain words, with what to do instead. Shown at
 * the start (over everything a screening may produce) and at review (over this screening).
 */
export function WriteNotice({ plan, when }: { plan: WritePlan; when: 'start' | 'review' }) {
  if (plan.wontSave.length === 0) {
    if (plan.checking) {
      return (
        <Alert severity="info" role="status" sx={{ mb: 2 }}>
          Checking what this EHR accepts from the app. You can start; the answers are kept either way.
        </Alert>
      );
    }
    if (when === 'start') return null;
    return (
      <Alert severity="success" role="status" sx={{ mb: 2 }}>
        Will be saved to the chart: {plan.willTry.map((p) => p.spec.label).join(', ')}.
      </Alert>
    );
  }
  const reasons = [...new Set(plan.wontSave.map((p) => (p.verdict.status === 'not-allowed' ? p.verdict.reason : '')).filter(Boolean))];
  return (
    <Alert severity="warning" role="status" sx={{ mb: 2 }}>
      <AlertTitle>{plan.noteOnly ? 'This EHR will not accept the screening from the app' : 'This EHR will not accept all of the screening from the app'}</AlertTitle>
      {plan.willTry.length > 0 ? <p style={{ margin: '0 0 8px' }}>Will be saved: {plan.willTry.map((p) => p.spec.label).join(', ')}.</p> : null}
      <p style={{ margin: '0 0 8px' }}>Not saved by the app: {plan.wontSave.map((p) => p.spec.label).join(', ')}.</p>
      <ul style={{ margin: '0 0 8px', paddingLeft: 20 }}>
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {plan.instead.map((line) => (
        <p key={line} style={{ margin: '0 0 8px' }}>
          {line}
        </p>
      ))}
      <p style={{ margin: 0 }}>A copy-ready note text of the result is offered {when === 'start' ? 'at the end' : 'below'}.</p>
    </Alert>
  );
}
