import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { phq9Form } from '../../clinical/testing/fhirBuilders';
import { order } from '../../clinical/treatment/testing';
import { clinicDaysAgo, searchset, TEST_FHIR_BASE, testSession } from '../../fhir/testing/testSession';
import { PatientView } from '../PatientView';
import type { EventMarker } from '../trajectory/chartModel';
import { emptyChartHandlers, renderWithChart } from '../chart/testing/renderWithChart';

// chart.js needs a real canvas: the stand-in shows which markers the chart was given.
vi.mock('../trajectory/TrajectoryChart', () => ({
  default: ({ markers }: { markers?: EventMarker[] }) => <div data-testid="chart" data-markers={JSON.stringify((markers ?? []).map((m) => `${m.date} ${m.label}`))} />,
}));

const server = setupServer(...emptyChartHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const problemList = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] };
const conditions = [
  {
    resourceType: 'Condition',
    id: 'dep',
    subject: { reference: 'Patient/pat-1' },
    category: [problemList],
    clinicalStatus: { coding: [{ code: 'active' }] },
    onsetDateTime: clinicDaysAgo(120),
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1', display: 'Major depressive disorder, recurrent, moderate' }] },
  },
  { resourceType: 'Condition', id: 'free', subject: { reference: 'Patient/pat-1' }, category: [problemList], code: { text: 'Anxiety, situational' } },
  {
    resourceType: 'Condition',
    id: 'htn',
    subject: { reference: 'Patient/pat-1' },
    category: [problemList],
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I10', display: 'Essential hypertension' }] },
  },
];
const requests = [
  order({ id: 'm1', mg: 50, start: clinicDaysAgo(112) }),
  order({ id: 'm2', mg: 100, start: clinicDaysAgo(56) }),
  order({ id: 'oops', mg: 200, start: clinicDaysAgo(50), status: 'entered-in-error' }),
  order({ id: 'bp', drug: 'lisinopril 10 MG Oral Tablet', rxcui: '', start: clinicDaysAgo(300) }),
];
const carePlan = {
  resourceType: 'CarePlan',
  id: 'cp',
  status: 'active',
  intent: 'plan',
  title: 'Collaborative care plan',
  subject: { reference: 'Patient/pat-1' },
  goal: [{ reference: 'Goal/g' }],
};
const goal = {
  resourceType: 'Goal',
  id: 'g',
  lifecycleStatus: 'active',
  description: { text: 'PHQ-9 below 5' },
  subject: { reference: 'Patient/pat-1' },
  target: [{ measure: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] }, detailQuantity: { value: 5, comparator: '<' } }],
};

/**
 * `heldTreatment`: the treatment searches answer only once the promise settles, so a test can
 * look at the page while they are on their way (a fixed delay is outrun on a loaded machine).
 */
function serve(overrides: { medicationRequest?: Parameters<typeof http.get>[1]; heldTreatment?: Promise<void> } = {}) {
  const slow = async (body: object[]) => {
    if (overrides.heldTreatment) await overrides.heldTreatment;
    return HttpResponse.json(searchset(body));
  };
  server.use(
    http.get(`${TEST_FHIR_BASE}/Observation`, () => HttpResponse.json(searchset([]))),
    http.get(`${TEST_FHIR_BASE}/QuestionnaireResponse`, () =>
      HttpResponse.json(
        searchset([
          phq9Form([2, 2, 2, 2, 2, 2, 2, 1, 0], { id: 'q1', authored: `${clinicDaysAgo(112)}T10:00:00-05:00` }),
          phq9Form([1, 1, 1, 1, 1, 1, 1, 1, 0], { id: 'q2', authored: `${clinicDaysAgo(7)}T10:00:00-05:00` }),
        ]),
      ),
    ),
    http.get(`${TEST_FHIR_BASE}/Flag`, () => HttpResponse.json(searchset([]))),
    // The screening control asks what it may write; its answer does not matter here.
    http.get(`${TEST_FHIR_BASE}/metadata`, () => new HttpResponse(null, { status: 404 })),
    http.get(`${TEST_FHIR_BASE}/Condition`, () => slow(conditions)),
    http.get(`${TEST_FHIR_BASE}/MedicationRequest`, overrides.medicationRequest ?? (() => slow(requests))),
    http.get(`${TEST_FHIR_BASE}/MedicationStatement`, () => slow([])),
    http.get(`${TEST_FHIR_BASE}/CarePlan`, () => slow([carePlan])),
    http.get(`${TEST_FHIR_BASE}/Goal`, () => slow([goal])),
    http.get(`${TEST_FHIR_BASE}/DocumentReference`, () => slow([])),
    http.get(`${TEST_FHIR_BASE}/Communication`, () => slow([])),
  );
}

describe('Treatment section', () => {
  it('shows diagnoses, psychotropics with their dose steps, the changes, care plans, and the markers on the chart', async () => {
    serve();
    renderWithChart(<PatientView />);
    const diagnoses = await screen.findByRole('table', { name: 'Behavioral health diagnoses' });
    const rows = within(diagnoses).getAllByTestId('diagnosis-row');
    expect(rows[0]?.textContent).toContain('Major depressive disorder, recurrent, moderate');
    expect(rows[0]?.textContent).toContain('ICD-10-CM F33.1');
    expect(rows[0]?.textContent).toContain(clinicDaysAgo(120));
    expect(rows[1]?.textContent).toContain('Anxiety, situational');
    expect(rows[1]?.textContent).toContain('free text only');
    expect(screen.queryByText('Essential hypertension')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Show other conditions (1)' }));
    expect(within(screen.getByRole('table', { name: 'Other conditions' })).getByText('Essential hypertension')).toBeTruthy();

    const meds = screen.getByRole('table', { name: 'Psychotropic medications' });
    const med = within(meds).getByTestId('psychotropic-row');
    expect(med.textContent).toContain('sertraline');
    expect(med.textContent).toContain('Antidepressant (SSRI)');
    expect(med.textContent).toContain('100 mg');
    expect(med.textContent).toContain(`50 mg from ${clinicDaysAgo(112)}; 100 mg from ${clinicDaysAgo(56)}`);
    await userEvent.click(screen.getByRole('button', { name: 'Show other medications (1)' }));
    expect(within(screen.getByRole('table', { name: 'Other medications' })).getByText('lisinopril 10 MG Oral Tablet')).toBeTruthy();

    const changes = screen.getByRole('table', { name: 'Medication changes' });
    const change = within(changes).getAllByTestId('treatment-change-row')[0];
    expect(change?.textContent).toContain(clinicDaysAgo(56));
    expect(change?.textContent).toContain('sertraline dose increased from 50 mg to 100 mg');
    expect(screen.getByText(/Not shown: 1 record marked entered in error/)).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Goals of Collaborative care plan' })).getByText(/PHQ-9 below 5 \(PHQ-9 total < 5\)/)).toBeTruthy();

    const markers = JSON.parse(screen.getAllByTestId('chart')[0]?.getAttribute('data-markers') ?? '[]') as string[];
    expect(markers).toEqual([`${clinicDaysAgo(112)} sertraline 50 mg started`, `${clinicDaysAgo(56)} sertraline 50→100 mg`]);
    expect(screen.getByText(/vertical lines: medication changes/)).toBeTruthy();
  });

  it('still shows the rest when medication orders are forbidden (403), and the note says what is missing', async () => {
    serve({ medicationRequest: () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] }, { status: 403 }) });
    renderWithChart(<PatientView />);
    await screen.findByRole('table', { name: 'Behavioral health diagnoses' });
    expect(await screen.findByText(/Medication orders \(MedicationRequests\) could not be loaded/)).toBeTruthy();
    expect(screen.getByText('No psychotropic medication on record.')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'PHQ-9 scores' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Show reasons' }));
    expect(screen.getByText(/does not include medication orders/)).toBeTruthy();
  });

  it('does not hold the scores back while treatment records are still on their way', async () => {
    let release: () => void = () => undefined;
    serve({ heldTreatment: new Promise<void>((resolve) => (release = resolve)) });
    renderWithChart(<PatientView />);
    await screen.findByRole('table', { name: 'PHQ-9 scores' });
    expect(screen.getByLabelText('Loading diagnoses and medications')).toBeTruthy();
    release();
    await screen.findByRole('table', { name: 'Behavioral health diagnoses' }, { timeout: 3000 });
  });

  it('asks nothing the token does not grant, and says so', async () => {
    serve();
    const { parseGrantedScopes } = await import('../../fhir/scopes');
    renderWithChart(<PatientView />, {
      session: testSession({ granted: parseGrantedScopes('launch user/Observation.rs user/QuestionnaireResponse.rs user/Flag.rs user/Condition.rs') }),
    });
    await screen.findByRole('table', { name: 'Behavioral health diagnoses' });
    expect(
      await screen.findByText(
        /Medication orders \(MedicationRequests\), Medication statements, Care plans, Goals, Plan of care notes \(DocumentReferences\), Handouts given \(Communications\) could not be loaded/,
      ),
    ).toBeTruthy();
  });
});
