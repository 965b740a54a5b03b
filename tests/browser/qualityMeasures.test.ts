/**
 * The registry's Quality measures tab end to end: a sandbox loaded with `--data` holding
 * CMS's official CMS2 test cases, each patient enrolled (an active membership Flag); the tab
 * reads their records through the app and runs CMS2 in the browser's Web Worker. Its row
 * must show the counts the cases' own expected MeasureReports add up to.
 */
import type { MeasureReport } from '@medplum/fhirtypes';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { ENROLLED_FLAG } from '../../src/clinical/enrollment/codes';
import { useBrowser } from './chromium';
import { seriousAxeViolations } from './page';

const browser = useBrowser();
const APP_DIR = new URL('../../dist', import.meta.url).pathname;
const CASES = new URL('../../measures/CMS2FHIR-v0.4.001/tests/', import.meta.url).pathname;

let dir: string;
let sandbox: Sandbox;
const expected = { numerator: 0, denominator: 0, patients: 0 };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecqm-data-'));
  const flags = [];
  for (const file of (await readdir(CASES)).filter((f) => f.endsWith('.json'))) {
    await copyFile(join(CASES, file), join(dir, file));
    const bundle = JSON.parse(await readFile(join(CASES, file), 'utf8')) as { entry: { resource: { resourceType: string; id?: string } }[] };
    const patientId = bundle.entry.find((e) => e.resource.resourceType === 'Patient')?.resource.id;
    const report = bundle.entry.find((e) => e.resource.resourceType === 'MeasureReport')?.resource as MeasureReport | undefined;
    const count = (code: string) => report?.group?.[0]?.population?.find((p) => p.code?.coding?.[0]?.code === code)?.count ?? 0;
    // Exclusion wins over numerator, numerator over exception (docs/ecqm.md).
    const inDenominator = count('denominator') === 1 && count('denominator-exclusion') === 0;
    if (inDenominator && count('numerator') === 1) expected.numerator++;
    if (inDenominator && (count('numerator') === 1 || count('denominator-exception') === 0)) expected.denominator++;
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

describe('Quality measures tab', () => {
  it('shows CMS2 over the official cases exactly as their expected results add up', { timeout: 600_000 }, async () => {
    // bypassCSP: the app's Content-Security-Policy (script-src 'self') would block axe's injected script.
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${sandbox.origin}/ehr/launch`);
    await page.getByRole('tab', { name: 'Quality measures' }).click({ timeout: 60_000 });
    await page.getByLabel('Period start').waitFor();
    expect(await page.getByLabel('Period end').inputValue()).toMatch(/^\d{4}-12-31$/);
    await page.getByLabel('Period start').fill('2026-01-01');
    await page.getByLabel('Period end').fill('2026-12-31');
    const details = page.getByRole('button', { name: 'Details of CMS2' });
    await page.waitForFunction(() => !document.querySelector('button[aria-label="Details of CMS2"]')?.hasAttribute('disabled'), undefined, { timeout: 540_000, polling: 1000 });
    const row = page.getByRole('table', { name: 'Quality measures' }).getByRole('row', { name: /CMS2 Depression screening and follow-up/ });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 2)).toEqual([String(expected.numerator), String(expected.denominator)]);
    expect(cells[2]).toBe(`${Math.round((1000 * expected.numerator) / expected.denominator) / 10}%`);
    expect(expected.numerator).toBeGreaterThan(0);

    await details.click();
    const patients = page.getByRole('table', { name: 'CMS2 patients' }).getByRole('row');
    expect(await patients.count()).toBeGreaterThan(expected.denominator);
    expect(await page.getByRole('table', { name: 'CMS2 populations' }).textContent()).toContain('Initial population');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
