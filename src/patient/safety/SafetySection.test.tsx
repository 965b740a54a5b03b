import type { CapabilityStatement, Observation } from '@medplum/fhirtypes';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import type { SafetyFinding } from '../../clinical';
import { buildPatientChart, type PatientChartRecords } from '../../clinical/patientChart';
import { readRiskAssessments } from '../../clinical/safety/riskAssessment';
import type { ActiveFlag } from '../../clinical/flags/activeFlags';
import { writableTypes } from '../../fhir/testing/capabilityStatement';
import { TEST_FHIR_BASE } from '../../fhir/testing/testSession';
import { renderWithSession } from '../../fhir/testing/withSession';
import { FakeFhirServer } from '../../fhir/writes/fakeFhirServer.testkit';
import { SafetySection } from './SafetySection';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const METADATA: CapabilityStatement = writableTypes(['Observation']);

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
    // The chart reads again after a save; here the caller hands back what was written.
    let rerender: (ui: ReactElement) => void = () => undefined;
    const onAssessed = () =>
      rerender(<SafetySection patientId="pat-1" findings={[finding]} safetyFlags={[flag]} assessments={readRiskAssessments(fake.all('Observation') as Observation[])} />);
    rerender = renderWithSession(<SafetySection patientId="pat-1" findings={[finding]} safetyFlags={[flag]} assessments={[]} onAssessed={onAssessed} />).rerender;
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
    const records: PatientChartRecords = {
      patientId: 'pat-1',
      patient: { resourceType: 'Patient', id: 'pat-1' },
      observations: [],
      questionnaireResponses: [],
      questionnaires: [],
      flags: [],
      treatment: undefined,
      failed: [{ what: 'Observation', reason: 'The EHR did not answer.' }],
      truncated: [],
    };
    const { facts } = buildPatientChart(records, { now: new Date(), timeZone: 'America/New_York' });
    expect(facts.assessments.known).toBe(false);
    const reason = facts.assessments.known ? undefined : facts.assessments.reason;
    renderWithSession(<SafetySection patientId="pat-1" findings={[finding]} safetyFlags={[]} assessments={[]} assessmentsUnknown={reason} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /Earlier risk assessments could not be read from the EHR: the score, enrollment, review and contact records \(Observations\) did not load\. This alert stays until they are read\./,
    );
    expect(within(alert).queryByRole('button', { name: 'Risk assessed' })).toBeNull();
  });
});
