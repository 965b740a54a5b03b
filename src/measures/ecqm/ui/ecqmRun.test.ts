// @vitest-environment node
import type { Resource } from '@medplum/fhirtypes';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FhirApi } from '../../../fhir/fhirApi';
import type { PatientBundle } from '../patientBundles';

/** What the run asked of the workers and the EHR, so the test can say when it started. */
const calls = vi.hoisted(() => ({ pools: 0, evaluated: [] as string[], read: [] as string[] }));

vi.mock('../worker/workerClient', () => ({
  poolSize: () => 2,
  createWorkerPool: () => {
    calls.pools++;
    return {
      warm: () => undefined,
      dispose: () => undefined,
      evaluate: async (measures: readonly string[], bundles: readonly PatientBundle[]) => {
        calls.evaluated.push(...bundles.map((b) => b.patientId));
        const results = bundles.map((b) => ({ patientId: b.patientId, populations: {}, statements: [] }));
        return Object.fromEntries(measures.map((m) => [m, { results, engineMs: 0 }]));
      },
    };
  },
}));

vi.mock('../../../fhir/reads/measureRecords', () => ({
  readMeasureRecords: async (_api: unknown, ids: readonly string[]) => {
    calls.read.push(...ids);
    return { records: new Map(ids.map((id) => [id, [{ resourceType: 'Patient', id } as Resource]])), unavailable: [] };
  },
}));

const { EcqmRun } = await import('./ecqmRun');

/** A population read in two steps, as the Program tab's store reads it. */
function source() {
  const listeners = new Set<() => void>();
  const state: { ids: string[]; complete: boolean; problem?: string } = { ids: [], complete: false };
  return {
    state,
    tell: () => listeners.forEach((l) => l()),
    source: {
      progress: () => ({ ids: state.ids, complete: state.complete, total: 3, ...(state.problem ? { problem: state.problem } : {}) }),
      subscribe: (l: () => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      shared: () => undefined,
      sharedObservationCodes: [],
    },
  };
}

const period = { start: '2026-01-01', end: '2026-12-31' };
const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true));

describe('EcqmRun', () => {
  afterEach(() => {
    calls.pools = 0;
    calls.evaluated = [];
    calls.read = [];
  });

  it('starts no worker and reads nothing until the population is read, then measures every patient', async () => {
    const { state, tell, source: src } = source();
    const run = new EcqmRun();
    run.start({ api: {} as FhirApi, period, populationKey: 'all', source: src });
    state.ids = ['a', 'b'];
    tell();
    await new Promise((r) => setTimeout(r, 20));
    expect(calls.pools).toBe(0);
    expect(calls.read).toEqual([]);
    expect(run.getSnapshot().status).toBe('running');

    state.ids = ['a', 'b', 'c'];
    state.complete = true;
    tell();
    // The bar counts from 0 of 3 at once, before any batch is done.
    expect(run.getSnapshot()).toMatchObject({ status: 'running', done: 0, total: 3 });
    await until(() => run.getSnapshot().status === 'done');
    expect(calls.pools).toBe(1);
    expect(calls.read.sort()).toEqual(['a', 'b', 'c']);
    expect(run.getSnapshot().results.CMS159.map((r) => r.patientId)).toEqual(['a', 'b', 'c']);
    expect(run.getSnapshot().done).toBe(3);
    run.dispose();
  });

  it('says the population could not be read as soon as the source says so, without starting the workers', async () => {
    const { state, tell, source: src } = source();
    const run = new EcqmRun();
    run.start({ api: {} as FhirApi, period, populationKey: 'all', source: src });
    state.problem = 'the program’s patients could not be read (the EHR refused).';
    tell();
    await until(() => run.getSnapshot().status === 'failed');
    expect(run.getSnapshot().message).toContain('could not be read');
    expect(calls.pools).toBe(0);
    run.dispose();
  });
});
