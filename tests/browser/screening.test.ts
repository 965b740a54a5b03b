/**
 * Screening at the visit, end to end against sandbox EHRs of each profile: the keyboard
 * flow, what lands in the EHR (read back from the server), the new row in the table, what
 * the user is told when the EHR accepts less, and a lost answer retried without duplicates.
 */
import type { Flag, Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { generatePanel } from '../../sandbox/panel/index';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { useBrowser } from './chromium';
import { newPage } from './page';
import { answerByKeyboard, screeningSavedNotice } from './screeningKeys';
import { fhirSearchAll } from './sandboxApi';

const browser = useBrowser();
const SCREENING_SYSTEM = 'urn:cocm-registry:screening';
const APP_DIR = new URL('../../dist', import.meta.url).pathname;

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(profile: 'generic' | 'epic' | 'oracle'): Promise<{ sandbox: Sandbox; patientId: string }> {
  const panel = generatePanel({ patients: 4, seed: `screening-${profile}` });
  sandbox = await startSandbox({ port: 0, resources: panel.resources, profile, appDir: APP_DIR, quiet: true });
  const patientId = panel.resources.find((r) => r.resourceType === 'Patient')?.id as string;
  return { sandbox, patientId };
}

async function openScreening(origin: string, patientId: string): Promise<Page> {
  const { page } = await newPage(browser());
  await page.goto(`${origin}/ehr/launch?patient=${encodeURIComponent(patientId)}`);
  await page.getByRole('button', { name: 'Screen now' }).click({ timeout: 30_000 });
  await page.getByRole('dialog', { name: /Screening/ }).waitFor();
  return page;
}

async function screeningRecords(origin: string, patientId: string) {
  const mine = <T extends { identifier?: Array<{ system?: string }> | { system?: string } }>(all: T[]) =>
    all.filter((r) => [r.identifier].flat().some((i) => i?.system === SCREENING_SYSTEM));
  const [responses, observations, flags] = await Promise.all([
    fhirSearchAll<QuestionnaireResponse>(origin, `QuestionnaireResponse?patient=${patientId}&_count=200`),
    fhirSearchAll<Observation>(origin, `Observation?patient=${patientId}&_count=200`),
    // The Oracle-like profile has no Flag resource at all (404): nothing there to count.
    fhirSearchAll<Flag>(origin, `Flag?patient=${patientId}&_count=200`).catch((error: Error) => (/: 404$/.test(error.message) ? [] : Promise.reject(error))),
  ]);
  return { responses: mine(responses), observations: mine(observations), flags: mine(flags) };
}

describe('screening', () => {
  it('generic EHR: a full PHQ-9 with item 9 = 1 saves a form, a score, the CMS2 screening result and a safety Flag, and the new row shows', async () => {
    const { sandbox: s, patientId } = await start('generic');
    const page = await openScreening(s.origin, patientId);
    await answerByKeyboard(page);
    await page.getByRole('button', { name: 'Save to chart' }).press('Enter');
    // Everything saved: the dialog closes by itself and the chart says so.
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 20_000 });
    expect(await page.getByTestId('screening-saved').textContent()).toMatch(/^Screening saved to the chart at \d{2}:\d{2}\.$/);

    const written = await screeningRecords(s.origin, patientId);
    const phqForm = written.responses.find((r) => r.questionnaire?.startsWith('http://loinc.org/q/44249-1'));
    expect(phqForm).toBeDefined();
    // The PHQ-9 total (an integer, as CMS159 compares it) and CMS2's screening result.
    const codes = written.observations.map((o) => o.code.coding?.[0]?.code);
    expect(codes).toHaveLength(2);
    expect(codes[0]).toBe('44261-6');
    expect(['73832-8', '73831-0']).toContain(codes[1]);
    expect(written.observations[0]?.valueInteger).toBe(10);
    expect(written.observations[0]?.derivedFrom?.[0]?.reference).toBe(`QuestionnaireResponse/${phqForm?.id}`);
    expect(written.observations[1]?.valueCodeableConcept?.coding?.[0]?.code).toBe('428181000124104');
    expect(written.flags).toHaveLength(1);
    expect(written.flags[0]?.status).toBe('active');

    const today = new Date().toLocaleDateString('en-CA');
    const newRow = page.getByRole('table', { name: 'PHQ-9 scores' }).getByTestId('score-row').filter({ hasText: today });
    await newRow.first().waitFor({ timeout: 20_000 });
    expect(await newRow.first().textContent()).toContain('10');
    expect(await page.getByRole('alert').first().textContent()).toContain('988');
    await page.context().close();
  });

  it('a lost answer is retried without duplicates: exactly one of each record', async () => {
    const { sandbox: s, patientId } = await start('generic');
    s.faults.dropCreateResponses('QuestionnaireResponse', 1);
    const page = await openScreening(s.origin, patientId);
    await answerByKeyboard(page);
    await page.getByRole('button', { name: 'Save to chart' }).press('Enter');
    const saved = screeningSavedNotice(page);
    const retry = page.getByRole('button', { name: 'Retry saving' });
    await saved.or(retry).first().waitFor({ timeout: 20_000 });
    if (await retry.isVisible()) {
      await retry.click();
      await saved.waitFor({ timeout: 20_000 });
    }
    expect(s.faults.dropped).toBe(1);
    const written = await screeningRecords(s.origin, patientId);
    const identifiers = (records: Array<{ identifier?: unknown }>) => records.map((r) => JSON.stringify(r.identifier));
    expect(new Set(identifiers(written.responses)).size).toBe(written.responses.length);
    expect(written.responses.filter((r) => r.questionnaire?.startsWith('http://loinc.org/q/44249-1'))).toHaveLength(1);
    expect(written.observations).toHaveLength(2);
    expect(written.flags).toHaveLength(1);
    await page.context().close();
  });

  it('Oracle-like EHR: told before starting, nothing written, note text offered', async () => {
    const { sandbox: s, patientId } = await start('oracle');
    const page = await openScreening(s.origin, patientId);
    await page.getByText('This EHR will not accept the screening from the app').waitFor({ timeout: 20_000 });
    await answerByKeyboard(page);
    await page.getByRole('button', { name: 'Copy note text' }).waitFor();
    const written = await screeningRecords(s.origin, patientId);
    expect(written.responses.length + written.observations.length + written.flags.length).toBe(0);
    await page.context().close();
  });

  it('Epic-like EHR: told the flag cannot be saved; form and mapped score are saved', async () => {
    const { sandbox: s, patientId } = await start('epic');
    const page = await openScreening(s.origin, patientId);
    await page.getByText('This EHR will not accept all of the screening from the app').waitFor({ timeout: 20_000 });
    await answerByKeyboard(page);
    await page.getByRole('button', { name: 'Save to chart' }).press('Enter');
    await page.getByText('Saved what this EHR accepts').waitFor({ timeout: 20_000 });
    const written = await screeningRecords(s.origin, patientId);
    expect(written.responses.length).toBeGreaterThanOrEqual(1);
    expect(written.observations.map((o) => o.code.coding?.[0]?.code)).toEqual(['44261-6']);
    expect(written.flags).toHaveLength(0);
    await page.context().close();
  });
});
