import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { ContactLog } from '../contacts/ContactLog';
import { errorMessage } from '../shared/ErrorNote';
import { usePatientChart } from './chart/PatientChartProvider';
import { RetryNote } from './chart/RetryNote';
import { ActiveFlags } from './flags/ActiveFlags';
import { ReadProblems } from './ReadProblems';
import { ScreenNow } from './ScreenNow';
import { SafetySection } from './safety/SafetySection';
import { InstrumentSection, preloadTrajectoryChart } from './trajectory/InstrumentSection';
import { TreatmentSection } from './treatment/TreatmentSection';

/** The patient's symptom trajectory and treat-to-target summary (below the banner), from the one chart read. */
export function PatientView() {
  const { patientId, chart, error, refresh } = usePatientChart();
  // The chart's chunk loads alongside the reads rather than after them.
  useEffect(() => void preloadTrajectoryChart().catch(() => undefined), []);
  if (!chart && error) return <RetryNote severity="error" title="The patient's scores could not be read:" reason={errorMessage(error)} />;
  if (!chart) {
    return (
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', p: 2 }} aria-busy="true">
        <CircularProgress size={20} aria-label="Loading scores" />
        <Typography>Loading scores from the EHR…</Typography>
      </Box>
    );
  }
  const { facts } = chart;
  const safetyFlags = chart.flags.filter((f) => f.safety);
  const nothingReadable = !facts.scores.known && chart.histories.every((h) => h.administrations.length === 0);
  const enrolled = chart.row.course !== undefined;
  return (
    <>
      {error ? <RetryNote title="The chart could not be brought up to date:" reason={`${errorMessage(error)} It shows what was read before.`} /> : null}
      <SafetySection patientId={patientId} findings={chart.alerts} safetyFlags={safetyFlags} assessments={chart.assessments} onAssessed={refresh} />
      {!facts.scores.known ? <RetryNote title="Safety findings could not all be checked." reason={facts.scores.reason} /> : null}
      <ScreenNow patientId={patientId} onSaved={refresh} />
      <ContactLog patientId={patientId} />
      <ReadProblems failedSearches={[...chart.failedSearches, ...(chart.treatment?.failedSearches ?? [])]} unreadable={[...chart.unreadable, ...(chart.treatment?.unreadable ?? [])]} truncated={[...chart.truncated, ...(chart.treatment?.truncated ?? [])]} />
      {nothingReadable ? <Alert severity="error" sx={{ mb: 2 }}>No scores could be loaded for this patient. The reasons are listed above.</Alert> : null}
      {facts.flags.known ? <ActiveFlags flags={chart.flags} /> : <RetryNote title="Flags could not be read." reason={facts.flags.reason} />}
      {chart.histories.map((history) => (
        <InstrumentSection key={history.instrument} history={history} now={chart.readAt} enrolled={enrolled} settings={chart.settings} markers={chart.treatment?.markers} />
      ))}
      <TreatmentSection model={chart.treatment} now={chart.readAt} />
    </>
  );
}
