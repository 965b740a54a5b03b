import type { Observation } from '@medplum/fhirtypes';
import { delay, http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildEnrollmentObservation } from '../../clinical/enrollment';
import { searchset, TEST_FHIR_BASE, testSession } from '../../fhir/testing/testSession';
import { populationFor } from './population';

// When each program model is built (the population builds them in idle time for no view).
const builtAt = vi.hoisted(() => [] as number[]);
vi.mock('../../clinical/program', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../clinical/program')>();
  return {
    ...actual,
    programPatientOfRecords: (...args: Parameters<typeof actual.programPatientOfRecords>) => {
      builtAt.push(performance.now());
      return actual.programPatientOfRecords(...args);
    },
  };
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
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
    await expect.poll(() => builtAt.length, { timeout: 5000 }).toBe(120);
    // None was built while a batch was still being read.
    expect(Math.min(...builtAt)).toBeGreaterThan(lastAnswer);
    expect(patients.every((id) => population.isFresh(id, 'program'))).toBe(true);
  });
});
