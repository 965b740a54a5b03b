import Alert from '@mui/material/Alert';
import { isOpenPhase } from '../clinical/enrollment';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { ContactLog } from '../contacts/ContactLog';
import { errorMessage } from '../shared/ErrorNote';
import { usePatientChart } from './chart/PatientChartProvider';
import { RetryNote } from './chart/RetryNote';
import { UnknownNote } from './chart/UnknownNote';
import { ActiveFlags } from './flags/ActiveFlags';
import { OverviewStrip, SECTION_IDS } from './overview/OverviewStrip';
import { ScoreHistory } from './overview/ScoreHistory';
import { ReadProblems } from './ReadProblems';
import { RegistryPanel } from './registry/RegistryPanel';
import { SafetySection } from './safety/SafetySection';
import { InstrumentSection, preloadTrajectoryChart } from './trajectory/InstrumentSection';
import { EducationSection } from './plan/EducationSection';
import { RelapsePlanSection } from './plan/RelapsePlanSection';
import { TreatmentPlanSection } from './plan/TreatmentPlanSection';
import { TreatmentSection } from './treatment/TreatmentSection';

/**
 * The patient view below the banner, overview first: safety, then one line of phase, next
 * contact and review due, then each instrument's summary and chart side by side, all above
 * the fold in the EHR frame; the registry steps, contacts, flags, score history, treatment and the
 * plans follow, reachable from the overview's links. Everything from the one chart read.
 */
export function PatientView({ onEnrolled }: { onEnrolled?: (patientId: string) => void }) {
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
  // "Bring to the case review" is for a patient in treatment now, not one discharged years ago.
  const inTreatment = chart.episode !== undefined && isOpenPhase(chart.episode.phase);
  const scoresUnknown = facts.scores.known ? undefined : facts.scores.loading ? 'Loading older scores…' : facts.scores.reason;
  return (
    <>
      {error ? <RetryNote title="The chart could not be brought up to date:" reason={`${errorMessage(error)} It shows what was read before.`} /> : null}
      <SafetySection
        patientId={patientId}
        findings={chart.alerts}
        safetyFlags={safetyFlags}
        assessments={chart.assessments}
        assessmentsUnknown={facts.assessments.known ? undefined : facts.assessments.reason}
        onAssessed={refresh}
      />
      <OverviewStrip />
      <ReadProblems
        failedSearches={[...chart.failedSearches, ...(chart.treatment?.failedSearches ?? [])]}
        unreadable={[...chart.unreadable, ...(chart.treatment?.unreadable ?? [])]}
        truncated={[...chart.truncated, ...(chart.treatment?.truncated ?? [])]}
      />
      {nothingReadable ? (
        <Alert severity="error" sx={{ mb: 1 }}>
          No scores could be loaded for this patient. The reasons are listed above.
        </Alert>
      ) : null}
      <UnknownNote
        fact={facts.scores}
        title="Safety findings could not all be checked."
        loadingTitle="Loading older scores from the EHR… The newest are shown; the older ones follow."
      />
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(600px, 100%), 1fr))', gap: 1, mb: 2 }}>
        {chart.histories.map((history) => (
          <InstrumentSection
            key={history.instrument}
            history={history}
            now={chart.readAt}
            enrolled={enrolled}
            inTreatment={inTreatment}
            settings={chart.settings}
            markers={chart.treatment?.markers}
            unknown={scoresUnknown}
          />
        ))}
      </Box>
      <div id={SECTION_IDS.registry}>
        <RegistryPanel {...(onEnrolled ? { onEnrolled } : {})} />
      </div>
      <div id={SECTION_IDS.contacts}>
        <ContactLog patientId={patientId} />
      </div>
      <div id={SECTION_IDS.flags}>
        {facts.flags.known ? <ActiveFlags flags={chart.flags} /> : <UnknownNote fact={facts.flags} title="Flags could not be read." loadingTitle="Loading flags…" />}
      </div>
      <ScoreHistory histories={chart.histories} />
      <div id={SECTION_IDS.treatment}>
        <TreatmentSection model={chart.treatment} now={chart.readAt} />
      </div>
      <div id={SECTION_IDS.treatmentPlan}>
        <TreatmentPlanSection />
      </div>
      <div id={SECTION_IDS.relapsePlan}>
        <RelapsePlanSection />
      </div>
      <div id={SECTION_IDS.education}>
        <EducationSection />
      </div>
    </>
  );
}
