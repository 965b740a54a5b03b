/**
 * The measures at population scale (issue 19): a generated population (npm run population),
 * partitioned by patient and evaluated for both eCQMs on one worker thread per core, as
 * `npm run measures -- --data DIR --workers N` does. Reports patients per second end to end
 * from NDJSON on disk, and the process's peak memory (the workers share it).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePopulation } from '../sandbox/population/generatePopulation.ts';
import { MEASURE_IDS } from '../src/measures/ecqm/measures.ts';
import { evaluateBuckets } from '../src/measures/population/evaluationPool.ts';
import { partitionByPatient } from '../src/measures/population/partitionByPatient.ts';
import { type Figure, progress, skippedFigure } from './print.ts';

export const POPULATION_FIGURES = [
  ['population_patients_per_s', 'patients/s'],
  ['population_peak_rss_bytes', 'bytes'],
] as const;

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
    const partition = await partitionByPatient(join(work, 'data'), join(work, 'buckets'), { buckets: Math.max(workers * 2, Math.ceil(patients / 500)) });
    const partitionMs = performance.now() - started;
    const { results } = await evaluateBuckets(partition.buckets, { workers, measures: [...MEASURE_IDS], period: { start: '2026-01-01', end: '2026-12-31' }, chunkSize: 25 });
    const totalMs = performance.now() - started;
    const evaluated = Math.min(...MEASURE_IDS.map((m) => results[m].length));
    const context = {
      patients: partition.patients,
      evaluated,
      workers,
      measures: MEASURE_IDS.join('+'),
      generate_ms: Math.round(generateMs),
      partition_ms: Math.round(partitionMs),
      total_ms: Math.round(totalMs),
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
