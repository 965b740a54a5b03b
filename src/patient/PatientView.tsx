import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo } from 'react';
import { clinicTimeZone } from '../config/runtimeConfig';
import { ContactLog } from '../contacts/ContactLog';
import type { Session } from '../fhir/session';
import { ErrorNote } from '../shared/ErrorNote';
import { ActiveFlags } from './flags/ActiveFlags';
import { ReadProblems } from './ReadProblems';
import { ScreenNow } from './ScreenNow';
import { SafetySection } from './safety/SafetySection';
import { InstrumentSection, preloadTrajectoryChart } from './trajectory/InstrumentSection';
import { TreatmentSection } from './treatment/TreatmentSection';
import { withTreatmentProblems } from './treatment/treatmentModel';
import { useTreatmentRecords } from './treatment/useTreatmentRecords';
import { type CourseWindow, withCourseWindow } from './patientRecordModel';
import { usePatientRecords } from './usePatientRecords';

/** The patient's symptom trajectory and treat-to-target summary (below the banner). */
export function PatientView({ session, patientId, courseWindow }: { session: Session; patientId: string; courseWindow?: CourseWindow | undefined }) {
  const { state, reload } = usePatientRecords(session, patientId);
  // The chart's chunk loads alongside the scores rather than after them.
  useEffect(() => void preloadTrajectoryChart().catch(() => undefined), []);
  // Started in the same render, so its reads leave with the scores' and never delay the chart.
  const treatment = useTreatmentRecords(session, patientId);
  const treatmentModel = treatment.status === 'done' ? treatment.value : treatment.status === 'loading' ? treatment.previous : undefined;
  const readModel = state.status === 'done' ? state.value : state.status === 'loading' ? state.previous : undefined;
  const timeZone = clinicTimeZone(session.settings);
  const model = useMemo(() => (readModel ? withCourseWindow(readModel, courseWindow, timeZone, session.settings.program.clinical) : undefined), [readModel, courseWindow, timeZone, session]);
  if (state.status === 'failed') return <ErrorNote error={state.error} title="The patient's scores could not be read" />;
  if (!model) {
    return (
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', p: 2 }} aria-busy="true">
        <CircularProgress size={20} aria-label="Loading scores" />
        <Typography>Loading scores from the EHR…</Typography>
      </Box>
    );
  }
  const safetyFlags = model.flags.filter((f) => f.safety);
  const nothingReadable = model.failedSearches.length >= 2 && model.histories.every((h) => h.administrations.length === 0);
  return (
    <>
      <SafetySection session={session} patientId={patientId} findings={model.alerts} safetyFlags={safetyFlags} />
      <ScreenNow session={session} patientId={patientId} onSaved={reload} />
      <ContactLog session={session} patientId={patientId} onScreeningSaved={reload} />
      <ReadProblems model={withTreatmentProblems(model, treatmentModel)} />
      {nothingReadable ? <Alert severity="error" sx={{ mb: 2 }}>No scores could be loaded for this patient. The reasons are listed above.</Alert> : null}
      <ActiveFlags flags={model.flags} />
      {model.histories.map((history) => (
        <InstrumentSection key={history.instrument} history={history} now={model.readAt} enrolled={courseWindow !== undefined} settings={model.settings} markers={treatmentModel?.markers} />
      ))}
      <TreatmentSection state={treatment} now={model.readAt} />
    </>
  );
}
