/**
 * The patient view below the overview: registry steps, contacts, flags, the score history
 * (the charts' table twin), treatment and the plans. Not needed for the first paint, so it is
 * a chunk of its own (src/patient/deferred), downloaded once the chart's reads are on the wire.
 */
import { ContactLog } from '../contacts/ContactLog';
import { usePatientChart } from './chart/PatientChartProvider';
import { UnknownNote } from './chart/UnknownNote';
import { ActiveFlags } from './flags/ActiveFlags';
import { SECTION_IDS } from './overview/OverviewStrip';
import { ScoreHistory } from './overview/ScoreHistory';
import { EducationSection } from './plan/EducationSection';
import { RelapsePlanSection } from './plan/RelapsePlanSection';
import { TreatmentPlanSection } from './plan/TreatmentPlanSection';
import { RegistryPanel } from './registry/RegistryPanel';
import { TreatmentSection } from './treatment/TreatmentSection';

export default function PatientDetails({ onEnrolled }: { onEnrolled?: ((patientId: string) => void) | undefined }) {
  const { patientId, chart } = usePatientChart();
  if (!chart) return null;
  const { facts } = chart;
  return (
    <>
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
