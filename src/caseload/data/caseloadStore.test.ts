import type { Flag, Observation, Resource } from '@medplum/fhirtypes';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildEnrollmentObservation, ENROLLED_FLAG } from '../../clinical/enrollment';
import { readCaseloadBatch, createLimiter } from '../../fhir/reads/caseloadBatch';
import { searchset, TEST_FHIR_BASE, testSession } from '../../fhir/testing/testSession';
import { CaseloadStore, READ_AHEAD_OF_HINTS } from './caseloadStore';
import { prefetchCaseload, takeCaseloadStore } from './registryPrefetch';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const NOW = new Date('2025-06-01T12:00:00Z');
const ME = 'Practitioner/pr1';

const membership = (patient: string): Flag => ({
  resourceType: 'Flag',
  id: `m-${patient}`,
  status: 'active',
  code: { coding: [ENROLLED_FLAG] },
  subject: { reference: `Patient/${patient}` },
});
const enrolled = (patient: string, careManager: string): Observation => ({
  ...buildEnrollmentObservation({ actionId: `a-${patient}`, patientId: patient, kind: 'enrolled', date: '2025-05-01', careManager, now: NOW }),
  id: `e-${patient}`,
});

/**
 * Patients a, b are mine, c is someone else's (and `others` more of theirs after c); records
 * are searched by `patient=` lists.
 */
function fakeEhr(options: { failHintsFor?: string; others?: number } = {}) {
  const fullReads: string[][] = [];
  const events: Record<string, Observation> = { a: enrolled('a', ME), b: enrolled('b', ME), c: enrolled('c', 'Practitioner/other') };
  for (let i = 1; i <= (options.others ?? 0); i++) events[`x${i}`] = enrolled(`x${i}`, 'Practitioner/other');
  const patientsOf = (url: URL, key: string) => (url.searchParams.get(key) ?? '').split(',');
  server.use(
    http.get(`${TEST_FHIR_BASE}/Flag`, ({ request }) => {
      const url = new URL(request.url);
      if (url.searchParams.has('patient')) return HttpResponse.json(searchset([]));
      return HttpResponse.json(searchset(Object.keys(events).map(membership)));
    }),
    http.get(`${TEST_FHIR_BASE}/Observation`, ({ request }) => {
      const url = new URL(request.url);
      const ids = patientsOf(url, 'patient');
      const code = url.searchParams.get('code') ?? '';
      if (!code.includes(',')) {
        if (options.failHintsFor && ids.includes(options.failHintsFor)) return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 503 });
        return HttpResponse.json(searchset(ids.map((id) => events[id]).filter((o): o is Observation => o !== undefined)));
      }
      fullReads.push(ids);
      return HttpResponse.json(searchset(ids.map((id) => events[id]!)));
    }),
    http.get(`${TEST_FHIR_BASE}/Patient`, ({ request }) => {
      const ids = patientsOf(new URL(request.url), '_id');
      return HttpResponse.json(searchset(ids.map((id) => ({ resourceType: 'Patient', id, name: [{ family: id.toUpperCase(), given: ['Pat'] }] }))));
    }),
    http.get(`${TEST_FHIR_BASE}/QuestionnaireResponse`, () => HttpResponse.json(searchset([]))),
  );
  return { fullReads };
}

async function settled(store: CaseloadStore): Promise<void> {
  await expect.poll(() => store.getSnapshot().complete, { timeout: 3000 }).toBe(true);
}

describe('CaseloadStore', () => {
  it('reads only my patients for "my patients" (past the first few, read beside their hints), and the rest of the program when asked', async () => {
    const { fullReads } = fakeEhr({ others: READ_AHEAD_OF_HINTS + 2 });
    const store = new CaseloadStore(testSession({ fhirUser: ME }), { kind: 'registry' }, () => NOW);
    // Every snapshot on the way shows only my patients: a patient read ahead of the hints shows
    // only once the hints say whose it is.
    const shown = new Set<string>();
    store.subscribe(() => store.getSnapshot().rows.forEach((r) => shown.add(r.id)));
    store.start();
    await settled(store);
    let snapshot = store.getSnapshot();
    expect(snapshot.scope).toBe('mine');
    expect(snapshot.total).toBe(2);
    expect(snapshot.rows.map((r) => r.id).sort()).toEqual(['a', 'b']);
    expect([...shown].sort()).toEqual(['a', 'b']);
    // The first patients found are read at once, each once; of the rest, only mine (none here).
    const found = ['a', 'b', 'c', ...Array.from({ length: READ_AHEAD_OF_HINTS + 2 }, (_, i) => `x${i + 1}`)];
    expect(fullReads.flat().sort()).toEqual(found.slice(0, READ_AHEAD_OF_HINTS).sort());

    store.setScope('program');
    expect(store.getSnapshot().complete).toBe(false);
    await settled(store);
    snapshot = store.getSnapshot();
    expect(snapshot.total).toBe(found.length);
    expect(snapshot.rows.map((r) => r.id).sort()).toEqual([...found].sort());
    expect(snapshot.rows.find((r) => r.id === 'c')?.careManager).toBe('Practitioner/other');
    expect(fullReads.flat().sort()).toEqual([...found].sort());
    store.dispose();
  });

  it('a patient whose enrollment could not be read is read in full for "my patients" (unknown is not "not mine")', async () => {
    const { fullReads } = fakeEhr({ failHintsFor: 'c' });
    const store = new CaseloadStore(testSession({ fhirUser: ME }), { kind: 'registry' }, () => NOW);
    store.start();
    await settled(store);
    expect(fullReads.flat().sort()).toEqual(['a', 'b', 'c']);
    store.dispose();
  });

  it('a user who cares for none of the patients sees the whole program', async () => {
    fakeEhr();
    const store = new CaseloadStore(testSession({ fhirUser: 'Practitioner/psychiatrist' }), { kind: 'registry' }, () => NOW);
    store.start();
    await settled(store);
    expect(store.getSnapshot().scope).toBe('program');
    expect(store.getSnapshot().rows).toHaveLength(3);
    store.dispose();
  });
});

describe('registry prefetch', () => {
  it('starts reading when the session exists; the registry home takes that store and reads nothing again', async () => {
    const { fullReads } = fakeEhr();
    const session = testSession({ fhirUser: ME });
    prefetchCaseload(session);
    prefetchCaseload(session);
    // Before any view asked: the reads are under way (the first patients found, beside their hints).
    await expect.poll(() => fullReads.flat().length, { timeout: 3000 }).toBe(3);
    const store = takeCaseloadStore(session);
    expect(takeCaseloadStore(session)).toBe(store);
    store.start();
    await settled(store);
    expect(
      store
        .getSnapshot()
        .rows.map((r) => r.id)
        .sort(),
    ).toEqual(['a', 'b']);
    // Each patient read once.
    expect(fullReads.flat().sort()).toEqual(['a', 'b', 'c']);
    store.dispose();
    // Mounted again after being disposed: a new store (the population still holds what was read).
    const again = takeCaseloadStore(session);
    expect(again).not.toBe(store);
    again.dispose();
  });

  it('a session with a patient list in its launch context reads that list', async () => {
    const session = testSession({ fhirUser: ME, fhirContext: ['List/l1'] });
    server.use(
      http.get(`${TEST_FHIR_BASE}/List/l1`, () =>
        HttpResponse.json({ resourceType: 'List', id: 'l1', status: 'current', mode: 'working', title: 'Ward 3', entry: [{ item: { reference: 'Patient/a' } }] }),
      ),
    );
    fakeEhr();
    const store = takeCaseloadStore(session);
    store.start();
    await settled(store);
    expect(store.getSnapshot().source).toEqual({ kind: 'list', reference: 'List/l1' });
    expect(store.getSnapshot().rows.map((r) => r.id)).toEqual(['a']);
    store.dispose();
  });
});

describe('readCaseloadBatch', () => {
  it('keeps the pages that arrived when a later page fails, and says which part is missing', async () => {
    const page = (resources: Resource[], next?: string) => ({ ...searchset(resources), link: next ? [{ relation: 'next', url: next }] : [] });
    server.use(
      http.get(`${TEST_FHIR_BASE}/Observation`, ({ request }) => {
        if (new URL(request.url).searchParams.get('page') === '2') return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 500 });
        return HttpResponse.json(page([enrolled('a', ME)], `${TEST_FHIR_BASE}/Observation?page=2`));
      }),
      http.get(`${TEST_FHIR_BASE}/Patient`, () => HttpResponse.json(searchset([{ resourceType: 'Patient', id: 'a' }]))),
      http.get(`${TEST_FHIR_BASE}/QuestionnaireResponse`, () => HttpResponse.json(searchset([]))),
      http.get(`${TEST_FHIR_BASE}/Flag`, () => HttpResponse.json(searchset([]))),
    );
    const [records] = await readCaseloadBatch(testSession().api, ['a'], createLimiter(6));
    expect(records?.observations.map((o) => o.id)).toEqual(['e-a']);
    expect(records?.failures).toHaveLength(1);
    expect(records?.failures[0]).toMatch(/^Observation.*the first 1 page arrived, the rest could not be read/i);
  });
});
