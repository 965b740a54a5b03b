/**
 * An eCQM worker: the CQL engine runs here, off the page's thread, one bounded batch of
 * patients per message, every measure the message names (the page splits patients between
 * workers, so both cores work whatever the measures' costs). The measure packages are
 * fetched once per worker.
 */
/// <reference lib="webworker" />
import type { Bundle } from '@medplum/fhirtypes';
import { runEngine, warmUp, type EngineRun } from '../engine';
import type { MeasureId } from '../measures';
import type { EvaluateReply, EvaluateRequest } from './protocol';

const packages = new Map<string, Promise<Bundle>>();

function measurePackage(url: string): Promise<Bundle> {
  let found = packages.get(url);
  if (!found) {
    found = fetch(url).then((res) => {
      if (!res.ok) throw new Error(`The measure package could not be loaded (error ${res.status}).`);
      return res.json() as Promise<Bundle>;
    });
    // A failed load is tried again on the next request.
    found.catch(() => packages.delete(url));
    packages.set(url, found);
  }
  return found;
}

self.onmessage = async (event: MessageEvent<EvaluateRequest>) => {
  const { id, measures, patients, period } = event.data;
  let reply: EvaluateReply;
  try {
    const runs: Partial<Record<MeasureId, EngineRun>> = {};
    for (const { measure, packageUrl } of measures) {
      const bundle = await measurePackage(packageUrl);
      if (patients.length === 0) await warmUp(bundle, period);
      else runs[measure] = await runEngine(bundle, patients.map((p) => p.bundle), period);
    }
    reply = { id, ok: true, runs };
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : 'The measure could not be evaluated.' };
  }
  self.postMessage(reply);
};
