/**
 * The eCQM worker: the CQL engine runs here, off the page's thread, one bounded chunk of
 * patients per message. The measure packages are fetched once per worker.
 */
/// <reference lib="webworker" />
import type { Bundle } from '@medplum/fhirtypes';
import { runEngine } from '../engine';
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
  const { id, packageUrl, patients, period } = event.data;
  let reply: EvaluateReply;
  try {
    const run = await runEngine(await measurePackage(packageUrl), patients.map((p) => p.bundle), period);
    reply = { id, ok: true, run };
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : 'The measure could not be evaluated.' };
  }
  self.postMessage(reply);
};
