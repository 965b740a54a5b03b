/**
 * How the population models what it reads: what no view asked for is built in idle time, once
 * every batch is read; an arrived batch is modelled in slices, the page getting a turn between
 * them (no task of a batch's 50 program models and rows at once); and a later read of a
 * patient that finishes while an earlier batch is still being modelled is never replaced by
 * the earlier one.
 */
import type { Observation } from '@medplum/fhirtypes';
import { delay, http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildEnrollmentObservation } from '../../clinical/enrollment';
import { searchset, TEST_FHIR_BASE, testSession } from '../../fhir/testing/testSession';
import { populationFor } from './population';

// When each program model is built, and how long it takes (a slow machine, for the slices).
const modelling = vi.hoisted(() => ({ builtAt: [] as number[], ms: 0 }));
const MODEL_MS = 5;
vi.mock('../../clinical/program', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../clinical/program')>();
  return {
    ...actual,
    programPatientOfRecords: (...args: Parameters<typeof actual.programPatientOfRecords>) => {
      modelling.builtAt.push(performance.now());
      const until = performance.now() + modelling.ms;
      while (performance.now() < until);
      return actual.programPatientOfRecords(...args);
    },
  };
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  modelling.ms = 0;
});
afterAll(() => server.close());

const NOW = new Date('2025-06-01T12:00:00Z');
const enrolled = (patient: string): Observation => ({
  ...buildEnrollmentObservation({ actionId: `a-${patient}`, patientId: patient, kind: 'enrolled', date: '2025-05-01', careManager: 'Practitioner/pr1', now: NOW }),
  id: `e-${patient}`,
});

describe('Population idle-time modelling', () => {
  it('builds what no view asked for only once every batch has been read, then for every patient kept', async () => {
    let lastAnswer = 0;
    const ids = (request: Request, key: string) => (new URL(request.url).searchParams.get(key) ?? '').split(',').filter(Boolean);
    const answer = async (body: JsonBodyType) => {
      await delay(15);
      lastAnswer = performance.now();
      return HttpResponse.json(body);
    };
    server.use(
      http.get(`${TEST_FHIR_BASE}/Observation`, ({ request }) => answer(searchset(ids(request, 'patient').map(enrolled)))),
      http.get(`${TEST_FHIR_BASE}/Patient`, ({ request }) => answer(searchset(ids(request, '_id').map((id) => ({ resourceType: 'Patient', id }))))),
      http.get(`${TEST_FHIR_BASE}/QuestionnaireResponse`, () => answer(searchset([]))),
      http.get(`${TEST_FHIR_BASE}/Flag`, () => answer(searchset([]))),
    );
    const population = populationFor(testSession(), () => NOW);
    // 120 patients: a first batch of 8, then batches of 50, three in flight.
    const patients = Array.from({ length: 120 }, (_, i) => `p${i}`);
    population.read(patients, 'row');
    await expect.poll(() => patients.every((id) => population.isFresh(id, 'row')), { timeout: 5000 }).toBe(true);
    await expect.poll(() => modelling.builtAt.length, { timeout: 5000 }).toBe(120);
    // None was built while a batch was still being read.
    expect(Math.min(...modelling.builtAt)).toBeGreaterThan(lastAnswer);
    expect(patients.every((id) => population.isFresh(id, 'program'))).toBe(true);
  });
});

/** An EHR whose Patients carry the family name `family()` gives at the time of the search. */
function ehr(family: () => string) {
  const ids = (request: Request, key: string) => (new URL(request.url).searchParams.get(key) ?? '').split(',').filter(Boolean);
  server.use(
    http.get(`${TEST_FHIR_BASE}/Observation`, ({ request }) => HttpResponse.json(searchset(ids(request, 'patient').map(enrolled)))),
    http.get(`${TEST_FHIR_BASE}/Patient`, ({ request }) =>
      HttpResponse.json(searchset(ids(request, '_id').map((id) => ({ resourceType: 'Patient', id, name: [{ family: family(), given: ['Pat'] }] })))),
    ),
    http.get(`${TEST_FHIR_BASE}/QuestionnaireResponse`, () => HttpResponse.json(searchset([]))),
    http.get(`${TEST_FHIR_BASE}/Flag`, () => HttpResponse.json(searchset([]))),
  );
}

describe('Population modelling of an arrived batch', () => {
  it('announces a batch of 50 in slices, with turns of the page between them', async () => {
    modelling.ms = MODEL_MS;
    ehr(() => 'Old');
    const population = populationFor(testSession(), () => NOW);
    population.wantProgram();
    // A timer that should run while the batch is modelled, not only after it.
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    const announced: { size: number; turns: number; at: number }[] = [];
    population.subscribe((ids) => announced.push({ size: ids.length, turns, at: performance.now() }));
    const patients = Array.from({ length: 58 }, (_, i) => `p${i}`);
    population.read(patients, 'program');
    await expect.poll(() => patients.every((id) => population.program(id) !== undefined && population.isFresh(id, 'program')), { timeout: 10_000 }).toBe(true);
    clearInterval(ticker);
    expect(announced.reduce((n, a) => n + a.size, 0)).toBe(58);
    // 40 ms slices of 5 ms models: no announcement holds more than about nine patients.
    expect(announced.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...announced.map((a) => a.size))).toBeLessThanOrEqual(10);
    // The page had turns while the batch was being modelled.
    expect(announced.at(-1)!.turns).toBeGreaterThan(announced[0]!.turns);
  });

  it('keeps a refresh that finished while an earlier batch was still being modelled', async () => {
    modelling.ms = MODEL_MS;
    let family = 'Old';
    ehr(() => family);
    const population = populationFor(testSession(), () => NOW);
    population.wantProgram();
    const patients = Array.from({ length: 58 }, (_, i) => `q${i}`);
    const last = patients.at(-1)!;
    let refreshed: Promise<void> | undefined;
    population.subscribe((ids) => {
      // The 50-patient batch has started to be announced: the record of its last patient changes and is read again.
      if (refreshed || ids.length === 0 || ids.includes('q0')) return;
      family = 'New';
      refreshed = population.refresh([last]);
    });
    population.read(patients, 'row');
    await expect.poll(() => refreshed !== undefined && patients.every((id) => population.isFresh(id, 'row')), { timeout: 10_000 }).toBe(true);
    await refreshed;
    await expect.poll(() => population.row(last)?.name, { timeout: 5000 }).toMatch(/New/);
    // And it stays so once the earlier batch is done with.
    await new Promise((r) => setTimeout(r, 300));
    expect(population.row(last)?.name).toMatch(/New/);
  });
});
