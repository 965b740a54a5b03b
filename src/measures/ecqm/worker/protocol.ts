/** Messages between the page and an eCQM worker. */
import type { EngineRun } from '../engine';
import type { MeasureId, MeasurementPeriod } from '../measures';
import type { PatientBundle } from '../patientBundles';

export interface EvaluateRequest {
  id: number;
  /** Each measure to run over the patients, with where its package's Bundle is served (a build asset). */
  measures: { measure: MeasureId; packageUrl: string }[];
  /** No patients: only load the packages and set the engine up, so the first batch does not wait for it. */
  patients: PatientBundle[];
  period: MeasurementPeriod;
}

export type EvaluateReply = { id: number; ok: true; runs: Partial<Record<MeasureId, EngineRun>> } | { id: number; ok: false; message: string };
