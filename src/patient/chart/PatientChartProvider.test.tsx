/**
 * The patient view's single read (msw): how many requests a chart costs, that a write is
 * followed by exactly one refresh, and that a failed search is said as unknown (never as
 * "no") with a retry that brings the section back. Where the EHR offers FHIR `batch`, the seven
 * treatment searches go as one request, and a failed entry fails its own type only.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventObs, membershipFlag } from '../../clinical/enrollment/testing';
import { observation, totalQuantity } from '../../clinical/testing/fhirBuilders';
import { clinicDaysAgo, searchset, TEST_FHIR_BASE } from '../../fhir/testing/testSession';
import { PatientView } from '../PatientView';
import { BATCH_CAPABILITY, batchHandler } from '../treatment/testing/treatmentHandlers';
import { emptyChartHandlers, renderWithChart, TEST_PATIENT } from './testing/renderWithChart';

vi.mock('../trajectory/TrajectoryChart', () => ({ default: () => <div data-testid="chart" /> }));

const server = setupServer(...emptyChartHandlers());
const requests: string[] = [];
server.events.on('request:start', ({ request }) => {
  const url = new URL(request.url);
  // A batch goes to the base itself: '(base)'.
  requests.push(`${request.method} ${url.pathname.replace(/^\/fhir\/?/, '') || '(base)'}`);
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  requests.length = 0;
});
afterAll(() => server.close());

const enrolled = eventObs('enrolled', clinicDaysAgo(60), { careManager: 'Practitioner/pr1', pcp: 'Practitioner/pcp1' });
const scores = [
  observation({ id: 's1', code: '44261-6', effective: `${clinicDaysAgo(60)}T10:00:00-05:00`, value: totalQuantity(18) }),
  observation({ id: 's2', code: '44261-6', effective: `${clinicDaysAgo(7)}T10:00:00-05:00`, value: totalQuantity(9) }),
];

function serveChart({ observationStatus = 200 }: { observationStatus?: number } = {}) {
  const state = { observationStatus };
  server.use(
    http.get(`${TEST_FHIR_BASE}/Observation`, () =>
      state.observationStatus === 200
        ? HttpResponse.json(searchset([enrolled, ...scores]))
        : HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] }, { status: state.observationStatus }),
    ),
    http.get(`${TEST_FHIR_BASE}/Flag`, () => HttpResponse.json(searchset([membershipFlag(clinicDaysAgo(60))]))),
    http.post(`${TEST_FHIR_BASE}/Flag`, async ({ request }) =>
      HttpResponse.json({ ...((await request.json()) as object), id: 'new-flag', meta: { versionId: '1' } }, { status: 201 }),
    ),
  );
  return state;
}

function renderChart() {
  return renderWithChart(<PatientView />);
}

const reads = () => requests.filter((r) => r.startsWith('GET') && !r.endsWith('metadata'));

describe('the patient chart read', () => {
  it('reads each resource type once: Patient, one Observation search, forms, flags, treatment, practitioners', async () => {
    serveChart();
    renderChart();
    expect(await screen.findByTestId('registry-phase')).toHaveProperty('textContent', expect.stringMatching(/^Active treatment/));
    await screen.findByRole('heading', { name: 'Treatment' });
    await waitFor(() => expect(screen.queryByLabelText('Loading diagnoses and medications')).toBeNull());
    const counted = reads().sort();
    expect(counted).toEqual(
      [
        'GET CarePlan',
        'GET Communication',
        'GET Condition',
        'GET DocumentReference',
        'GET Flag',
        'GET Goal',
        'GET MedicationRequest',
        'GET MedicationStatement',
        'GET Observation',
        'GET Patient/pat-1',
        'GET Practitioner',
        'GET QuestionnaireResponse',
      ].sort(),
    );
    expect(counted.length).toBeLessThanOrEqual(12);
  });

  it('after a write (Flag for review) re-reads the chart exactly once', async () => {
    serveChart();
    renderChart();
    const button = await screen.findByRole('button', { name: 'Flag for review' });
    await waitFor(() => expect(reads().filter((r) => r === 'GET Condition')).toHaveLength(1));
    const before = reads().length;
    await userEvent.click(button);
    await waitFor(() => expect(requests.filter((r) => r === 'POST Flag')).toHaveLength(1));
    await waitFor(() => expect(reads().filter((r) => r === 'GET Observation')).toHaveLength(2));
    await waitFor(() => expect(reads().filter((r) => r === 'GET Condition')).toHaveLength(2));
    // One refresh: the chart's reads again, once each; the practitioners are not re-read.
    const after = reads().slice(before);
    expect(after.filter((r) => r === 'GET Observation')).toHaveLength(1);
    expect(after.filter((r) => r === 'GET Flag')).toHaveLength(1);
    expect(after.filter((r) => r === 'GET Practitioner')).toHaveLength(0);
  });

  it('with the Observation search failing: enrollment and contacts are unknown (never "Not enrolled"), no step is offered, Try again brings them back', async () => {
    const state = serveChart({ observationStatus: 503 });
    renderChart();
    const registry = await screen.findByRole('region', { name: 'Collaborative care' });
    expect(await within(registry).findByText('Enrollment could not be read from the EHR.')).toBeTruthy();
    expect(registry.textContent).not.toMatch(/Not enrolled/);
    expect(within(registry).queryByRole('button', { name: /Enroll|Refer|Discharge|Flag for review/ })).toBeNull();
    expect(screen.getByText('Contacts could not be read from the EHR.')).toBeTruthy();
    // The contact section names the records that failed: the Observations.
    expect(screen.getByText('Contacts could not be read from the EHR.').parentElement?.textContent).toMatch(/contact records \(Observations\) did not load/);
    state.observationStatus = 200;
    await userEvent.click(within(registry).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('registry-phase')).toHaveProperty('textContent', expect.stringMatching(/^Active treatment/));
    expect(screen.queryByText('Enrollment could not be read from the EHR.')).toBeNull();
    expect(screen.getByRole('button', { name: 'Discharge' })).toBeTruthy();
  });
});

const condition = {
  resourceType: 'Condition',
  id: 'dep',
  subject: { reference: 'Patient/pat-1' },
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] }],
  clinicalStatus: { coding: [{ code: 'active' }] },
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1', display: 'Major depressive disorder, recurrent, moderate' }] },
};

function serveBatch(options: Parameters<typeof batchHandler>[0] = {}) {
  serveChart();
  server.use(
    http.get(`${TEST_FHIR_BASE}/metadata`, () => HttpResponse.json(BATCH_CAPABILITY)),
    batchHandler({ records: { Condition: [condition] }, ...options }),
  );
}

describe('the patient chart read where the EHR offers batch', () => {
  it('sends the treatment searches as one batch: 7 requests for the chart instead of 13', async () => {
    serveBatch();
    renderChart();
    expect(await screen.findByText('Major depressive disorder, recurrent, moderate', { exact: false })).toBeTruthy();
    await waitFor(() => expect(reads()).toContain('GET Practitioner'));
    expect(requests.filter((r) => /^GET (Condition|MedicationRequest|MedicationStatement|CarePlan|Goal|DocumentReference|Communication)/.test(r))).toEqual([]);
    expect(requests.filter((r) => r.startsWith('POST'))).toEqual(['POST (base)']);
    const all = requests.filter((r) => !r.startsWith('POST Flag'));
    expect(all.sort()).toEqual(['GET Flag', 'GET Observation', 'GET Patient/pat-1', 'GET Practitioner', 'GET QuestionnaireResponse', 'GET metadata', 'POST (base)'].sort());
  });

  it('after a write re-reads once: one more batch, and no second CapabilityStatement', async () => {
    serveBatch();
    renderChart();
    const button = await screen.findByRole('button', { name: 'Flag for review' });
    await waitFor(() => expect(requests.filter((r) => r === 'POST (base)')).toHaveLength(1));
    await userEvent.click(button);
    await waitFor(() => expect(requests.filter((r) => r === 'POST Flag')).toHaveLength(1));
    await waitFor(() => expect(requests.filter((r) => r === 'POST (base)')).toHaveLength(2));
    expect(reads().filter((r) => r === 'GET Observation')).toHaveLength(2);
    expect(requests.filter((r) => r === 'GET metadata')).toHaveLength(1);
  });

  it('a failed entry fails its own type only: the medication orders could not be read, the diagnoses are shown', async () => {
    serveBatch({ failing: { MedicationRequest: 503 } });
    renderChart();
    expect(await screen.findByText(/Medication orders \(MedicationRequests\) could not be loaded/)).toBeTruthy();
    expect(screen.getByText('Major depressive disorder, recurrent, moderate', { exact: false })).toBeTruthy();
    expect(screen.queryByText(/Diagnoses \(Conditions\) could not be loaded/)).toBeNull();
  });

  it('a server that refuses the batch after all is asked one search at a time', async () => {
    serveChart();
    server.use(
      http.get(`${TEST_FHIR_BASE}/metadata`, () => HttpResponse.json(BATCH_CAPABILITY)),
      http.post(new RegExp(`^${TEST_FHIR_BASE.replace(/[.]/g, '\\.')}/?$`), () =>
        HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-supported' }] }, { status: 405 }),
      ),
      http.get(`${TEST_FHIR_BASE}/Condition`, () => HttpResponse.json(searchset([condition]))),
    );
    renderChart();
    expect(await screen.findByText('Major depressive disorder, recurrent, moderate', { exact: false })).toBeTruthy();
    await waitFor(() => expect(reads().filter((r) => r === 'GET Communication')).toHaveLength(1));
    expect(reads().filter((r) => r === 'GET Condition')).toHaveLength(1);
  });
});

describe('opened from the caseload', () => {
  it('draws at once from the records the caseload holds, then from the fresh read', async () => {
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    serveChart();
    const newer = observation({ id: 's3', code: '44261-6', effective: `${clinicDaysAgo(1)}T10:00:00-05:00`, value: totalQuantity(4) });
    server.use(
      http.get(`${TEST_FHIR_BASE}/Observation`, async () => {
        await answered;
        await delay(10);
        return HttpResponse.json(searchset([enrolled, ...scores, newer]));
      }),
    );
    renderWithChart(<PatientView />, {
      initialRecords: {
        patientId: 'pat-1',
        patient: TEST_PATIENT as never,
        observations: [enrolled, ...scores] as never,
        questionnaireResponses: [],
        questionnaires: [],
        flags: [],
        failures: [],
      },
    });
    // Before any answer: the registry step and the latest held score are on screen.
    expect(screen.getByTestId('registry-phase').textContent).toMatch(/^Active treatment/);
    expect(screen.queryByText('Loading scores from the EHR…')).toBeNull();
    expect(screen.getByTestId('summary-phq9-latest').textContent).toMatch(/^9\b/);
    answer();
    // The fresh read's newer score replaces the held records.
    await waitFor(() => expect(screen.getByTestId('summary-phq9-latest').textContent).toMatch(/^4\b/));
    expect(requests.filter((r) => r === 'GET Observation')).toHaveLength(1);
  });

  it('held records with a failed search are not drawn from: the chart waits for its own read', async () => {
    serveChart();
    renderWithChart(<PatientView />, {
      initialRecords: {
        patientId: 'pat-1',
        patient: TEST_PATIENT as never,
        observations: [],
        questionnaireResponses: [],
        questionnaires: [],
        flags: [],
        failures: ['Observation: no answer'],
      },
    });
    expect(screen.getByText('Loading scores from the EHR…')).toBeTruthy();
    expect(await screen.findByTestId('registry-phase')).toHaveProperty('textContent', expect.stringMatching(/^Active treatment/));
  });
});
