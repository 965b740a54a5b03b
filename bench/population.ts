/**
 * The measures at population scale (issue 19): a generated population (npm run population),
 * partitioned by patient and evaluated for both eCQMs on one worker thread per core, as
 * `npm run measures -- --data DIR --workers N` does. Reports patients per second end to end
 * from NDJSON on disk, and the process's peak memory (the workers share it). Then, untimed,
 * the check issue 19 asks for: on a sample of up to 2,000 of the patients, the populations of
 * every patient equal those of a single-threaded run of the engine without the prefilter
 * (`same_as_single_thread_unfiltered`, over `compared_patients`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePopulation } from '../sandbox/population/generatePopulation.ts';
import { evaluateMeasure } from '../src/measures/ecqm/evaluate.ts';
import type { PatientResult } from '../src/measures/ecqm/engine.ts';
import { MEASURE_IDS, type MeasureId, type MeasurementPeriod } from '../src/measures/ecqm/measures.ts';
import { loadMeasureDataByFile } from '../src/measures/ecqm/node/loadData.ts';
import { readMeasureBundle } from '../src/measures/ecqm/node/measurePackage.ts';
import { patientBundles } from '../src/measures/ecqm/patientBundles.ts';
import { evaluateBuckets } from '../src/measures/population/evaluationPool.ts';
import { bucketsFor } from '../src/measures/population/runPopulation.ts';
import { partitionByPatient } from '../src/measures/population/partitionByPatient.ts';
import { type Figure, progress, skippedFigure } from './print.ts';

export const POPULATION_FIGURES = [
  ['population_patients_per_s', 'patients/s'],
  ['population_peak_rss_bytes', 'bytes'],
] as const;

/** Patients of the single-threaded, unfiltered comparison (issue 19: "a 2,000-patient sample"). */
const SAMPLE = 2000;

/**
 * Whether the pooled, prefiltered results put every sampled patient (the first SAMPLE by id)
 * in the same populations as the engine run in this thread over every patient, unfiltered.
 */
async function sameAsSingleThreadUnfiltered(data: string, pooled: Record<MeasureId, PatientResult[]>, period: MeasurementPeriod): Promise<{ same: boolean; compared: number }> {
  const sample = new Set(pooled[MEASURE_IDS[0]!].slice(0, SAMPLE).map((r) => r.patientId));
  const bundles = patientBundles((await loadMeasureDataByFile(data)).flat()).filter((p) => sample.has(p.patientId));
  const landing = (r: PatientResult) => `${r.patientId}:${Object.values(r.populations).join()}`;
  let same = bundles.length === sample.size;
  for (const measure of MEASURE_IDS) {
    progress(`population: ${measure} single-threaded and unfiltered over ${bundles.length} patients, to compare`);
    const single = await evaluateMeasure(measure, await readMeasureBundle(measure), bundles, period, { prefilter: false });
    const expected = new Map(single.results.map((r) => [r.patientId, landing(r)]));
    same &&= pooled[measure].filter((r) => sample.has(r.patientId)).every((r) => expected.get(r.patientId) === landing(r));
  }
  return { same, compared: bundles.length };
}

export async function benchPopulation(patients: number, seed: string): Promise<Figure[]> {
  if (patients === 0) return POPULATION_FIGURES.map(([name, unit]) => skippedFigure(name, unit, 'not measured in this mode'));
  const work = await mkdtemp(join(tmpdir(), 'cocm-bench-population-'));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  try {
    const workers = availableParallelism();
    const generated = performance.now();
    await writePopulation({ patients, out: join(work, 'data'), seed, now: new Date('2026-12-01T00:00:00Z') });
    const generateMs = performance.now() - generated;
    progress(`population: ${patients} patients generated in ${(generateMs / 1000).toFixed(1)} s; evaluating on ${workers} workers`);
    const started = performance.now();
    const partition = await partitionByPatient(join(work, 'data'), join(work, 'buckets'), { buckets: await bucketsFor(join(work, 'data'), workers, 1) });
    const partitionMs = performance.now() - started;
    const period = { start: '2026-01-01', end: '2026-12-31' };
    const { results } = await evaluateBuckets(partition.buckets, { workers, measures: [...MEASURE_IDS], period, chunkSize: 25 });
    const totalMs = performance.now() - started;
    // The run's memory; the comparison below holds its sample in this process.
    clearInterval(sampler);
    const check = await sameAsSingleThreadUnfiltered(join(work, 'data'), results, period);
    const evaluated = Math.min(...MEASURE_IDS.map((m) => results[m].length));
    const context = {
      patients: partition.patients,
      evaluated,
      workers,
      measures: MEASURE_IDS.join('+'),
      generate_ms: Math.round(generateMs),
      partition_ms: Math.round(partitionMs),
      total_ms: Math.round(totalMs),
      same_as_single_thread_unfiltered: check.same,
      compared_patients: check.compared,
    };
    return [
      { name: 'population_patients_per_s', value: Math.round((partition.patients / (totalMs / 1000)) * 10) / 10, unit: 'patients/s', ...context },
      { name: 'population_peak_rss_bytes', value: peak, unit: 'bytes', ...context },
    ];
  } finally {
    clearInterval(sampler);
    await rm(work, { recursive: true, force: true });
  }
}
