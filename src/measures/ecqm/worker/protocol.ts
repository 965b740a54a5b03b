/** Messages between the page and the eCQM worker. */
import type { EngineRun } from '../engine';
import type { MeasureId, MeasurementPeriod } from '../measures';
import type { PatientBundle } from '../patientBundles';

export interface EvaluateRequest {
  id: number;
  measure: MeasureId;
  /** Where the measure package's Bundle is served (a build asset). */
  packageUrl: string;
  patients: PatientBundle[];
  period: MeasurementPeriod;
}

export type EvaluateReply = { id: number; ok: true; run: EngineRun } | { id: number; ok: false; message: string };
