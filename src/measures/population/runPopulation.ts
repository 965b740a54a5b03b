/**
 * `npm run measures -- --data DIR --workers N [--shard K/N]`: the measures over a population
 * too large to hold. Partition the NDJSON by patient into bucket files (one pass, streamed),
 * evaluate the buckets on worker threads, and either emit the results (as the in-memory run
 * does, identical to it) or, for one shard of several, write them as a partial result that
 * `npm run measures -- merge DIR...` combines with the others.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { listFiles } from '../../../sandbox/data/load';
import type { PatientResult } from '../ecqm/engine';
import type { MeasureEvaluation } from '../ecqm/evaluate';
import type { MeasureId, MeasurementPeriod } from '../ecqm/measures';
import { emitMeasure } from '../ecqm/node/emitResults';
import { readMeasureBundle } from '../ecqm/node/measurePackage';
import { progressBar } from '../ecqm/node/progressBar';
import { summarize } from '../ecqm/summary';
import type { ProgramPatient } from '../../clinical/program';
import { compareStrings } from '../../clinical/read/references';
import type { ProgramRunOptions } from '../ecqm/node/cliArgs';
import { emitProgram, programInput } from '../report/emitProgram';
import { addReference, emptyReferenceData } from '../report/programPatients';
import { evaluateBuckets } from './evaluationPool';
import { partitionByPatient, type BrokenLine, type Shard } from './partitionByPatient';
import { StatementNames } from './shareStatementNames';

export interface PopulationRunOptions {
  data: string;
  measures: MeasureId[];
  period: MeasurementPeriod;
  out?: string;
  workers?: number;
  shard?: Shard;
  chunkSize: number;
  /** Each worker's heap limit in MB (absent: the pool's default; 0: Node's own). */
  workerHeapMb?: number;
  program: ProgramRunOptions;
}

/** A shard's results, as `merge` reads them. */
export interface PartialResult {
  kind: 'cocm-measures-partial';
  shard: Shard;
  period: MeasurementPeriod;
  measures: MeasureId[];
  patients: number;
  broken: BrokenLine[];
  results: Record<MeasureId, PatientResult[]>;
  /**
   * The program measures count over the whole population (a month's rate, a stratum), so a
   * shard carries each of its patients' program model and `merge` computes the measures.
   */
  program: { options: ProgramRunOptions; patients: ProgramPatient[]; names: Record<string, string> };
}

/**
 * About 280 patients a bucket on the generated population: a bucket is a worker's unit of
 * memory, and small ones are cheaper in both. At 10,000 patients (all measures, two workers)
 * the run peaked at 1.57 GB resident with 24 MB buckets, 0.94 GB with 8 MB, 0.78 GB with 4 MB
 * and 0.71 GB with 2 MB, and took 9 to 14% less CPU than with 24 MB; the results the same.
 */
const BYTES_PER_BUCKET = 4 * 1024 * 1024;
/** Every bucket file is open while the data is partitioned: stay under the usual limit of 1,024 open files. */
const MAX_BUCKETS = 1000;

export async function runPopulation(options: PopulationRunOptions): Promise<void> {
  const workers = Math.max(1, options.workers ?? availableParallelism());
  const workDir = join(options.out ?? '.measures-work', `.buckets${options.shard ? `-${options.shard.index}-of-${options.shard.count}` : ''}`);
  const buckets = await bucketsFor(options.data, workers, options.shard?.count ?? 1);
  const reading = progressBar('Reading'.padEnd(9), 'files');
  const reference = emptyReferenceData();
  const partition = await partitionByPatient(options.data, workDir, {
    buckets,
    ...(options.shard ? { shard: options.shard } : {}),
    onFile: (d, t) => reading.update(d, t),
    onShared: (r) => addReference(reference, r),
  });
  reading.finish();
  const referenceFile = join(workDir, 'reference.json');
  await writeFile(referenceFile, JSON.stringify(reference));
  const program = options.program.enabled ? { today: options.program.today, timeZone: options.program.timeZone, reference: referenceFile } : undefined;
  for (const b of partition.broken) process.stderr.write(`${b.file}${b.line ? `:${b.line}` : ''}: skipped, ${b.reason}\n`);
  if (partition.broken.length > 0) process.stderr.write(`${partition.broken.length} line(s) could not be read; the patients they belong to are evaluated without them\n`);
  const bar = progressBar('Evaluate'.padEnd(9), 'buckets');
  const { results, program: patients } = await evaluateBuckets(partition.buckets, {
    workers,
    measures: options.measures,
    period: options.period,
    chunkSize: options.chunkSize,
    ...(options.workerHeapMb !== undefined ? { heapMb: options.workerHeapMb } : {}),
    ...(program ? { program } : {}),
    onBucket: (d, t) => bar.update(d, t),
  });
  bar.finish();
  await rm(workDir, { recursive: true, force: true });
  if (options.out) await mkdir(options.out, { recursive: true });
  if (options.shard && options.shard.count > 1) {
    if (!options.out) throw new Error('--shard needs --out: the shard writes its partial result there');
    const partial: PartialResult = {
      kind: 'cocm-measures-partial',
      shard: options.shard,
      period: options.period,
      measures: options.measures,
      patients: partition.patients,
      broken: partition.broken,
      results,
      program: { options: options.program, patients, names: reference.names },
    };
    const file = join(options.out, `partial-${options.shard.index}-of-${options.shard.count}.json`);
    await writeFile(file, JSON.stringify(partial));
    process.stderr.write(`Shard ${options.shard.index} of ${options.shard.count}: ${partition.patients} patients, written to ${file}\n`);
    return;
  }
  await emitAll(options.measures, options.period, results, { options: options.program, patients, names: reference.names }, options.out, options.data);
}

/** `merge DIR...`: the partial results of every shard, combined into one run's outputs. */
export async function mergePartials(dirs: readonly string[], out: string | undefined): Promise<void> {
  const partials: PartialResult[] = [];
  for (const dir of dirs) {
    const files = (await stat(dir)).isDirectory() ? (await readdir(dir)).filter((f) => /^partial-\d+-of-\d+\.json$/.test(f)).map((f) => join(dir, f)) : [dir];
    for (const f of files) partials.push(JSON.parse(await readFile(f, 'utf8')) as PartialResult);
  }
  if (partials.length === 0) throw new Error(`no partial results (partial-K-of-N.json) in ${dirs.join(', ')}`);
  const [first] = partials as [PartialResult];
  const count = first.shard.count;
  for (const p of partials) {
    if (p.kind !== 'cocm-measures-partial') throw new Error('a file is not a partial result of npm run measures --shard');
    if (p.shard.count !== count) throw new Error(`the partial results come from different splits (${count} and ${p.shard.count} shards)`);
    if (p.period.start !== first.period.start || p.period.end !== first.period.end) throw new Error('the partial results have different measurement periods');
    if (p.measures.join() !== first.measures.join() || p.program?.options.enabled !== first.program?.options.enabled) throw new Error('the partial results are of different measures');
    const [a, b] = [p.program?.options, first.program?.options];
    if (a?.today !== b?.today || a?.timeZone !== b?.timeZone) throw new Error('the partial results were made for different days or time zones (--today, --time-zone): run the shards with the same ones');
  }
  const seen = new Set(partials.map((p) => p.shard.index));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new Error(`shard(s) ${missing.join(', ')} of ${count} are missing: run them, or merge would undercount`);
  if (seen.size !== partials.length) throw new Error('a shard is given twice');
  const names = new StatementNames();
  const results = Object.fromEntries(first.measures.map((m) => [m, partials.flatMap((p) => names.share(p.results[m] ?? [])).sort((a, b) => compareStrings(a.patientId, b.patientId))])) as Record<MeasureId, PatientResult[]>;
  const program: PartialResult['program'] = {
    options: first.program.options,
    patients: partials.flatMap((p) => p.program.patients).sort((a, b) => compareStrings(a.id, b.id)),
    names: Object.assign({}, ...partials.map((p) => p.program.names)) as Record<string, string>,
  };
  if (out) await mkdir(out, { recursive: true });
  await emitAll(first.measures, first.period, results, program, out, dirs.join(', '));
}

async function emitAll(
  measures: readonly MeasureId[],
  period: MeasurementPeriod,
  results: Record<MeasureId, PatientResult[]>,
  program: PartialResult['program'],
  out: string | undefined,
  source: string,
): Promise<void> {
  const generatedAt = new Date().toISOString();
  for (const measure of measures) {
    const evaluation: MeasureEvaluation = { measure, period, results: results[measure], summary: summarize(measure, results[measure]), engineMs: 0, totalMs: 0 };
    await emitMeasure(await readMeasureBundle(measure), evaluation, out, generatedAt);
  }
  if (program.options.enabled) await emitProgram(programInput(program.patients, results, period, program.options, program.names), out, generatedAt, source);
}

/** How many bucket files to partition the data at `path` into, for `workers` threads and one of `shards` shards. */
export async function bucketsFor(path: string, workers: number, shards: number): Promise<number> {
  return Math.max(workers * 2, Math.min(MAX_BUCKETS, Math.ceil((await inputBytes(path)) / BYTES_PER_BUCKET / shards)));
}

async function inputBytes(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const f of await listFiles(path)) total += (await stat(f)).size;
  return total;
}
