import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { gad7Form, observation, phq9Form, totalQuantity } from '../clinical/testing/fhirBuilders';
import { clinicDaysAgo, searchset, TEST_FHIR_BASE } from '../fhir/testing/testSession';
import { PatientView } from './PatientView';
import { emptyChartHandlers, renderWithChart } from './chart/testing/renderWithChart';

// chart.js needs a real canvas; the chart itself is covered by the browser tests.
vi.mock('./trajectory/TrajectoryChart', () => ({ default: () => <div data-testid="chart" /> }));

// Treatment reads answer empty unless a test says otherwise (they survive resetHandlers).
const server = setupServer(...emptyChartHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function serve({ observations = [], responses = [], flags = [] }: { observations?: object[]; responses?: object[]; flags?: object[] }) {
  server.use(
    http.get(`${TEST_FHIR_BASE}/Observation`, () => HttpResponse.json(searchset(observations))),
    http.get(`${TEST_FHIR_BASE}/QuestionnaireResponse`, () => HttpResponse.json(searchset(responses))),
    http.get(`${TEST_FHIR_BASE}/Flag`, () => HttpResponse.json(searchset(flags))),
  );
}

function renderView() {
  return renderWithChart(<PatientView />);
}

describe('PatientView', () => {
  it('shows loading first, then the table twin, the summary and no alert', async () => {
    serve({
      responses: [
        phq9Form([2, 2, 2, 2, 2, 2, 2, 2, 0], { id: 'q1', authored: `${clinicDaysAgo(70)}T10:00:00-05:00` }),
        phq9Form([1, 1, 1, 1, 0, 0, 0, 0, 0], { id: 'q2', authored: `${clinicDaysAgo(7)}T10:00:00-05:00` }),
      ],
    });
    renderView();
    expect(screen.getByText(/Loading scores/)).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'PHQ-9 scores' });
    const rows = within(table).getAllByTestId('score-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('4');
    const summary = screen.getByRole('region', { name: 'PHQ-9 summary' });
    expect(within(summary).getByText('Baseline').nextElementSibling?.textContent).toMatch(/^16 on /);
    expect(within(summary).getByText('Latest').nextElementSibling?.textContent).toMatch(/^4 on /);
    expect(within(summary).getByText('Change from baseline').nextElementSibling?.textContent).toBe('-12 points (-75%)');
    expect(within(summary).getByText('Response').nextElementSibling?.textContent).toMatch(/^Yes/);
    expect(within(summary).getByText('Remission').nextElementSibling?.textContent).toMatch(/^Yes/);
    expect(within(summary).getByText('Weeks in treatment').nextElementSibling?.textContent).toMatch(/^10 /);
    expect(screen.getByText('No GAD-7 on record.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('raises the safety alert naming 988 for item 9 above 0, and highlights the item in the answers', async () => {
    serve({ responses: [phq9Form([1, 1, 1, 1, 1, 1, 1, 1, 2], { id: 'q9', authored: `${clinicDaysAgo(3)}T09:00:00-05:00` })] });
    renderView();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('988');
    expect(alert.textContent).toContain('item 9');
    expect(alert.textContent).toContain('More than half the days');
    await userEvent.click(screen.getByRole('button', { name: /^Answers for/ }));
    const answers = screen.getByRole('table', { name: /PHQ-9 answers on/ });
    const safetyRow = answers.querySelector('[data-safety-item="true"]');
    expect(safetyRow?.textContent).toContain('safety item: answered above 0');
  });

  it('alerts from an item-9 Observation beside a total-only Observation', async () => {
    const day = clinicDaysAgo(2);
    serve({
      observations: [
        observation({ id: 'total', code: '44261-6', effective: `${day}T10:00:00-05:00`, value: totalQuantity(12) }),
        observation({
          id: 'item9',
          code: '44260-8',
          effective: `${day}T10:00:00-05:00`,
          value: { valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: 'LA6569-3', display: 'Several days' }] } },
        }),
      ],
    });
    renderView();
    expect((await screen.findByRole('alert')).textContent).toContain('988');
  });

  it('shows an active safety Flag in the alert and the flags list', async () => {
    serve({
      flags: [
        {
          resourceType: 'Flag',
          id: 'f1',
          status: 'active',
          subject: { reference: 'Patient/pat-1' },
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'safety' }] }],
          code: { text: 'Suicide risk' },
          period: { start: '2026-01-02' },
        },
      ],
    });
    renderView();
    expect((await screen.findByRole('alert')).textContent).toContain('Active safety flag: Suicide risk');
    expect(within(screen.getByRole('list', { name: 'Active flags' })).getByText(/Suicide risk/)).toBeTruthy();
  });

  it('says so when there is no score at all', async () => {
    serve({});
    renderView();
    expect(await screen.findByText('No PHQ-9 on record.')).toBeTruthy();
    expect(screen.getByText('No GAD-7 on record.')).toBeTruthy();
  });

  it('shows an incomplete form as a row that says so, not as a score', async () => {
    serve({ responses: [phq9Form([1, null, null, 1, 1, null, 1, 1, 0], { id: 'inc', authored: `${clinicDaysAgo(5)}T10:00:00-05:00` })] });
    renderView();
    const table = await screen.findByRole('table', { name: 'PHQ-9 scores' });
    expect(within(table).getByText('Incomplete: 6 of 9 items answered')).toBeTruthy();
    expect(within(table).getByText('Not scored')).toBeTruthy();
  });

  it('keeps showing scores when forms are forbidden (403), and says what is missing and why', async () => {
    server.use(
      http.get(`${TEST_FHIR_BASE}/Observation`, () =>
        HttpResponse.json(searchset([observation({ id: 'g', code: '70274-6', effective: `${clinicDaysAgo(1)}T10:00:00-05:00`, value: totalQuantity(11) })])),
      ),
      http.get(`${TEST_FHIR_BASE}/QuestionnaireResponse`, () =>
        HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] }, { status: 403 }),
      ),
      http.get(`${TEST_FHIR_BASE}/Flag`, () => HttpResponse.json(searchset([]))),
    );
    renderView();
    const table = await screen.findByRole('table', { name: 'GAD-7 scores' });
    expect(within(table).getAllByTestId('score-row')).toHaveLength(1);
    expect(screen.getByText(/Forms \(QuestionnaireResponses\) could not be loaded/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Show reasons' }));
    expect(screen.getByText(/does not include questionnaire responses/)).toBeTruthy();
  });

  it('survives a 5xx on scores and a malformed form, counting what could not be read', async () => {
    server.use(
      http.get(`${TEST_FHIR_BASE}/Observation`, () => new HttpResponse('upstream down', { status: 502 })),
      http.get(`${TEST_FHIR_BASE}/QuestionnaireResponse`, () =>
        HttpResponse.json(
          searchset([
            gad7Form([1, 1, 1, 1, 1, 1, 1], { id: 'ok', authored: `${clinicDaysAgo(4)}T10:00:00-05:00` }),
            { resourceType: 'QuestionnaireResponse', id: 'broken', status: 'completed', questionnaire: 'http://loinc.org/q/44249-1', item: 'not a list' },
          ]),
        ),
      ),
      http.get(`${TEST_FHIR_BASE}/Flag`, () => HttpResponse.json(searchset([]))),
    );
    renderView();
    await screen.findByRole('table', { name: 'GAD-7 scores' });
    expect(screen.getByText(/Scores \(Observations\) could not be loaded/)).toBeTruthy();
    expect(screen.getByText(/1 record could not be read/)).toBeTruthy();
  });

  it('says the EHR is too slow when every read times out', async () => {
    const slow = async () => {
      await delay(5000);
      return HttpResponse.json(searchset([]));
    };
    server.use(http.get(`${TEST_FHIR_BASE}/Observation`, slow), http.get(`${TEST_FHIR_BASE}/QuestionnaireResponse`, slow), http.get(`${TEST_FHIR_BASE}/Flag`, slow));
    renderView();
    expect(await screen.findByText(/No scores could be loaded/, {}, { timeout: 4000 })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Show reasons' }));
    expect(screen.getAllByText(/took too long/).length).toBeGreaterThan(0);
  });
});
