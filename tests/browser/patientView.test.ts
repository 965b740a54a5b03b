/**
 * The patient view through the sandbox: what the app shows matches what the server holds,
 * safety findings alert (and only then), a ten-year history renders whole, and axe finds no
 * serious or critical violation.
 */
import type { Observation, Patient, Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { findSafetyFindings, readAdministrations } from '../../src/clinical';
import { alertingSafetyFindings } from '../../src/clinical/safety/safetyAlert';
import { useBrowser } from './chromium';
import { newPage, seriousAxeViolations } from './page';
import { fhirSearchAll } from './sandboxApi';

const origin = inject('origin');
const longHistoryPatient = inject('longHistoryPatient');
const browser = useBrowser();
let questionnaires: Questionnaire[];

beforeAll(async () => {
  questionnaires = await fhirSearchAll<Questionnaire>(origin, 'Questionnaire?_count=200');
});

interface Expected {
  id: string;
  phq9: number;
  gad7: number;
  alerts: number;
}

/** What the server holds for a patient, read through the clinical model in this process. */
async function expectedFor(patientId: string): Promise<Expected> {
  const [observations, questionnaireResponses] = await Promise.all([
    fhirSearchAll<Observation>(origin, `Observation?patient=${patientId}&_count=200`),
    fhirSearchAll<QuestionnaireResponse>(origin, `QuestionnaireResponse?patient=${patientId}&_count=200`),
  ]);
  const read = readAdministrations({ observations, questionnaireResponses, questionnaires });
  const findings = findSafetyFindings(read.administrations, { now: new Date() });
  return {
    id: patientId,
    phq9: read.administrations.filter((a) => a.instrument === 'phq9').length,
    gad7: read.administrations.filter((a) => a.instrument === 'gad7').length,
    alerts: alertingSafetyFindings(read.administrations, findings).length,
  };
}

let panelExpectations: Promise<Expected[]> | undefined;
function allExpectations(): Promise<Expected[]> {
  panelExpectations ??= fhirSearchAll<Patient>(origin, 'Patient?_count=200').then((patients) => Promise.all(patients.map((p) => expectedFor(p.id as string))));
  return panelExpectations;
}

async function launch(patientId: string): Promise<Page> {
  const { page } = await newPage(browser());
  await page.goto(`${origin}/ehr/launch?patient=${encodeURIComponent(patientId)}`);
  await page.getByRole('heading', { name: /^PHQ-9/ }).waitFor({ timeout: 30_000 });
  return page;
}

async function rowCount(page: Page, caption: string): Promise<number> {
  const table = page.getByRole('table', { name: caption });
  if ((await table.count()) === 0) return 0;
  return table.getByTestId('score-row').count();
}

describe('patient view', () => {
  it('has one table row per administration the sandbox holds', async () => {
    const expectations = (await allExpectations()).filter((e) => e.phq9 > 0).slice(0, 3);
    expect(expectations.length).toBeGreaterThan(0);
    for (const expected of expectations) {
      const page = await launch(expected.id);
      await page.getByRole('table', { name: 'PHQ-9 scores' }).waitFor();
      // The newest scores draw first; older pages (if any) follow. Count once all have arrived.
      await expect.poll(() => rowCount(page, 'PHQ-9 scores'), { timeout: 30_000 }).toBe(expected.phq9);
      await expect.poll(() => rowCount(page, 'GAD-7 scores'), { timeout: 30_000 }).toBe(expected.gad7);
      const summary = page.getByRole('region', { name: 'PHQ-9 summary' });
      for (const label of ['Baseline', 'Latest', 'Change from baseline', 'Response', 'Remission', 'Weeks in treatment']) {
        expect((await summary.getByLabel(label, { exact: true }).textContent())?.length).toBeGreaterThan(0);
      }
      await page.context().close();
    }
  });

  it('shows the safety alert with 988 for a patient with item 9 above 0, and none for a patient without', async () => {
    const expectations = await allExpectations();
    const withFinding = expectations.find((e) => e.alerts > 0);
    const without = expectations.find((e) => e.alerts === 0 && e.phq9 > 0);
    expect(withFinding, 'the synthetic panel has a patient with a recent item-9 finding').toBeDefined();
    expect(without).toBeDefined();
    const page = await launch(withFinding!.id);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('988');
    expect(await alert.textContent()).toContain('item 9');
    await page.context().close();

    const calm = await launch(without!.id);
    await calm.getByRole('table', { name: 'PHQ-9 scores' }).waitFor();
    expect(await calm.getByRole('alert').count()).toBe(0);
    await calm.context().close();
  });

  it('renders a ten-year history without truncation, chart included', async () => {
    const expected = await expectedFor(longHistoryPatient);
    expect(expected.phq9).toBeGreaterThan(200);
    const page = await launch(longHistoryPatient);
    await page.getByRole('table', { name: 'PHQ-9 scores' }).waitFor();
    // The newest scores draw first and older pages follow ("Loading older scores…"): every
    // administration is there once they have all arrived.
    await expect.poll(() => rowCount(page, 'PHQ-9 scores'), { timeout: 30_000 }).toBe(expected.phq9);
    await expect.poll(() => rowCount(page, 'GAD-7 scores'), { timeout: 30_000 }).toBe(expected.gad7);
    await page.getByRole('img', { name: /PHQ-9 trajectory chart/ }).waitFor();
    expect(await page.getByText(/more .* than the app reads at once/).count()).toBe(0);
    await page.getByRole('group', { name: 'PHQ-9 chart range' }).getByRole('button', { name: '1 year' }).click();
    await page.context().close();
  });

  it('has no serious or critical accessibility violations', async () => {
    const expectations = await allExpectations();
    const withFinding = expectations.find((e) => e.alerts > 0) ?? expectations[0]!;
    const page = await launch(withFinding.id);
    await page.getByRole('img', { name: /PHQ-9 trajectory chart/ }).waitFor();
    await page
      .getByRole('button', { name: /^Answers for/ })
      .first()
      .click();
    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.context().close();
  });
});
