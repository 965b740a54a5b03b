/**
 * Runs one measure over many patients in bounded chunks: fqm-execution's memory grows with
 * the patients of a call (about 600 MB for 670), so no call sees more than `chunkSize`.
 * Between chunks the caller hears the progress and may stop. Runs in Node and in a Worker.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { runEngine, type PatientResult } from './engine';
import type { MeasureId, MeasurementPeriod } from './measures';
import type { PatientBundle } from './patientBundles';
import { summarize, type MeasureSummary } from './summary';

export const DEFAULT_CHUNK_SIZE = 25;

export interface EvaluateOptions {
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface MeasureEvaluation {
  measure: MeasureId;
  period: MeasurementPeriod;
  results: PatientResult[];
  summary: MeasureSummary;
  /** Milliseconds inside the engine, and for the whole evaluation. */
  engineMs: number;
  totalMs: number;
}

export async function evaluateMeasure(
  measure: MeasureId,
  measureBundle: Bundle,
  patients: readonly PatientBundle[],
  period: MeasurementPeriod,
  options: EvaluateOptions = {},
): Promise<MeasureEvaluation> {
  const started = performance.now();
  const size = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const results: PatientResult[] = [];
  let engineMs = 0;
  options.onProgress?.(0, patients.length);
  for (let i = 0; i < patients.length; i += size) {
    options.signal?.throwIfAborted();
    const chunk = patients.slice(i, i + size);
    const run = await runEngine(measureBundle, chunk.map((p) => p.bundle), period);
    engineMs += run.engineMs;
    results.push(...run.results);
    options.onProgress?.(Math.min(i + size, patients.length), patients.length);
  }
  return { measure, period, results, summary: summarize(measure, results), engineMs, totalMs: performance.now() - started };
}
