/**
 * The Program tab's eCQM rows end to end: a sandbox loaded with `--data` holding CMS's
 * official CMS2 test cases, each patient enrolled (an active membership Flag); the tab reads
 * their records through the app and runs CMS159 and CMS2 in the browser's Web Workers. The
 * CMS2 row of `Program measures` must show the counts the cases' own expected MeasureReports
 * add up to; the drill-down shows the populations and, per patient, where they landed and why;
 * the CMS2 care-gap list names patients of the data.
 */
import type { MeasureReport, Patient, Resource } from '@medplum/fhirtypes';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { summarizePatient } from '../../src/clinical/demographics/patientSummary';
import { ENROLLED_FLAG } from '../../src/clinical/enrollment/codes';
import { useBrowser } from './chromium';
import { seriousAxeViolations } from './page';

const browser = useBrowser();
const APP_DIR = new URL('../../dist', import.meta.url).pathname;
const CASES = new URL('../../measures/CMS2FHIR-v0.4.001/tests/', import.meta.url).pathname;

let dir: string;
let sandbox: Sandbox;
const expected = { numerator: 0, denominator: 0, patients: 0, initialPopulation: 0 };
const names = new Set<string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecqm-data-'));
  const flags = [];
  for (const file of (await readdir(CASES)).filter((f) => f.endsWith('.json'))) {
    await copyFile(join(CASES, file), join(dir, file));
    const bundle = JSON.parse(await readFile(join(CASES, file), 'utf8')) as { entry: { resource: Resource }[] };
    const patientResource = bundle.entry.find((e) => e.resource.resourceType === 'Patient')?.resource as Patient | undefined;
    const patientId = patientResource?.id;
    // The name as the app shows it.
    if (patientResource) names.add(summarizePatient(patientResource, new Date(0)).name);
    const report = bundle.entry.find((e) => e.resource.resourceType === 'MeasureReport')?.resource as MeasureReport | undefined;
    const count = (code: string) => report?.group?.[0]?.population?.find((p) => p.code?.coding?.[0]?.code === code)?.count ?? 0;
    // Exclusion wins over numerator, numerator over exception (docs/ecqm.md).
    const inDenominator = count('denominator') === 1 && count('denominator-exclusion') === 0;
    if (inDenominator && count('numerator') === 1) expected.numerator++;
    if (inDenominator && (count('numerator') === 1 || count('denominator-exception') === 0)) expected.denominator++;
    expected.initialPopulation += count('initial-population');
    expected.patients++;
    flags.push({
      resource: {
        resourceType: 'Flag',
        id: `enrolled-${patientId}`,
        status: 'active',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'admin' }] }],
        code: { coding: [ENROLLED_FLAG] },
        subject: { reference: `Patient/${patientId}` },
        period: { start: '2026-01-01' },
      },
    });
  }
  await writeFile(join(dir, 'zz-enrolled.json'), JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: flags }));
  sandbox = await startSandbox({ port: 0, data: dir, appDir: APP_DIR, quiet: true });
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Program tab: CMS159 and CMS2 rows', () => {
  it('shows CMS2 over the official cases exactly as their expected results add up', { timeout: 600_000 }, async () => {
    // bypassCSP: the app's Content-Security-Policy (script-src 'self') would block axe's injected script.
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${sandbox.origin}/ehr/launch`);
    await page.getByRole('tab', { name: 'Program' }).click({ timeout: 60_000 });
    await page.getByLabel('Period start').fill('2026-01-01');
    await page.getByLabel('Period end').fill('2026-12-31');
    const table = page.getByRole('table', { name: 'Program measures' });
    const row = table.getByRole('row', { name: /CMS2 Depression screening and follow-up/ });
    // The tab paints its own rows first; the eCQM rows say they are calculating until the workers finish.
    await row.waitFor({ timeout: 120_000 });
    const open = row.getByRole('button', { name: 'CMS2 Depression screening and follow-up' });
    await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'CMS2 Depression screening and follow-up' && !b.disabled), undefined, {
      timeout: 540_000,
      polling: 1000,
    });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toEqual([String(expected.numerator), String(expected.denominator), `${((100 * expected.numerator) / expected.denominator).toFixed(1)}%`]);
    expect(expected.numerator).toBeGreaterThan(0);
    const cms159 = await table
      .getByRole('row', { name: /CMS159 Depression remission at 12 months/ })
      .getByRole('cell')
      .allTextContents();
    expect(cms159.every((c) => c !== '…' && c !== 'calculating')).toBe(true);

    await open.click();
    const dialog = page.getByRole('dialog', { name: 'CMS2 Depression screening and follow-up' });
    const populations = await dialog.getByRole('table', { name: 'CMS2 Depression screening and follow-up: populations' }).getByRole('row').allTextContents();
    expect(populations[0]).toBe(`Initial population${expected.initialPopulation}`);
    const patients = dialog.getByRole('table', { name: 'CMS2 Depression screening and follow-up: patients' }).getByRole('row');
    // Everyone in the initial population is listed (header row + one per patient), each with why.
    expect(await patients.count()).toBe(expected.initialPopulation + 1);
    expect(await dialog.textContent()).toMatch(/Numerator met\. Held: /);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();

    const gapList = page.getByRole('table', { name: /^CMS2: positive screen without a follow-up the measure counts \(\d+\)$/ });
    const caption = (await gapList.locator('caption').textContent()) ?? '';
    const listed = Number(/\((\d+)\)$/.exec(caption)?.[1]);
    const gapNames = await gapList.getByRole('rowheader').allTextContents();
    expect(gapNames.length).toBe(listed);
    for (const name of gapNames) expect(names.has(name)).toBe(true);
    await page.getByRole('table', { name: /^CMS159: PHQ-9 due in the 12-month assessment window \(\d+\)$/ }).waitFor();
    await page.context().close();
  });
});
