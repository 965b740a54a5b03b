/**
 * The Program tab end to end on a small hand-made panel loaded with the sandbox's `--data`
 * loader: every figure of the `Program measures` table is worked out by hand below (edges
 * included: day 56, day 130 and 131, 28 and 29 days to a follow-up, a screen 14 and 15 days
 * before a visit, a baseline below 10, a discharge before the period end), and the CSV and
 * the FHIR MeasureReport say the same as the table.
 */
import type { MeasureReport, Observation, Resource } from '@medplum/fhirtypes';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContactObservation } from '../../src/clinical/contacts/records';
import type { ContactType } from '../../src/clinical/contacts/codes';
import { buildEnrollmentObservation, buildMembershipFlag, buildReviewObservation } from '../../src/clinical/enrollment/records';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { useBrowser } from './chromium';
import { parseCsv } from './csv';
import { newPage, seriousAxeViolations } from './page';

const APP_DIR = new URL('../../dist', import.meta.url).pathname;
const browser = useBrowser();
let sandbox: Sandbox;
const now = new Date('2026-07-01T12:00:00Z');

const resources: Resource[] = [
  { resourceType: 'Practitioner', id: 'cm1', name: [{ family: 'Okafor', given: ['Ada'] }] },
  { resourceType: 'Practitioner', id: 'cm2', name: [{ family: 'Lindqvist', given: ['Bo'] }] },
];
let n = 0;
function patient(id: string, family: string): void {
  resources.push({
    resourceType: 'Patient',
    id,
    name: [{ family, given: ['Test'] }],
    gender: 'female',
    birthDate: '1980-02-02',
    identifier: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: `MRN-${id}` }],
  });
}
function enroll(id: string, date: string, cm: string, discharged?: string): void {
  resources.push({ ...buildEnrollmentObservation({ actionId: `a${++n}`, patientId: id, kind: 'enrolled', date, careManager: `Practitioner/${cm}`, now }), id: `ev-${n}` });
  if (discharged)
    resources.push({
      ...buildEnrollmentObservation({
        actionId: `a${++n}`,
        patientId: id,
        kind: 'discharged',
        date: discharged,
        dischargeReason: 'goals-met',
        careManager: `Practitioner/${cm}`,
        now,
      }),
      id: `ev-${n}`,
    });
  const flag = buildMembershipFlag({ actionId: `f${++n}`, patientId: id, start: date });
  resources.push({ ...flag, id: `flag-${n}`, ...(discharged ? { status: 'inactive', period: { start: date, end: discharged } } : {}) });
}
function score(id: string, code: '44261-6' | '55758-7', date: string, value: number): void {
  const obs: Observation = {
    resourceType: 'Observation',
    id: `score-${++n}`,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }],
    code: { coding: [{ system: 'http://loinc.org', code }] },
    subject: { reference: `Patient/${id}` },
    effectiveDateTime: `${date}T12:00:00-05:00`,
    valueInteger: value,
  };
  resources.push(obs);
}
function contact(id: string, date: string, type: ContactType = 'follow-up'): void {
  const obs = buildContactObservation({
    contactId: `c${++n}`,
    patientId: id,
    when: `${date}T12:00:00-05:00`,
    type,
    modality: 'phone',
    minutes: 20,
    outcome: 'completed',
    scaleGiven: false,
    separatelyBilled: false,
    note: '',
    now,
  });
  resources.push({ ...obs, id: `contact-${n}` });
}
function review(id: string, date: string): void {
  resources.push({
    ...buildReviewObservation({ actionId: `r${++n}`, patientId: id, recommendation: 'Increase the dose', when: `${date}T12:00:00-05:00`, now }),
    id: `review-${n}`,
  });
}
function visit(id: string, date: string): void {
  resources.push({
    resourceType: 'Encounter',
    id: `enc-${++n}`,
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    type: [{ coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '99213' }] }],
    subject: { reference: `Patient/${id}` },
    period: { start: `${date}T09:00:00-05:00` },
  });
}

// Period 2026-01-01 to 2026-06-30. Day N = enrollment + N days.
// A: enrolled 01-05, baseline 20, PHQ-9 8 on day 70 (03-16): improved. Contacts 01-05 (IA), 01-20, 02-10.
patient('pa', 'Alpha');
enroll('pa', '2026-01-05', 'cm1');
score('pa', '44261-6', '2026-01-05', 20);
score('pa', '44261-6', '2026-03-16', 8);
contact('pa', '2026-01-05', 'initial-assessment');
contact('pa', '2026-01-20');
contact('pa', '2026-02-10');
// B: enrolled 01-10, discharged 05-31; baseline 18, PHQ-9 15 on day 56 (03-07): not improved;
// review on day 131 (05-21): too late. IA 01-10, follow-up 02-08 (29 days: too late).
patient('pb', 'Bravo');
enroll('pb', '2026-01-10', 'cm1', '2026-05-31');
score('pb', '44261-6', '2026-01-10', 18);
score('pb', '44261-6', '2026-03-07', 15);
review('pb', '2026-05-21');
contact('pb', '2026-01-10', 'initial-assessment');
contact('pb', '2026-02-08');
// C: enrolled 02-01, baseline 9 (below 10: not in the 70-day rows). IA 02-01, follow-ups 02-15, 03-01.
patient('pc', 'Charlie');
enroll('pc', '2026-02-01', 'cm2');
score('pc', '44261-6', '2026-02-01', 9);
contact('pc', '2026-02-01', 'initial-assessment');
contact('pc', '2026-02-15');
contact('pc', '2026-03-01');
// D: enrolled 2025-07-05, baseline 16; day 182 is 2026-01-03; PHQ-9 4 on 2026-01-10 (day 189): remission. Contact 01-10.
patient('pd', 'Delta');
enroll('pd', '2025-07-05', 'cm2');
score('pd', '44261-6', '2025-07-05', 16);
score('pd', '44261-6', '2026-01-10', 4);
contact('pd', '2026-01-10');
// H: enrolled 01-15, baseline 22, no PHQ-9 in days 56-84: not improved; review on day 130 (05-25): in time.
// IA 01-15, follow-up 02-12 (28 days: in time).
patient('ph', 'Hotel');
enroll('ph', '2026-01-15', 'cm1');
score('ph', '44261-6', '2026-01-15', 22);
review('ph', '2026-05-25');
contact('ph', '2026-01-15', 'initial-assessment');
contact('ph', '2026-02-12');
// Not in the program: E visit 03-03 with a PHQ-2 of 4 14 days before (02-17): screened, positive;
// F visit 04-10, no screen; G visit 05-05 with a PHQ-2 15 days before (04-20): not screened.
patient('pe', 'Echo');
visit('pe', '2026-03-03');
score('pe', '55758-7', '2026-02-17', 4);
patient('pf', 'Foxtrot');
visit('pf', '2026-04-10');
patient('pg', 'Golf');
visit('pg', '2026-05-05');
score('pg', '55758-7', '2026-04-20', 1);

/**
 * Monthly contact rate, patient-months Jan-Jun enrolled on at least one day:
 * A 6 (Jan: contact + PHQ-9), B 5 (Jan), C 5 (Feb), D 6 (Jan), H 6 (Jan) = 28, numerator 5.
 */
const EXPECTED = [
  ['Active caseload', '4', '4', '-'], // A, C, D, H (B discharged 05-31)
  ['Monthly contact rate', '5', '28', '17.9%'],
  ['Three or more contacts', '2', '4', '50.0%'], // A, C of A, B, C, H
  ['Improved at 70 days', '1', '3', '33.3%'], // A of A, B, H (C below 10; D's day 70 in 2025)
  ['Psychiatric review of non-improvers', '1', '2', '50.0%'], // H (day 130) of B (day 131), H
  ['Remission at 6 months', '1', '1', '100.0%'], // D
  ['Remission at 12 months', '0', '0', '-'],
  ['Screening rate', '1', '3', '33.3%'], // E of E, F, G
  ['Screening yield', '1', '1', '100.0%'],
  ['First follow-up within 4 weeks', '3', '4', '75.0%'], // A, C, H of A, B, C, H
];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'program-panel-'));
  writeFileSync(join(dir, 'panel.json'), JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) }));
  sandbox = await startSandbox({ port: 0, data: dir, appDir: APP_DIR, quiet: true });
});
afterAll(async () => {
  await sandbox?.close();
});

async function tableRows(page: Page, caption: string): Promise<string[][]> {
  const table = page.getByRole('table', { name: caption, exact: true });
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
}

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('Program tab', () => {
  it('shows the hand-worked figures, the patients behind them, and the same in CSV and MeasureReport', async () => {
    const { page, consoleLines } = await newPage(browser());
    await page.goto(`${sandbox.origin}/ehr/launch`);
    await page.getByRole('tab', { name: 'Program' }).click({ timeout: 30_000 });
    await page.getByLabel('Period start').fill('2026-01-01');
    await page.getByLabel('Period end').fill('2026-06-30');
    await page.getByRole('table', { name: 'Program measures', exact: true }).waitFor();
    await page.getByLabel('Loading program measures').waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(async () => (await tableRows(page, 'Program measures')).slice(0, EXPECTED.length), { timeout: 10_000 }).toEqual(EXPECTED);
    // The eCQM rows follow once their workers are done. Nobody here has a depression diagnosis,
    // so nobody enters CMS159; the PHQ-2 totals are not CMS2 screening results (73831-0 /
    // 73832-8), so nobody meets CMS2's numerator.
    await page.getByLabel('Calculating quality measures').waitFor({ state: 'detached', timeout: 120_000 });
    const ecqm = (await tableRows(page, 'Program measures')).slice(EXPECTED.length);
    expect(ecqm[0]).toEqual(['CMS159 Depression remission at 12 months', '0', '0', '-']);
    expect(ecqm[1]?.slice(0, 2)).toEqual(['CMS2 Depression screening and follow-up', '0']);
    expect(ecqm).toHaveLength(2);
    const shown = [...EXPECTED, ...ecqm];

    // The patients behind a row, with why.
    await page.getByRole('button', { name: 'Psychiatric review of non-improvers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Psychiatric review of non-improvers' });
    const drill = await tableRows(page, 'Psychiatric review of non-improvers: patients');
    expect(drill.find((r) => r[0] === 'Hotel, Test')?.slice(3)).toEqual(['Yes', 'reviewed on 2026-05-25 (day 130)']);
    expect(drill.find((r) => r[0] === 'Bravo, Test')?.[3]).toBe('No');
    expect(drill.find((r) => r[0] === 'Alpha, Test')?.[3]).toBe('Not counted');
    expect(await seriousAxeViolations(page)).toEqual([]);
    // ... and a chart from there.
    await dialog.getByRole('button', { name: 'Hotel, Test' }).click();
    await page.getByRole('region', { name: 'PHQ-9 summary' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Back to program' }).click();
    await expect.poll(() => tableRows(page, 'Program measures'), { timeout: 20_000 }).toEqual(shown);

    // CSV: the table, cell for cell (no rate, "-", is an empty cell).
    const csv = parseCsv(await download(page, 'Download CSV'));
    expect(csv).toEqual([['Measure', 'Numerator', 'Denominator', 'Rate'], ...shown.map((r) => r.map((c) => (c === '-' ? '' : c)))]);

    // MeasureReport (summary): one group per row, the same counts and rates.
    const report = JSON.parse(await download(page, 'Download MeasureReport (summary)')) as MeasureReport;
    expect(report.type).toBe('summary');
    expect(report.period).toEqual({ start: '2026-01-01', end: '2026-06-30' });
    const figures = report.group?.map((g) => {
      const count = (code: string) => g.population?.find((p) => p.code?.coding?.[0]?.code === code)?.count;
      const rate = g.measureScore?.value === undefined ? '-' : `${(g.measureScore.value * 100).toFixed(1)}%`;
      return [g.code?.text, String(count('numerator') ?? count('denominator')), String(count('denominator')), rate];
    });
    expect(figures).toEqual(EXPECTED);
    expect(report.group?.[1]?.stratifier?.map((s) => s.code?.[0]?.text)).toContain('Care manager');

    // Subject list: the patients of a numerator.
    const subjects = JSON.parse(await download(page, 'Download MeasureReport (subject list)')) as MeasureReport;
    const screened = subjects.group?.find((g) => g.code?.text === 'Screening rate')?.population?.find((p) => p.code?.coding?.[0]?.code === 'numerator')?.subjectResults?.reference;
    const list = subjects.contained?.find((c) => `#${c.id ?? ''}` === screened);
    expect(list && 'entry' in list ? list.entry?.map((e) => (e as { item: { reference: string } }).item.reference) : undefined).toEqual(['Patient/pe']);

    // Stratified by care manager: Okafor's episodes A, B, H.
    await page.getByRole('combobox', { name: 'Stratify by' }).click();
    await page.getByRole('option', { name: 'Care manager' }).click();
    await expect
      .poll(async () => (await tableRows(page, 'Program measures by care manager')).find((r) => r[0] === 'Three or more contacts' && r[1] === 'Ada Okafor'), { timeout: 10_000 })
      .toEqual(['Three or more contacts', 'Ada Okafor', '1', '3', '33.3%']);

    // Small cells: every count here is below 11.
    await page.getByLabel('Suppress cells under 11').check();
    expect((await tableRows(page, 'Program measures'))[2]).toEqual(['Three or more contacts', 'suppressed', 'suppressed', 'suppressed']);
    expect(consoleLines.join('\n')).not.toMatch(/Alpha|Bravo|Hotel/);
  });
});
