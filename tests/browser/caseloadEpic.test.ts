/**
 * The caseload on an EHR that refuses searches across patients (the sandbox's `epic`
 * profile answers 400 to Flag/Observation searches without a patient): launched without a
 * patient, the app says it could not list the enrolled patients and offers the EHR's patient
 * lists; choosing a care manager's List fills the grid with exactly that List's patients.
 */
import type { List, Patient } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePanel } from '../../sandbox/panel/index';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { useBrowser } from './chromium';
import { downloadCsv } from './csv';
import { newPage } from './page';
import { fhirGet, fhirSearchAll } from './sandboxApi';

const browser = useBrowser();
const APP_DIR = new URL('../../dist', import.meta.url).pathname;

let sandbox: Sandbox;
let origin: string;
beforeAll(async () => {
  const panel = generatePanel({ patients: 15, seed: 'caseload-epic' });
  sandbox = await startSandbox({ port: 0, resources: panel.resources, profile: 'epic', appDir: APP_DIR, quiet: true });
  origin = sandbox.origin;
});
afterAll(async () => {
  await sandbox?.close();
});

async function shownCount(page: Page): Promise<{ shown: number; total: number }> {
  const text = (await page.getByTestId('caseload-count').textContent()) ?? '';
  const m = /^(\d+) of (\d+)/.exec(text);
  return { shown: Number(m?.[1]), total: Number(m?.[2]) };
}

function patientIds(list: List): string[] {
  return (list.entry ?? []).filter((e) => !e.deleted).map((e) => e.item?.reference?.replace(/^.*Patient\//, '') ?? '');
}

describe('caseload on an EHR without cross-patient search (epic profile)', () => {
  it('the server refuses the registry search without a patient', async () => {
    await expect(fhirGet(origin, 'Flag?_count=10')).rejects.toThrow(/: 400$/);
  });

  it('offers the patient lists, and a chosen List fills the grid with exactly its patients', async () => {
    // A care manager with no patients has an empty List, which the app does not offer.
    const lists = (await fhirSearchAll<List>(origin, 'List?status=current&_count=50')).filter(
      (l) => !l.subject && l.id?.startsWith('list-caseload-') && (l.entry?.length ?? 0) > 0,
    );
    expect(lists.length).toBeGreaterThan(0);
    // The largest care manager's List (more rows to compare), read directly by id.
    const chosen = await fhirGet<List>(origin, `List/${[...lists].sort((a, b) => (b.entry?.length ?? 0) - (a.entry?.length ?? 0))[0]!.id ?? ''}`);
    const ids = patientIds(chosen);
    expect(ids.length).toBeGreaterThan(1);
    const mrns = new Set(await Promise.all(ids.map(async (id) => (await fhirGet<Patient>(origin, `Patient/${id}`)).identifier?.[0]?.value)));
    expect(mrns.size).toBe(ids.length);

    const { page } = await newPage(browser());
    await page.goto(`${origin}/ehr/launch`);
    // The registry search is refused: the app says so and points at the lists.
    const refusal = page.getByRole('alert').filter({ hasText: 'This EHR did not list the enrolled patients' });
    await refusal.waitFor({ timeout: 30_000 });
    expect(await refusal.textContent()).toMatch(/Choose a patient list/);

    // The picker offers the care managers' Lists and the program Group.
    await page.getByRole('combobox', { name: 'Patients from' }).click();
    const options = page.getByRole('listbox').getByRole('option');
    await expect.poll(() => options.count(), { timeout: 20_000 }).toBe(1 + lists.length + 1);
    expect(await options.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^Collaborative care program \(all enrolled patients\) \(\d+\)$/)]));
    await page.getByRole('option', { name: `${chosen.title ?? ''} (${chosen.entry?.length ?? 0})`, exact: true }).click();

    await page.getByTestId('caseload-timings').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('caseload-timings').textContent()).toContain(`${ids.length} patients from ${chosen.title ?? ''}`);
    expect(await refusal.count()).toBe(0);
    // Everyone on the list, not just the signed-in care manager's patients.
    const mine = page.getByLabel('My patients');
    if (await mine.isChecked()) await mine.uncheck();
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).toEqual({ shown: ids.length, total: ids.length });

    // The rows are those patients (every one, grid virtualisation aside: the CSV has them all).
    // The CSV holds the columns shown: every column, MRN included.
    await page.getByRole('button', { name: 'All columns', exact: true }).click();
    const csv = await downloadCsv(page, 'Export CSV');
    const mrnColumn = csv[0]!.indexOf('MRN');
    expect(csv.length - 1).toBe(ids.length);
    expect(new Set(csv.slice(1).map((r) => r[mrnColumn]))).toEqual(mrns);
    await page.context().close();
  });
});
