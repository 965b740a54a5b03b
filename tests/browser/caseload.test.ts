/**
 * The registry through the sandbox: the caseload grid holds exactly the patients the server
 * has enrolled (active membership Flags), sorts by change from baseline, exports what it
 * shows; enrolling a patient puts them on it; a recorded review reaches the PCP's view.
 */
import type { Flag, Patient } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ENROLLED_FLAG } from '../../src/clinical/enrollment/codes';
import { SAFETY_FLAG_CATEGORY, SUICIDE_RISK_CODING } from '../../src/clinical/records';
import { useBrowser } from './chromium';
import { downloadCsv } from './csv';
import { eventualText, newPage, openFromSearch } from './page';
import { fhirCreate, fhirSearchAll } from './sandboxApi';

const origin = inject('origin');
const browser = useBrowser();

/** R4 Flag has no `code` search parameter (the sandbox ignores it and says so): check the code here. */
async function enrolledIds(): Promise<Set<string>> {
  const flags = await fhirSearchAll<Flag>(origin, `Flag?code=${encodeURIComponent(`${ENROLLED_FLAG.system}|${ENROLLED_FLAG.code}`)}&_count=200`);
  const membership = flags.filter((f) => f.status === 'active' && f.code.coding?.some((c) => c.system === ENROLLED_FLAG.system && c.code === ENROLLED_FLAG.code));
  return new Set(membership.map((f) => f.subject.reference?.replace(/^.*Patient\//, '') ?? ''));
}

/** Opens the registry (no patient) and waits until every patient's row has loaded. */
async function openCaseload(user?: string): Promise<Page> {
  const { page } = await newPage(browser());
  await page.goto(`${origin}/ehr/launch${user ? `?user=${user}` : ''}`);
  await page.getByTestId('caseload-timings').waitFor({ timeout: 30_000 });
  // The psychiatric consultant lands on the review queue (all patients).
  if (user) return page;
  // Everyone, not just the signed-in care manager's patients: the whole program is read then.
  const mine = page.getByLabel('My patients');
  if (await mine.isChecked()) {
    await mine.uncheck();
    await page.getByTestId('caseload-timings').waitFor({ timeout: 30_000 });
  }
  // Every column (the care manager's own view, "Today", shows a few).
  await page.getByRole('button', { name: 'All columns', exact: true }).click();
  return page;
}

async function shownCount(page: Page): Promise<{ shown: number; total: number }> {
  const text = (await page.getByTestId('caseload-count').textContent()) ?? '';
  const m = /^(\d+) of (\d+)/.exec(text);
  return { shown: Number(m?.[1]), total: Number(m?.[2]) };
}

function exportCsv(page: Page): Promise<string[][]> {
  return downloadCsv(page, 'Export CSV');
}

async function visibleColumn(page: Page, field: string): Promise<string[]> {
  return page.locator(`[role="row"][data-id] [data-field="${field}"]`).allTextContents();
}

describe('caseload', () => {
  it('holds exactly the enrolled patients the sandbox has, and the CSV matches the grid', async () => {
    const expected = await enrolledIds();
    expect(expected.size).toBeGreaterThan(5);
    const page = await openCaseload();
    const { shown, total } = await shownCount(page);
    expect(total).toBe(expected.size);
    // The default "current" phase leaves out no one with an active membership flag.
    expect(shown).toBe(expected.size);
    const grid = page.getByRole('grid', { name: 'Caseload' });
    expect(await grid.count()).toBe(1);

    const csv = await exportCsv(page);
    const header = csv[0]!;
    expect(header.slice(0, 4)).toEqual(['Name', 'Flags', 'MRN', 'Phase']);
    expect(csv.length - 1).toBe(shown);
    const patients = await fhirSearchAll<Patient>(origin, `Patient?_id=${[...expected].join(',')}&_count=200`);
    const mrns = new Set(patients.map((p) => p.identifier?.[0]?.value));
    const mrnColumn = header.indexOf('MRN');
    expect(new Set(csv.slice(1).map((r) => r[mrnColumn]))).toEqual(mrns);
    // The first rows in the grid are the first rows of the CSV, cell for cell.
    const names = await visibleColumn(page, 'name');
    expect(names.length).toBeGreaterThan(3);
    expect(csv.slice(1, 1 + names.length).map((r) => r[header.indexOf('Name')])).toEqual(names.map((n) => n.replace(/(Could not be loaded|Some records could not be read)$/, '')));
    await page.context().close();
  });

  it('a patient whose only active Flag is a safety Flag is not listed as enrolled', async () => {
    const enrolled = await enrolledIds();
    const flagged = new Set((await fhirSearchAll<Flag>(origin, 'Flag?_count=200')).map((f) => f.subject.reference?.replace(/^.*Patient\//, '')));
    const patients = await fhirSearchAll<Patient>(origin, 'Patient?_count=200');
    // The last such patient: other tests enroll the first one they find.
    const unflagged = patients.filter((p) => !enrolled.has(p.id ?? '') && !flagged.has(p.id)).at(-1)!;
    expect(unflagged).toBeDefined();
    // What a screening with a positive item 9 writes at a visit (not a registry membership).
    await fhirCreate<Flag>(origin, {
      resourceType: 'Flag',
      status: 'active',
      category: [{ coding: [SAFETY_FLAG_CATEGORY] }],
      code: { coding: [SUICIDE_RISK_CODING], text: 'Suicide risk: PHQ-9 item 9 answered "Several days" (1). Assess suicide risk.' },
      subject: { reference: `Patient/${unflagged.id}` },
      period: { start: new Date().toISOString() },
    });
    const page = await openCaseload();
    expect((await shownCount(page)).total).toBe(enrolled.size);
    await page.getByRole('combobox', { name: 'Phase' }).click();
    await page.getByRole('option', { name: 'All' }).click();
    await page.getByLabel('Search by name or MRN').fill(unflagged.identifier?.[0]?.value ?? '');
    await expect.poll(async () => (await shownCount(page)).shown).toBe(0);
    expect(await visibleColumn(page, 'mrn')).toEqual([]);
    await page.context().close();
  });

  it('sorts by change from baseline (rows and CSV in order)', async () => {
    const page = await openCaseload();
    await page.getByRole('columnheader', { name: 'PHQ-9 change' }).click();
    const csv = await exportCsv(page);
    // The CSV writes the change as numbers (percent and points in their own columns) and due
    // dates as yyyy-MM-dd with "overdue" in a column of its own.
    const header = csv[0]!;
    const col = header.indexOf('PHQ-9 change (%)');
    expect(col).toBeGreaterThan(-1);
    const values = csv
      .slice(1)
      .map((r) => r[col] ?? '')
      .filter((v) => v !== '');
    expect(values.every((v) => /^-?\d+(\.\d+)?$/.test(v))).toBe(true);
    const percents = values.map(Number);
    expect(percents.length).toBeGreaterThan(3);
    const due = header.indexOf('Next scale due');
    expect(header[due + 1]).toBe('Next scale overdue');
    const dues = csv
      .slice(1)
      .map((r) => r[due] ?? '')
      .filter((v) => v !== '');
    expect(dues.length).toBeGreaterThan(3);
    expect(dues.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v))).toBe(true);
    expect(
      csv
        .slice(1)
        .filter((r) => r[due])
        .every((r) => r[due + 1] === 'Yes' || r[due + 1] === 'No'),
    ).toBe(true);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    const visible = (await visibleColumn(page, 'phq9Change')).filter((v) => v.endsWith('%')).map((v) => Number.parseFloat(v));
    expect(visible.length).toBeGreaterThan(3);
    expect(visible).toEqual([...visible].sort((a, b) => a - b));
    // Blanks last in both directions: sort descending by the latest GAD-7 (in its saved view;
    // a quarter of the panel has no GAD-7, while every enrolled patient has a contact this year).
    await page.getByRole('button', { name: 'Scores', exact: true }).click();
    const gadHeader = page.getByRole('columnheader', { name: 'GAD-7 latest' });
    await gadHeader.click();
    await gadHeader.click();
    expect(await gadHeader.getAttribute('aria-sort')).toBe('descending');
    const scores = await exportCsv(page);
    const gadLatest = scores[0]!.indexOf('GAD-7 latest');
    const column = scores.slice(1).map((r) => r[gadLatest] ?? '');
    const firstBlank = column.indexOf('');
    expect(firstBlank).toBeGreaterThan(0);
    expect(column.slice(firstBlank).every((v) => v === '')).toBe(true);
    const known = column.slice(0, firstBlank).map(Number);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    await page.context().close();
  });

  it('the care manager’s "Today" view starts with Name and fits; in "All columns" Name stays in view when scrolled; "Contact overdue" keeps only overdue contacts, each with its badge', async () => {
    const { page } = await newPage(browser());
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(`${origin}/ehr/launch`);
    await page.getByTestId('caseload-timings').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Today', exact: true }).getAttribute('aria-pressed')).toBe('true');
    const headers = await page.getByRole('columnheader').allTextContents();
    expect(headers[0]).toMatch(/^Name/);
    expect(headers.some((h) => h.startsWith('PHQ-9 latest'))).toBe(true);
    // A score column is on screen at 1024 px, no sideways scroll needed.
    const score = (await page.getByRole('columnheader', { name: 'PHQ-9 latest' }).boundingBox())!;
    expect(score.x + score.width).toBeLessThanOrEqual(1024);
    // Every saved view fits at 1024 px: no sideways scroll, so Name (first) stays beside each cell.
    for (const view of ['Today', 'Scores', 'Contacts and billing']) {
      await page.getByRole('button', { name: view, exact: true }).click();
      const overflow = await page.locator('.MuiDataGrid-virtualScroller').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, `${view} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    // All columns scroll sideways; the Name column stays at the grid's left edge, over its row.
    await page.getByRole('button', { name: 'All columns', exact: true }).click();
    const scroller = page.locator('.MuiDataGrid-virtualScroller');
    const gridLeft = (await scroller.boundingBox())!.x;
    await scroller.evaluate((el) => el.scrollBy({ left: 1500 }));
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft), { timeout: 10_000 }).toBeGreaterThan(1000);
    const nameCell = page.locator('[role="row"][data-id] [data-field="name"]').first();
    await expect
      .poll(
        async () => {
          const box = await nameCell.boundingBox();
          return box ? Math.round(box.x - gridLeft) : Number.POSITIVE_INFINITY;
        },
        { timeout: 10_000 },
      )
      .toBeLessThanOrEqual(2);
    expect((await nameCell.textContent())?.trim()).toMatch(/\S/);
    // The grid re-renders its header row while it scrolls: a header caught between two renders
    // has no box, so the position is polled like the cell's.
    const nameHeader = page.getByRole('columnheader', { name: /^Name/ });
    await expect
      .poll(
        async () => {
          const box = await nameHeader.boundingBox();
          return box ? Math.round(box.x - gridLeft) : Number.POSITIVE_INFINITY;
        },
        { timeout: 10_000 },
      )
      .toBeLessThanOrEqual(2);
    await page.getByRole('button', { name: 'Today', exact: true }).click();
    await page.getByLabel('Contact overdue').check();
    const rows = page.locator('[role="row"][data-id]');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const due = await page.locator('[role="row"][data-id] [data-field="nextContactDue"]').allTextContents();
    expect(due.length).toBeGreaterThan(0);
    for (const text of due) expect(text).toMatch(/^\d{4}-\d{2}-\d{2}Overdue$/);
    await page.context().close();
  });

  it('enrolling a patient puts them on the caseload; back keeps the filters and the sort', async () => {
    const enrolled = await enrolledIds();
    const patients = await fhirSearchAll<Patient>(origin, 'Patient?_count=200');
    const outsider = patients.find((p) => !enrolled.has(p.id ?? ''))!;
    const mrn = outsider.identifier?.[0]?.value ?? '';
    const page = await openCaseload();
    const before = await shownCount(page);
    // A sort chosen here is still the sort when the user is back (the grid holds it meanwhile).
    await page.getByRole('columnheader', { name: 'PHQ-9 change' }).click();
    expect(await page.getByRole('columnheader', { name: 'PHQ-9 change' }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByLabel('Search by name or MRN').fill('zzzz-nobody');
    await openFromSearch(page, mrn);
    await page
      .getByRole('region', { name: 'Collaborative care' })
      .or(page.getByRole('heading', { name: 'Collaborative care' }))
      .first()
      .waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Enroll', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('registry-phase').textContent(), { timeout: 20_000 }).toMatch(/^Active treatment/);
    await page.getByRole('button', { name: 'Back to patient search' }).click();
    await page.getByRole('tab', { name: 'Caseload' }).click();
    // The search typed before is still there; clear it to see everyone.
    expect(await page.getByLabel('Search by name or MRN').inputValue()).toBe('zzzz-nobody');
    expect(await page.getByRole('columnheader', { name: 'PHQ-9 change' }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByLabel('Search by name or MRN').fill(mrn);
    await expect.poll(async () => (await shownCount(page)).total, { timeout: 20_000 }).toBe(before.total + 1);
    expect(await visibleColumn(page, 'mrn')).toEqual([mrn]);
    expect((await enrolledIds()).has(outsider.id ?? '')).toBe(true);
    await page.context().close();
  });

  it('a review recorded in the queue takes the patient off the queue and reaches the PCP with its author and a "new" mark until seen', async () => {
    // Signed in as the psychiatric consultant (prac-7 in the synthetic care team).
    const page = await openCaseload('prac-7');
    await page.getByRole('heading', { name: 'Psychiatric case review' }).waitFor();
    const rows = page.getByTestId('review-queue-row');
    const before = await rows.count();
    expect(before).toBeGreaterThan(1);
    const first = rows.first();
    const name = (await first.getByRole('button').first().textContent()) ?? '';
    const change = `Increase sertraline to 150 mg (${Date.now()})`;
    await first.getByRole('button', { name: /^Record review for/ }).click();
    const dialog = page.getByRole('dialog');
    // The context the consultant decides on is in the dialog.
    const context = dialog.getByRole('definition');
    await expect.poll(async () => (await context.allTextContents()).join(' | ')).toMatch(/PHQ-9: /);
    for (const heading of ['Scores', 'Current medications', 'Previous recommendation', 'Safety'])
      expect(await dialog.getByRole('term').filter({ hasText: heading }).count()).toBe(1);
    await dialog.getByLabel('Medication change').fill(change);
    await dialog.getByLabel('Other advice to the PCP').fill('Recheck PHQ-9 in 2 weeks');
    await dialog.getByRole('button', { name: 'Save review' }).click();
    // Saved: the dialog closes (a failure would keep it open and say why) and the queue shrinks.
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(before - 1);
    expect(await rows.getByRole('button', { name, exact: true }).count()).toBe(0);
    const reviews = await fhirSearchAll<{ subject: { reference: string }; valueString?: string; performer?: { reference: string }[] }>(
      origin,
      'Observation?code=' + encodeURIComponent('http://cocm-registry.example/fhir/CodeSystem/registry|psychiatric-review') + '&_count=200',
    );
    const saved = reviews.find((r) => r.valueString?.startsWith(`Medication: ${change}`));
    expect(saved?.valueString).toBe(`Medication: ${change}\nNote: Recheck PHQ-9 in 2 weeks`);
    const patientId = saved!.subject.reference.replace(/^.*Patient\//, '');
    const reviewer = saved!.performer?.[0]?.reference?.replace(/^.*Practitioner\//, '');
    await page.context().close();
    // A PCP opens that patient's chart (EHR launch with the patient in context).
    const { page: chart } = await newPage(browser());
    await chart.goto(`${origin}/ehr/launch?patient=${encodeURIComponent(patientId)}&user=prac-1`);
    expect(reviewer).not.toBe('prac-1');
    await eventualText(chart.getByTestId('latest-recommendation'), 30_000).toBe(saved!.valueString);
    const recommendation = chart.getByRole('region', { name: 'Latest psychiatric recommendation' });
    expect(await recommendation.getByTestId('recommendation-new').count()).toBe(1);
    // The heading names the author (the consultant who recorded it), not a reference.
    expect(await recommendation.getByRole('heading').textContent()).toMatch(/^Latest psychiatric recommendation \(\d{4}-\d{2}-\d{2}, [^)/]+\)New$/);
    await recommendation.getByRole('button', { name: 'Mark as seen' }).click();
    await expect.poll(() => recommendation.getByTestId('recommendation-new').count(), { timeout: 20_000 }).toBe(0);
    expect(await recommendation.getByRole('button', { name: 'Mark as seen' }).count()).toBe(0);
    await chart.context().close();
  });
});
