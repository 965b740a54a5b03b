import type { MedicationRequest } from '@medplum/fhirtypes';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CaseloadRow, loadingRow } from '../../clinical/caseload';
import { order, type OrderSpec } from '../../clinical/treatment/testing';
import { createLimiter } from '../../fhir/reads/caseloadBatch';
import { parseGrantedScopes } from '../../fhir/scopes';
import { searchset, TEST_FHIR_BASE, testSession } from '../../fhir/testing/testSession';
import { queueMedicationsOf } from './queueMedications';
import { ReviewQueue } from './ReviewQueue';
import { renderWithSession } from '../../fhir/testing/withSession';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const NOW = new Date('2025-06-01T12:00:00Z');
const now = () => NOW;
const today = '2025-06-01';

function row(id: string, name: string): CaseloadRow {
  return { ...loadingRow(id), load: 'ready', name, phase: 'active', phaseLabel: 'Active treatment', reviewedThisEpisode: false, enrolledOn: '2025-05-20' };
}

function orderOf(patient: string, spec: OrderSpec): MedicationRequest {
  return { ...order(spec), subject: { reference: `Patient/${patient}` } };
}

const ORDERS = [
  orderOf('p1', { id: 'sert', drug: 'sertraline', rxcui: '36437', mg: 100, start: '2025-03-03' }),
  orderOf('p1', { id: 'flx', drug: 'fluoxetine', rxcui: '4493', mg: 20, start: '2024-10-01', end: '2025-02-01' }),
  orderOf('p2', { id: 'bup', drug: 'bupropion', rxcui: '42347', mg: 150, start: '2025-04-01' }),
];

function entryOf(name: string): HTMLElement {
  const entry = screen.getAllByTestId('review-queue-row').find((r) => within(r).queryByRole('button', { name }));
  if (!entry) throw new Error(`no queue entry for ${name}`);
  return entry;
}

const rows = [row('p1', 'Ann Able'), row('p2', 'Ben Baker'), row('p3', 'Cal Cole')];

describe('ReviewQueue medications', () => {
  it('lists each patient’s current psychotropics, read in one patient=a,b,c search, and omits a stopped one', async () => {
    const asked: Record<string, string | null>[] = [];
    server.use(
      http.get(`${TEST_FHIR_BASE}/MedicationRequest`, ({ request }) => {
        const url = new URL(request.url);
        asked.push({ type: 'MedicationRequest', patient: url.searchParams.get('patient') });
        return HttpResponse.json(searchset(ORDERS));
      }),
      http.get(`${TEST_FHIR_BASE}/MedicationStatement`, ({ request }) => {
        asked.push({ type: 'MedicationStatement', patient: new URL(request.url).searchParams.get('patient') });
        return HttpResponse.json(searchset([]));
      }),
    );
    renderWithSession(<ReviewQueue rows={rows} today={today} onOpen={() => undefined} onRecord={() => undefined} limit={createLimiter(6)} now={now} />);
    expect(within(entryOf('Ann Able')).getByTestId('review-queue-medications').textContent).toBe('Loading medications…');
    expect(await within(entryOf('Ann Able')).findByText('Current psychotropics: sertraline 100 mg')).toBeTruthy();
    expect(within(entryOf('Ann Able')).queryByText(/fluoxetine/)).toBeNull();
    expect(within(entryOf('Ben Baker')).getByText('Current psychotropics: bupropion 150 mg')).toBeTruthy();
    expect(within(entryOf('Cal Cole')).getByText('No current psychotropic in the EHR’s medication orders or list')).toBeTruthy();
    expect(asked.sort((a, b) => String(a.type).localeCompare(String(b.type)))).toEqual([
      { type: 'MedicationRequest', patient: 'p1,p2,p3' },
      { type: 'MedicationStatement', patient: 'p1,p2,p3' },
    ]);
  });

  it('says why when the medications could not be read, and does not ask for MedicationStatement without the scope; the queue still shows', async () => {
    let statements = 0;
    server.use(
      http.get(`${TEST_FHIR_BASE}/MedicationRequest`, () =>
        HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] }, { status: 403 }),
      ),
      http.get(`${TEST_FHIR_BASE}/MedicationStatement`, () => {
        statements++;
        return HttpResponse.json(searchset([]));
      }),
    );
    const session = testSession({ granted: parseGrantedScopes('launch openid fhirUser user/Patient.rs user/MedicationRequest.rs') });
    renderWithSession(<ReviewQueue rows={rows} today={today} onOpen={() => undefined} onRecord={() => undefined} limit={createLimiter(6)} now={now} />, session);
    const line = await within(entryOf('Ann Able')).findByText(/^Medications could not be read: /);
    expect(line.textContent?.length).toBeGreaterThan('Medications could not be read: '.length);
    expect(screen.getAllByTestId('review-queue-row')).toHaveLength(3);
    expect(statements).toBe(0);
  });
});

describe('queueMedicationsOf', () => {
  it('groups by patient and keeps only current psychotropics', () => {
    const found = queueMedicationsOf(['p1', 'p2', 'p9'], { medicationRequests: ORDERS, medicationStatements: [] }, NOW);
    expect(Object.fromEntries(found)).toEqual({
      p1: { status: 'ready', labels: ['sertraline 100 mg'] },
      p2: { status: 'ready', labels: ['bupropion 150 mg'] },
      p9: { status: 'ready', labels: [] },
    });
    expect(queueMedicationsOf(['p1'], { medicationRequests: [], medicationStatements: [], failure: 'no answer' }, NOW).get('p1')).toEqual({
      status: 'failed',
      reason: 'no answer',
    });
  });
});
