import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { PlanOutlook } from './usePlanOutlook';

/** Said at the top of a plan's region, before the form: where what is typed will be kept. */
export function PlanWriteNotice({ outlook, what }: { outlook: PlanOutlook; what: string }) {
  if (outlook.kind === 'plan') return null;
  if (outlook.kind === 'checking') {
    return (
      <Alert severity="info" role="status" sx={{ mb: 1 }}>
        Checking what this EHR accepts from the app. You can start; what you type is kept either way.
      </Alert>
    );
  }
  return (
    <Alert severity="warning" role="status" sx={{ mb: 1 }}>
      <AlertTitle>This EHR will not keep the {what} as a care plan</AlertTitle>
      {outlook.reason}{' '}
      {outlook.kind === 'note'
        ? `What you write is saved as a clinical note (plan of care note) in the chart instead, and a copy-ready text is offered.`
        : `It does not take a clinical note from the app either (${outlook.noteReason}) Copy the text offered below into the chart.`}
    </Alert>
  );
}
