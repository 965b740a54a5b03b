/**
 * The page's side of the eCQM workers: a pool of workers (one per core, at most two: the
 * engine is the page's only heavy work), each batch sent to the worker with the fewest
 * batches waiting, answers matched by id. The worker and the measure packages are separate
 * build files, loaded only when a measure is first run.
 */
import cms159Url from '../../../../measures/CMS159FHIR-v0.3.000/measure-bundle.json?url';
import cms2Url from '../../../../measures/CMS2FHIR-v0.4.001/measure-bundle.json?url';
import type { EngineRun } from '../engine';
import type { MeasureId, MeasurementPeriod } from '../measures';
import type { PatientBundle } from '../patientBundles';
import type { EvaluateReply, EvaluateRequest } from './protocol';

const PACKAGE_URL: Record<MeasureId, string> = { CMS159: cms159Url, CMS2: cms2Url };

export interface MeasurePool {
  /** Runs the measures over these patients on the least busy worker. */
  evaluate(measures: readonly MeasureId[], patients: PatientBundle[], period: MeasurementPeriod): Promise<Partial<Record<MeasureId, EngineRun>>>;
  /** Loads the packages and sets the engine up in every worker, ahead of the first batch. */
  warm(measures: readonly MeasureId[], period: MeasurementPeriod): void;
  dispose(): void;
}

type Waiting = { resolve: (runs: Partial<Record<MeasureId, EngineRun>>) => void; reject: (error: Error) => void };

interface PoolWorker {
  worker: Worker;
  waiting: Map<number, Waiting>;
}

export function poolSize(): number {
  return Math.max(1, Math.min(2, (typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 2) || 2));
}

export function createWorkerPool(size = poolSize()): MeasurePool {
  let next = 1;
  const workers: PoolWorker[] = Array.from({ length: size }, () => {
    const worker = new Worker(new URL('./ecqm.worker.ts', import.meta.url), { type: 'module' });
    const entry: PoolWorker = { worker, waiting: new Map() };
    worker.onmessage = (event: MessageEvent<EvaluateReply>) => {
      const reply = event.data;
      const pending = entry.waiting.get(reply.id);
      entry.waiting.delete(reply.id);
      if (!pending) return;
      if (reply.ok) pending.resolve(reply.runs);
      else pending.reject(new Error(reply.message));
    };
    worker.onerror = () => {
      for (const pending of entry.waiting.values()) pending.reject(new Error('The quality-measure engine stopped unexpectedly.'));
      entry.waiting.clear();
    };
    return entry;
  });
  const send = (to: PoolWorker, measures: readonly MeasureId[], patients: PatientBundle[], period: MeasurementPeriod) => {
    const id = next++;
    const request: EvaluateRequest = { id, measures: measures.map((measure) => ({ measure, packageUrl: new URL(PACKAGE_URL[measure], document.baseURI).href })), patients, period };
    return new Promise<Partial<Record<MeasureId, EngineRun>>>((resolve, reject) => {
      to.waiting.set(id, { resolve, reject });
      to.worker.postMessage(request);
    });
  };
  return {
    evaluate(measures, patients, period) {
      const least = workers.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
      return send(least, measures, patients, period);
    },
    warm(measures, period) {
      // A failed warm-up is met again, with its words, by the first real batch.
      for (const w of workers) send(w, measures, [], period).catch(() => undefined);
    },
    dispose() {
      for (const w of workers) {
        w.worker.terminate();
        for (const pending of w.waiting.values()) pending.reject(new Error('Stopped.'));
        w.waiting.clear();
      }
    },
  };
}
