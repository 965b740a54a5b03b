import type { CapabilityStatement, Observation } from '@medplum/fhirtypes';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { riskAssessmentDialog } from '../deferred/parts';
import type { SafetyFinding } from '../../clinical';
import type { ActiveFlag } from '../../clinical/flags/activeFlags';
import { TEST_FHIR_BASE } from '../../fhir/testing/testSession';
import { renderWithSession } from '../../fhir/testing/withSession';
import { FakeFhirServer } from '../../fhir/writes/fakeFhirServer.testkit';
import { SafetySection } from './SafetySection';

const server = setupServer();
beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  // In the app the form's chunk downloads with the chart's reads; here before the click that opens it.
  await riskAssessmentDialog.preload();
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const METADATA: CapabilityStatement = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  date: '2026-01-01',
  kind: 'instance',
  fhirVersion: '4.0.1',
  format: ['json'],
  rest: [{ mode: 'server', resource: [{ type: 'Observation', interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }], conditionalCreate: true }] }],
};

const today = new Date().toISOString().slice(0, 10);
const finding: SafetyFinding = {
  administrationId: 'adm-1',
  instrument: 'phq9',
  effective: `${today}T09:00:00Z`,
  localDate: today,
  instant: Date.parse(`${today}T09:00:00Z`),
  item9: 1,
  answerDisplay: 'Several days',
  total: 14,
  status: 'final',
  completeness: 'complete',
  daysAgo: 0,
  sources: ['QuestionnaireResponse/qr-1'],
  problems: [],
};
// The screening wrote a safety Flag for the same finding: one sentence, not two.
const flag: ActiveFlag = { reference: 'Flag/f-1', text: 'Suicide risk: PHQ-9 item 9 answered', category: 'Safety', since: `${today}T09:00:00Z`, safety: true };

describe('SafetySection', () => {
  it('one sentence per finding; "Risk assessed" writes the assessment once and closes the alert; the finding stays, assessed', async () => {
    const fake = new FakeFhirServer({ base: TEST_FHIR_BASE });
    server.use(
      http.get(`${TEST_FHIR_BASE}/metadata`, () => HttpResponse.json(METADATA)),
      ...fake.handlers(),
    );
    const user = userEvent.setup();
    renderWithSession(<SafetySection patientId="pat-1" findings={[finding]} safetyFlags={[flag]} />);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getAllByTestId('safety-finding')).toHaveLength(1);
    expect(alert.textContent).toMatch(/988/);
    await user.click(await within(alert).findByRole('button', { name: 'Risk assessed' }));
    const dialog = screen.getByRole('dialog', { name: 'Risk assessed' });
    expect((within(dialog).getByLabelText(/^Assessed on/) as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((within(dialog).getByLabelText(/^At/) as HTMLInputElement).value).toMatch(/^\d{2}:\d{2}$/);
    const save = within(dialog).getByRole('button', { name: 'Save assessment' });
    expect(save).toHaveProperty('disabled', true);
    await user.click(within(dialog).getByRole('radio', { name: 'Low risk' }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Plan' }), { target: { value: 'Safety plan made; care manager calls tomorrow' } });
    await user.click(save);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const assessed = screen.getByRole('region', { name: 'Assessed safety findings' });
    expect(assessed.textContent).toMatch(/Several days.*Risk assessed \d{4}-\d{2}-\d{2} \d{2}:\d{2} by .*: Low risk\. Plan: Safety plan made; care manager calls tomorrow/);
    const written = fake.all('Observation') as Observation[];
    expect(written).toHaveLength(1);
    expect(written[0]?.derivedFrom?.map((d) => d.reference)).toEqual(['QuestionnaireResponse/qr-1', 'Flag/f-1']);
    expect(written[0]?.performer?.[0]?.reference).toBe('Practitioner/pr1');
    const post = fake.requests.find((r) => r.method === 'POST');
    expect(new URLSearchParams(post?.ifNoneExist ?? '').get('identifier')).toMatch(/^urn:cocm-registry:registry\|.+\/risk-assessment$/);
  });

  it('assessments that could not be read keep the alert up, say so, and offer no "Risk assessed" until they can be read', async () => {
    server.use(http.get(`${TEST_FHIR_BASE}/Observation`, () => new HttpResponse('down', { status: 503 })));
    renderWithSession(<SafetySection patientId="pat-1" findings={[finding]} safetyFlags={[]} />);
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toMatch(/Earlier risk assessments could not be read/));
    expect(within(alert).queryByRole('button', { name: 'Risk assessed' })).toBeNull();
  });
});
