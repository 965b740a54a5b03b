import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { InstrumentHistory } from '../../clinical/patientChart';
import { ScoreTable } from '../trajectory/ScoreTable';
import { SECTION_IDS } from './OverviewStrip';

/** Every administration of each instrument (the charts' table twins), below the overview. */
export function ScoreHistory({ histories }: { histories: readonly InstrumentHistory[] }) {
  const shown = histories.filter((h) => h.administrations.length > 0);
  return (
    <Paper component="section" aria-labelledby="heading-history" variant="outlined" sx={{ p: 2, mb: 2 }} id={SECTION_IDS.history}>
      <Typography id="heading-history" component="h2" variant="h6" gutterBottom>
        Score history
      </Typography>
      {shown.length === 0 ? <Typography>No scores on record.</Typography> : null}
      {shown.map((h) => (
        <ScoreTable key={h.instrument} instrument={h.instrument} administrations={h.administrations} />
      ))}
    </Paper>
  );
}
