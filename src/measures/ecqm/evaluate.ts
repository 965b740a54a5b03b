/**
 * Runs one measure over many patients in bounded chunks: fqm-execution's memory grows with
 * the patients of a call (about 600 MB for 670), so no call sees more than `chunkSize`.
 * Between chunks the caller hears the progress and may stop. Runs in Node and in a Worker.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { prefiltered, runEngine, type PatientResult } from './engine';
import type { MeasureId, MeasurementPeriod } from './measures';
import type { PatientBundle } from './patientBundles';
import { summarize, type MeasureSummary } from './summary';

export const DEFAULT_CHUNK_SIZE = 25;

export interface EvaluateOptions {
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Leave out, without the engine, patients the measure's prefilter proves are in no population (default true). */
  prefilter?: boolean;
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
  const filter = options.prefilter !== false;
  // Filtered first, so that every engine call gets a full chunk of patients it must evaluate.
  const skip = filter ? await prefiltered(measureBundle, patients.map((p) => p.bundle), period) : patients.map(() => false);
  const queue = patients.flatMap((p, i) => (skip[i] ? [] : [i]));
  const results: PatientResult[] = new Array<PatientResult>(patients.length);
  let engineMs = 0;
  let done = patients.length - queue.length;
  options.onProgress?.(done, patients.length);
  if (done > 0) {
    const left = patients.flatMap((p, i) => (skip[i] ? [i] : []));
    const run = await runEngine(measureBundle, left.map((i) => patients[i]!.bundle), period);
    left.forEach((at, j) => (results[at] = run.results[j]!));
  }
  for (let i = 0; i < queue.length; i += size) {
    options.signal?.throwIfAborted();
    const chunk = queue.slice(i, i + size);
    const run = await runEngine(measureBundle, chunk.map((at) => patients[at]!.bundle), period, { prefilter: false });
    engineMs += run.engineMs;
    chunk.forEach((at, j) => (results[at] = run.results[j]!));
    done += chunk.length;
    options.onProgress?.(done, patients.length);
  }
  return { measure, period, results, summary: summarize(measure, results), engineMs, totalMs: performance.now() - started };
}
