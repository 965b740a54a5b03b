import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { RetryNote } from '../chart/RetryNote';
import { DiagnosesList } from './DiagnosesList';
import { MedicationsList } from './MedicationsList';
import { TreatmentChanges } from './TreatmentChanges';
import type { TreatmentModel } from '../../clinical/patientChart';

const TYPE_WORDS: Record<string, string> = { MedicationStatement: 'medication statements', Communication: 'the handouts given (see Patient education)' };

function leftOutWords(model: TreatmentModel): string | undefined {
  if (!model.ignored.length) return undefined;
  const byReason = new Map<string, number>();
  for (const i of model.ignored) byReason.set(i.reason, (byReason.get(i.reason) ?? 0) + 1);
  const parts = [...byReason].map(([reason, n]) => `${n} ${n === 1 ? 'record' : 'records'} ${reason}`);
  return `Not shown: ${parts.join('; ')}.`;
}

/**
 * What was tried, beside what the scores did: behavioural health diagnoses, psychotropic
 * medications with their dose steps and the changes drawn on the charts (care plans, the app's
 * and other systems', are in the Treatment plan section).
 * Its reads run beside the scores' and never hold up the chart.
 */
export function TreatmentSection({ model, now }: { model: TreatmentModel | undefined; now: Date }) {
  return (
    <Paper component="section" aria-labelledby="heading-treatment" variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography id="heading-treatment" component="h2" variant="h6" gutterBottom>
        Treatment
      </Typography>
      {model?.failedSearches.length ? (
        <RetryNote
          title="Some treatment records could not be read, so the lists below may be incomplete."
          reason={`Not loaded: ${model.failedSearches.map((f) => f.what).join(', ')}.`}
        />
      ) : null}
      {!model ? (
        <Skeleton variant="rectangular" height={120} aria-label="Loading diagnoses and medications" />
      ) : (
        <>
          <DiagnosesList diagnoses={model.diagnoses} />
          <MedicationsList timeline={model.timeline} now={now} />
          <TreatmentChanges events={model.timeline.events} />
          {leftOutWords(model) ? (
            <Typography variant="caption" component="p" sx={{ mt: 1 }}>
              {leftOutWords(model)}
            </Typography>
          ) : null}
          {model.notOffered.length ? (
            <Typography variant="caption" component="p">
              This EHR does not offer {model.notOffered.map((t) => TYPE_WORDS[t] ?? t).join(', ')} to apps.
            </Typography>
          ) : null}
        </>
      )}
    </Paper>
  );
}
