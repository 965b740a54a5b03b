/**
 * The contact log and CoCM billing end to end, on a sandbox of its own: a patient enrolled
 * through the app today gets a 40-minute contact logged in the patient view; the caseload
 * grid then shows 40 minutes, 99492 and 46 minutes to the next code, and the month's billing
 * CSV holds that patient's row.
 */
import type { Flag, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENROLLED_FLAG } from '../../src/clinical/enrollment/codes';
import { generatePanel } from '../../sandbox/panel/index';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { useBrowser } from './chromium';
import { downloadCsv } from './csv';
import { newPage, openFromSearch } from './page';
import { fhirSearchAll } from './sandboxApi';

const APP_DIR = new URL('../../dist', import.meta.url).pathname;
const browser = useBrowser();
let sandbox: Sandbox;

beforeAll(async () => {
  const panel = generatePanel({ patients: 24, seed: 'contacts-browser' });
  sandbox = await startSandbox({ port: 0, resources: panel.resources, profile: 'generic', appDir: APP_DIR, quiet: true });
});
afterAll(async () => {
  await sandbox?.close();
});

async function notEnrolledPatient(origin: string): Promise<{ id: string; mrn: string }> {
  const flags = await fhirSearchAll<Flag>(origin, `Flag?code=${encodeURIComponent(`${ENROLLED_FLAG.system}|${ENROLLED_FLAG.code}`)}&_count=200`);
  const members = new Set(flags.filter((f) => f.resourceType === 'Flag').map((f) => f.subject?.reference?.replace(/^.*Patient\//, '')));
  const patients = await fhirSearchAll<Patient>(origin, 'Patient?_count=200');
  const outsider = patients.find((p) => p.resourceType === 'Patient' && !members.has(p.id ?? ''));
  if (!outsider?.id) throw new Error('the panel has no patient outside the program');
  return { id: outsider.id, mrn: outsider.identifier?.[0]?.value ?? '' };
}

async function enrolledPatient(origin: string): Promise<{ mrn: string; family: string }> {
  const flags = await fhirSearchAll<Flag>(origin, `Flag?code=${encodeURIComponent(`${ENROLLED_FLAG.system}|${ENROLLED_FLAG.code}`)}&_count=200`);
  const id = flags.find((f) => f.resourceType === 'Flag' && f.status === 'active')?.subject?.reference?.replace(/^.*Patient\//, '');
  const patients = await fhirSearchAll<Patient>(origin, 'Patient?_count=200');
  const patient = patients.find((p) => p.id === id);
  if (!patient) throw new Error('the panel has no enrolled patient');
  return { mrn: patient.identifier?.[0]?.value ?? '', family: patient.name?.[0]?.family ?? '' };
}

describe('contact log and CoCM billing', () => {
  it('the contact timer stays in the app bar on every screen, pauses and resumes, and logs whole minutes', async () => {
    const origin = sandbox.origin;
    const { mrn, family } = await enrolledPatient(origin);
    const { page } = await newPage(browser());
    await page.goto(`${origin}/ehr/launch`);
    await page.getByTestId('caseload-timings').waitFor({ timeout: 30_000 });
    await openFromSearch(page, mrn);
    await page.getByRole('button', { name: 'Start timer' }).click({ timeout: 20_000 });
    await page.getByText('The timer counts whole minutes only: seconds are dropped (1:59 gives 1 minute).').waitFor();
    const bar = page.getByRole('banner');
    await bar.getByRole('timer', { name: 'Contact timer' }).waitFor();
    expect(await bar.getByText('Contact timer:').count()).toBe(1);

    // Back on the caseload, the app bar still times this patient's contact, and says whose.
    await page.getByRole('button', { name: /^Back to/ }).click();
    await page.getByRole('tab', { name: 'Caseload' }).click();
    await bar.getByText(new RegExp(`^Contact with .*${family}.*:$`)).waitFor();
    await bar.getByRole('button', { name: 'Pause contact timer' }).click();
    await bar.getByText('(paused)').waitFor();
    const pausedAt = await bar.getByRole('timer', { name: 'Contact timer' }).textContent();
    await page.waitForTimeout(1500);
    expect(await bar.getByRole('timer', { name: 'Contact timer' }).textContent()).toBe(pausedAt);
    await bar.getByRole('button', { name: 'Resume contact timer' }).click();
    await expect.poll(() => bar.getByRole('timer', { name: 'Contact timer' }).textContent(), { timeout: 5000 }).not.toBe(pausedAt);

    // Back in the chart: Stop and log fills the whole minutes timed (under one: 0).
    await openFromSearch(page, mrn);
    await page.getByRole('button', { name: 'Stop timer and log' }).click({ timeout: 20_000 });
    const log = page.getByRole('dialog', { name: 'Log contact' });
    expect(await log.getByLabel(/^Minutes/).inputValue()).toBe('0');
    expect(await bar.getByRole('timer').count()).toBe(0);
    await page.context().close();
  });

  it('40 minutes for a newly enrolled patient: 40 minutes, 99492 and 46 to the next code in the grid; the CSV holds the row', async () => {
    const origin = sandbox.origin;
    const { mrn } = await notEnrolledPatient(origin);
    const { page } = await newPage(browser());
    await page.goto(`${origin}/ehr/launch`);
    await page.getByTestId('caseload-timings').waitFor({ timeout: 30_000 });

    // Enroll through the app, with a treating PCP (who bills).
    await openFromSearch(page, mrn);
    await page.getByRole('button', { name: 'Enroll', exact: true }).click({ timeout: 20_000 });
    const enroll = page.getByRole('dialog');
    await enroll.getByRole('combobox', { name: 'Treating PCP' }).click();
    await page.getByRole('listbox').getByRole('option').nth(1).click();
    await enroll.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('registry-phase').textContent(), { timeout: 20_000 }).toMatch(/^Active treatment/);

    // Log 40 minutes in the patient view.
    await page.getByRole('button', { name: /^Log contact/ }).click();
    const log = page.getByRole('dialog', { name: 'Log contact' });
    await log.getByLabel('Type').selectOption('initial-assessment');
    await log.getByLabel('Modality').selectOption('video');
    await log.getByLabel(/^Minutes/).fill('40');
    await log.getByLabel('Note').fill('Initial assessment by video');
    await log.getByRole('button', { name: 'Save contact' }).click();
    await log.getByText('Contact saved to the EHR.').waitFor({ timeout: 20_000 });
    await log.getByRole('button', { name: 'Close' }).click();
    const summary = page.getByRole('region', { name: 'Contacts summary' });
    await expect.poll(() => summary.getByLabel('Codes this month').textContent(), { timeout: 20_000 }).toBe('99492');
    expect(await summary.getByLabel('Minutes to next code').textContent()).toBe('46 (99494)');

    // The caseload grid: the patient's row, scrolled to the contact and billing columns.
    await page.getByRole('button', { name: /^Back to/ }).click();
    await page.getByRole('tab', { name: 'Caseload' }).click();
    const mine = page.getByLabel('My patients');
    if (await mine.isChecked()) await mine.uncheck();
    await page.getByLabel('Search by name or MRN').fill(mrn);
    await expect.poll(() => page.locator('[role="row"][data-id]').count(), { timeout: 20_000 }).toBe(1);
    // The saved view for this work: contacts and billing columns beside the name.
    await page.getByRole('button', { name: 'Contacts and billing', exact: true }).click();
    await page.locator('.MuiDataGrid-virtualScroller').evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    const cell = (field: string) => page.locator(`[role="row"][data-id] [data-field="${field}"]`).textContent();
    await expect.poll(() => cell('minutesThisMonth'), { timeout: 20_000 }).toBe('40');
    expect(await cell('codesThisMonth')).toBe('99492');
    expect(await cell('minutesToNextCode')).toBe('46 (99494)');
    expect(await cell('contactsThisMonth')).toBe('1');

    // The month's billing CSV holds the row, ready for the billing office.
    await page.getByRole('tab', { name: 'Billing' }).click();
    const billed = page.getByRole('table', { name: 'Billed' });
    await billed.getByRole('row').filter({ hasText: mrn }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByRole('button', { name: 'Export billing CSV' }).isEnabled(), { timeout: 20_000 }).toBe(true);
    const csv = await downloadCsv(page, 'Export billing CSV');
    const header = csv[0] ?? [];
    expect(header.slice(0, 8)).toEqual(['MRN', 'Name', 'Birth date', 'Service month', 'Episode month', 'CoCM minutes', 'Codes', '99492 units']);
    const row = csv.find((r) => r[0] === mrn);
    expect(row).toBeDefined();
    const at = (name: string) => row?.[header.indexOf(name)];
    expect(at('CoCM minutes')).toBe('40');
    expect(at('Codes')).toBe('99492');
    expect(at('99492 units')).toBe('1');
    expect(at('99493 units')).toBe('');
    expect(at('Episode month')).toBe('first');
    expect(at('Birth date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(at('Treating provider')).not.toBe('');
    await page.context().close();
  });
});
