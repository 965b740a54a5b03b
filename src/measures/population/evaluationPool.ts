/**
 * Evaluates bucket files on a pool of worker threads (one per core by default), each bucket
 * sent to the next free worker; a worker that fails a bucket reports it and the run stops
 * with the bucket's name. Workers inherit this process's loader (tsx), so they run the same
 * TypeScript modules.
 */
import { Worker } from 'node:worker_threads';
import type { ProgramPatient } from '../../clinical/program';
import { compareStrings } from '../../clinical/read/references';
import type { PatientResult } from '../ecqm/engine';
import type { MeasureId, MeasurementPeriod } from '../ecqm/measures';
import type { BucketJob, BucketResult } from './poolProtocol';
import { StatementNames } from './shareStatementNames';

/**
 * A worker's heap limit by default. Without one, V8 lets each worker's heap grow towards its
 * own limit (about 4 GB here) before collecting in earnest, though a bucket's live data is a
 * few hundred MB: at 10,000 patients on a quiet machine, CMS2 on two workers peaked at
 * 2.56 GB resident with Node's limit, 1.31 GB with 1,024 MB and 1.20 GB with 512 MB, the same
 * results in all three, the limits costing about 8% and 11% more CPU (docs/performance.md).
 */
export const DEFAULT_WORKER_HEAP_MB = 1024;

export interface PoolOptions {
  workers: number;
  measures: MeasureId[];
  period: MeasurementPeriod;
  chunkSize: number;
  /** Each worker's old-generation heap limit in MB: absent, DEFAULT_WORKER_HEAP_MB; 0, Node's own. */
  heapMb?: number;
  program?: BucketJob['program'];
  onBucket?: (done: number, total: number, patients: number) => void;
}

/**
 * The worker runs the TypeScript sources as `npm run measures` does, through tsx: a worker
 * does not inherit the loader, so a one-line bootstrap registers it before importing.
 */
function startWorker(heapMb: number | undefined): Worker {
  const script = new URL('./evaluationWorker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(script)}); });`, { eval: true, ...(heapMb ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {}) });
}

export interface PoolResults {
  results: Record<MeasureId, PatientResult[]>;
  /** Each patient's program model, in patient order (with `program`). */
  program: ProgramPatient[];
}

export async function evaluateBuckets(buckets: readonly string[], options: PoolOptions): Promise<PoolResults> {
  const results = Object.fromEntries(options.measures.map((m) => [m, [] as PatientResult[]])) as Record<MeasureId, PatientResult[]>;
  const program: ProgramPatient[] = [];
  const queue = buckets.map((bucket, id): BucketJob => ({ id, bucket, measures: options.measures, period: options.period, chunkSize: options.chunkSize, ...(options.program ? { program: options.program } : {}) }));
  let done = 0;
  let patients = 0;
  const size = Math.max(1, Math.min(options.workers, queue.length));
  const names = new StatementNames();
  const heapMb = options.heapMb ?? DEFAULT_WORKER_HEAP_MB;
  const workers = Array.from({ length: size }, () => startWorker(heapMb));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let current: BucketJob | undefined;
            const next = (): void => {
              current = queue.shift();
              if (!current) return resolve();
              worker.postMessage(current);
            };
            worker.on('message', (answer: BucketResult) => {
              if (answer.error) return reject(new Error(`evaluating ${buckets[answer.id]} failed: ${answer.error}`));
              for (const m of options.measures) results[m].push(...names.share(answer.results[m] ?? []));
              if (answer.program) program.push(...answer.program);
              done++;
              patients += answer.patients;
              options.onBucket?.(done, buckets.length, patients);
              next();
            });
            worker.on('error', (error: Error & { code?: string }) => {
              const bucket = current ? ` on ${buckets[current.id]}` : '';
              if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
                return reject(new Error(`a worker ran out of its ${heapMb ? `${heapMb} MB ` : ''}heap${bucket}: raise --worker-heap-mb (0 = Node's own limit) or lower --chunk-size`));
              }
              reject(new Error(`a worker thread failed${bucket}: ${error.message}`));
            });
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // Bucket order depends on which worker finished first: sort for the same output every run.
  for (const m of options.measures) results[m].sort((a, b) => compareStrings(a.patientId, b.patientId));
  program.sort((a, b) => compareStrings(a.id, b.id));
  return { results, program };
}
