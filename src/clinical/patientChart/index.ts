// One patient's chart: the patient view's whole model, built from one read. Pure.
export {
  buildPatientChartWith,
  caseloadRecordsOf,
  CHARTED_INSTRUMENTS,
  type ChartFacts,
  type InstrumentHistory,
  type PatientChart,
  type TreatmentBuilder,
} from './patientChart.ts';
export { buildPatientChart } from './fullChart.ts';
export { buildTreatmentModel, markerOf, type TreatmentMarker, type TreatmentModel, type TreatmentRecordsRead } from './treatment.ts';
export type { Known, PatientChartRecords, ReadProblem } from './types.ts';
