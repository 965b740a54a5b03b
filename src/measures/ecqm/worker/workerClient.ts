/**
 * The page's side of the eCQM worker: one worker, requests answered in order. The worker and
 * the measure packages are separate build files, loaded only when a measure is first run.
 */
import cms159Url from '../../../../measures/CMS159FHIR-v0.3.000/measure-bundle.json?url';
import cms2Url from '../../../../measures/CMS2FHIR-v0.4.001/measure-bundle.json?url';
import type { EngineRun } from '../engine';
import type { MeasureId, MeasurementPeriod } from '../measures';
import type { PatientBundle } from '../patientBundles';
import type { EvaluateReply, EvaluateRequest } from './protocol';

const PACKAGE_URL: Record<MeasureId, string> = { CMS159: cms159Url, CMS2: cms2Url };

export interface MeasureRunner {
  evaluate(measure: MeasureId, patients: PatientBundle[], period: MeasurementPeriod): Promise<EngineRun>;
  dispose(): void;
}

export function createWorkerRunner(): MeasureRunner {
  const worker = new Worker(new URL('./ecqm.worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, { resolve: (run: EngineRun) => void; reject: (error: Error) => void }>();
  let next = 1;
  worker.onmessage = (event: MessageEvent<EvaluateReply>) => {
    const reply = event.data;
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (!pending) return;
    if (reply.ok) pending.resolve(reply.run);
    else pending.reject(new Error(reply.message));
  };
  worker.onerror = () => {
    for (const pending of waiting.values()) pending.reject(new Error('The quality-measure engine stopped unexpectedly.'));
    waiting.clear();
  };
  return {
    evaluate(measure, patients, period) {
      const id = next++;
      const request: EvaluateRequest = { id, measure, packageUrl: new URL(PACKAGE_URL[measure], document.baseURI).href, patients, period };
      return new Promise<EngineRun>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage(request);
      });
    },
    dispose() {
      worker.terminate();
      for (const pending of waiting.values()) pending.reject(new Error('Stopped.'));
      waiting.clear();
    },
  };
}
