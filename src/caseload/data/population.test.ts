import type { Flag, Observation, Resource } from '@medplum/fhirtypes';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildEnrollmentObservation, ENROLLED_FLAG } from '../../clinical/enrollment';
import { createLimiter, readCaseloadBatch } from '../../fhir/reads/caseloadBatch';
import { searchset, TEST_FHIR_BASE, testSession } from '../../fhir/testing/testSession';
import { ProgramStore } from '../../program/programStore';
import { CaseloadStore } from './caseloadStore';
import { BATCH_SIZE, batchLength, MAX_BATCH_ID_CHARS } from './population';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const NOW = new Date('2025-06-01T12:00:00Z');
const ME = 'Practitioner/pr1';

const enrolled = (patient: string, i = 0): Observation => ({
  ...buildEnrollmentObservation({ actionId: `a-${patient}-${i}`, patientId: patient, kind: 'enrolled', date: '2025-05-01', careManager: ME, now: NOW }),
  id: `e-${patient}-${i}`,
});
const membership = (patient: string): Flag => ({
  resourceType: 'Flag',
  id: `m-${patient}`,
  status: 'active',
  code: { coding: [ENROLLED_FLAG] },
  subject: { reference: `Patient/${patient}` },
});

/**
 * An EHR whose pages hold at most `pageSize` entries whatever `_count` asks (paged by
 * `_offset` in its next links), with `perPatient` Observations a patient. Counts the
 * Observation requests and the patients each first page was for.
 */
function pagingEhr(options: { pageSize: number; perPatient: number; failObservationsOf?: string; patients?: string[] }) {
  const observationRequests: { patients: string[]; offset: number }[] = [];
  const page = (url: URL, all: Resource[]) => {
    const offset = Number(url.searchParams.get('_offset') ?? 0);
    const count = Math.min(options.pageSize, Number(url.searchParams.get('_count') ?? 50));
    const next = new URL(url);
    next.searchParams.set('_offset', String(offset + count));
    return { ...searchset(all.slice(offset, offset + count)), link: offset + count < all.length ? [{ relation: 'next', url: next.href }] : [] };
  };
  const ids = (url: URL, key: string) => (url.searchParams.get(key) ?? '').split(',').filter(Boolean);
  server.use(
    http.get(`${TEST_FHIR_BASE}/Observation`, ({ request }) => {
      const url = new URL(request.url);
      const patients = ids(url, 'patient');
      observationRequests.push({ patients, offset: Number(url.searchParams.get('_offset') ?? 0) });
      if (options.failObservationsOf && patients.includes(options.failObservationsOf)) return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 503 });
      return HttpResponse.json(
        page(
          url,
          patients.flatMap((p) => Array.from({ length: options.perPatient }, (_, i) => enrolled(p, i))),
        ),
      );
    }),
    http.get(`${TEST_FHIR_BASE}/Patient`, ({ request }) => {
      const url = new URL(request.url);
      return HttpResponse.json(
        page(
          url,
          ids(url, '_id').map((id) => ({ resourceType: 'Patient', id, name: [{ family: id.toUpperCase(), given: ['Pat'] }] })),
        ),
      );
    }),
    http.get(`${TEST_FHIR_BASE}/QuestionnaireResponse`, () => HttpResponse.json(searchset([]))),
    http.get(`${TEST_FHIR_BASE}/Flag`, ({ request }) => {
      const url = new URL(request.url);
      if (url.searchParams.has('patient')) return HttpResponse.json(searchset([]));
      return HttpResponse.json(searchset((options.patients ?? []).map(membership)));
    }),
    http.get(`${TEST_FHIR_BASE}/Encounter`, () => HttpResponse.json(searchset([]))),
  );
  return { observationRequests };
}

const names = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('readCaseloadBatch paging', () => {
  it('learns the page size the server gives and splits later batches so each search fits one page', async () => {
    const { observationRequests } = pagingEhr({ pageSize: 10, perPatient: 3 });
    const api = testSession().api;
    const limit = createLimiter(6);
    // 8 patients, 24 records, pages of 10: one search that follows its next links (3 pages).
    const first = await readCaseloadBatch(api, names(8), limit);
    expect(first.every((r) => r.observations.length === 3 && r.failures.length === 0)).toBe(true);
    expect(observationRequests).toHaveLength(3);
    observationRequests.length = 0;
    // Now known: pages of 10, 3 records a patient: 20 patients are split into first pages only.
    const second = await readCaseloadBatch(api, names(20, 'q'), limit);
    expect(second.every((r) => r.observations.length === 3)).toBe(true);
    expect(observationRequests.every((r) => r.offset === 0)).toBe(true);
    expect(observationRequests.length).toBeGreaterThan(1);
    expect(observationRequests.flatMap((r) => r.patients).sort()).toEqual(names(20, 'q').sort());
  });

  it('a part that fails marks its own patients as not read, not the rest of the batch', async () => {
    pagingEhr({ pageSize: 10, perPatient: 3, failObservationsOf: 'q0' });
    const api = testSession().api;
    const limit = createLimiter(6);
    await readCaseloadBatch(api, names(8), limit);
    const records = await readCaseloadBatch(api, names(20, 'q'), limit);
    const failed = records.filter((r) => r.failures.length > 0);
    expect(failed.map((r) => r.patientId)).toContain('q0');
    expect(failed.length).toBeLessThan(20);
    for (const r of failed) {
      expect(r.unreadTypes).toEqual(['Observation']);
      expect(r.failures[0]).toMatch(/^observations \(scores\): .*503/);
    }
    for (const r of records.filter((r) => r.failures.length === 0)) expect(r.observations).toHaveLength(3);
  });
});

describe('the session population', () => {
  it('the Program tab reuses the patients the caseload has read: none is searched again', async () => {
    const patients = names(12);
    const { observationRequests } = pagingEhr({ pageSize: 1000, perPatient: 2, patients });
    const session = testSession({ fhirUser: ME });
    const caseload = new CaseloadStore(session, { kind: 'registry' }, () => NOW, 'program');
    caseload.start();
    await expect.poll(() => caseload.getSnapshot().complete, { timeout: 3000 }).toBe(true);
    const recordReads = () => observationRequests.filter((r) => r.patients.length > 0 && r.offset === 0).flatMap((r) => r.patients);
    // The enrollment events of every patient (one search) and their records (batches).
    const before = recordReads().length;

    const program = new ProgramStore(session, { kind: 'program' }, { start: '2024-06-01', end: '2025-05-31' }, () => NOW);
    program.start();
    await expect.poll(() => program.getSnapshot().status, { timeout: 3000 }).toBe('done');
    expect(recordReads().length).toBe(before);
    expect(
      program
        .getSnapshot()
        .patients.map((p) => p.id)
        .sort(),
    ).toEqual([...patients].sort());
    expect(program.getSnapshot().patients.every((p) => p.recordsProblem === undefined && p.episodes.length === 1)).toBe(true);
    // The quality measures get the Patient of every completely read patient.
    expect(program.sharedRecords('p3')?.patient.id).toBe('p3');

    // "Read again" reads the EHR again.
    program.setSource({ kind: 'program' });
    await expect.poll(() => program.getSnapshot().status, { timeout: 3000 }).toBe('done');
    expect(recordReads().length).toBeGreaterThan(before);
    caseload.dispose();
    program.dispose();
  });

  it('keeps the whole records of patients read last for the patient view, and none of patients whose records failed', async () => {
    const patients = names(6);
    const whole = async () => {
      const caseload = new CaseloadStore(testSession({ fhirUser: ME }), { kind: 'registry' }, () => NOW, 'program');
      caseload.start();
      await expect.poll(() => caseload.getSnapshot().complete, { timeout: 3000 }).toBe(true);
      caseload.dispose();
      return caseload;
    };
    // One search holds all six patients' Observations here: when it fails, no one was read whole.
    pagingEhr({ pageSize: 1000, perPatient: 2, patients, failObservationsOf: 'p5' });
    const failed = await whole();
    expect(patients.map((p) => failed.recordsOf(p))).toEqual(patients.map(() => undefined));
    server.resetHandlers();
    pagingEhr({ pageSize: 1000, perPatient: 2, patients });
    const read = await whole();
    expect(read.recordsOf('p1')?.patient?.id).toBe('p1');
    expect(read.recordsOf('p1')?.observations).toHaveLength(2);
  });
});

describe('batchLength', () => {
  it('takes a full batch of short ids, and fewer long ones so the joined ids stay within the URL budget', () => {
    const short = Array.from({ length: 250 }, (_, i) => `pat-${i}`);
    expect(batchLength(short, BATCH_SIZE)).toBe(BATCH_SIZE);
    expect(batchLength(short.slice(0, 30), BATCH_SIZE)).toBe(30);
    // Epic-like ids of 64 characters: 46 of them (65 characters each with the comma) fit in 3,000.
    const long = Array.from({ length: 250 }, (_, i) => `${'e'.repeat(60)}${String(i).padStart(4, '0')}`);
    const n = batchLength(long, BATCH_SIZE);
    expect(n).toBe(Math.floor(MAX_BATCH_ID_CHARS / 65));
    expect(long.slice(0, n).join(',').length).toBeLessThanOrEqual(MAX_BATCH_ID_CHARS);
    // One id is always taken, however long, so the queue never stalls.
    expect(batchLength(['x'.repeat(5000)], BATCH_SIZE)).toBe(1);
  });
});
