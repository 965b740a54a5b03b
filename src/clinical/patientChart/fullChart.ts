import type { RowOptions } from '../caseload/caseloadRow.ts';
import { buildPatientChartWith, type PatientChart } from './patientChart.ts';
import { buildTreatmentModel } from './treatment.ts';
import type { PatientChartRecords } from './types.ts';

/** One patient's whole chart, treatment included (the patient view loads the treatment builder after its first paint). */
export function buildPatientChart(records: PatientChartRecords, options: RowOptions): PatientChart {
  return buildPatientChartWith(buildTreatmentModel, records, options);
}
