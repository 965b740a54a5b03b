import Typography from '@mui/material/Typography';
import type { TreatmentEvent } from '../../clinical';
import { TreatmentTable } from './TreatmentTable';

const KIND_WORDS: Record<TreatmentEvent['kind'], string> = {
  start: 'Start',
  'dose-change': 'Dose change',
  switch: 'Switch',
  augmentation: 'Augmentation',
  stop: 'Stop',
};

/** The chart markers as a table, newest first: the same changes for anyone who cannot see the chart. */
export function TreatmentChanges({ events }: { events: readonly TreatmentEvent[] }) {
  if (!events.length) return null;
  const rows = [...events].reverse().map((e, i) => ({
    key: `${e.instant}-${i}`,
    testId: 'treatment-change-row',
    cells: [e.localDate ?? new Date(e.instant).toISOString().slice(0, 10), KIND_WORDS[e.kind], e.description],
  }));
  return (
    <section aria-labelledby="treatment-changes">
      <Typography id="treatment-changes" component="h3" variant="subtitle1" sx={{ fontWeight: 600, mt: 2 }}>
        Medication changes
      </Typography>
      <Typography variant="body2">Each change is drawn as a vertical line on the PHQ-9 and GAD-7 charts.</Typography>
      <TreatmentTable caption="Medication changes" columns={['Date', 'Type', 'Change']} rows={rows} />
    </section>
  );
}
