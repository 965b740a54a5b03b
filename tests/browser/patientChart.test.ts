/**
 * The patient view's one read, in Chromium through the sandbox: a typical launch reads each
 * resource type once, and with the patient's Observation searches failing (answered 503 by
 * the browser route, standing in for a flaky EHR) the Collaborative care panel says the
 * enrollment could not be read, never "Not enrolled", and offers no step until a retry works.
 */
import type { Observation, Patient } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { pickPatients } from '../../bench/panelPick';
import { generatePanel } from '../../sandbox/panel/index';
import { ENROLLMENT_EVENT } from '../../src/clinical/enrollment';
import { useBrowser } from './chromium';
import { newPage } from './page';
import { fhirSearchAll } from './sandboxApi';

const origin = inject('origin');

/** What the chart reports about its drawing (TrajectoryChart's geometry plugin), in canvas pixels. */
interface ChartGeometry {
  area: { left: number; right: number; top: number; bottom: number };
  newest?: { x: number; y: number; r: number };
  labels: { x: number; y: number; x2: number; y2: number }[];
}
const browser = useBrowser();

/** A patient of the panel with an enrollment on record (so "Not enrolled" would be wrong). */
async function enrolledPatient(): Promise<string> {
  const patients = await fhirSearchAll<Patient>(origin, 'Patient?_count=200');
  for (const p of patients) {
    const events = await fhirSearchAll<Observation>(
      origin,
      `Observation?patient=${p.id}&code=${encodeURIComponent(`${ENROLLMENT_EVENT.system}|${ENROLLMENT_EVENT.code}`)}&_count=200`,
    );
    if (events.length > 0) return p.id as string;
  }
  throw new Error('the synthetic panel has no enrolled patient');
}

async function launch(page: Page, patientId: string): Promise<void> {
  await page.goto(`${origin}/ehr/launch?patient=${encodeURIComponent(patientId)}`);
  await page.getByRole('region', { name: 'Collaborative care' }).waitFor({ timeout: 30_000 });
}

describe('patient chart read', () => {
  it('a typical launch reads each search once, the treatment searches in one batch: at most 10 FHIR requests in all (issue 12)', async () => {
    // The bench's typical patient (median number of score records) of the same synthetic panel.
    const typical = pickPatients(generatePanel({ patients: 40, seed: 'browser-tests' })).find((p) => p.label === 'typical');
    const id = typical!.id;
    const { page } = await newPage(browser());
    const fhir: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      // A batch goes to the base itself: '(base)'.
      if (path === '/fhir' || path.startsWith('/fhir/')) fhir.push(`${r.method()} ${path.replace(/^\/fhir\/?/, '').split('/')[0] || '(base)'}${new URL(r.url()).search}`);
    });
    await launch(page, id);
    await page.getByRole('img', { name: /PHQ-9 trajectory chart/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Treatment', exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(fhir.filter((r) => r.startsWith('GET PractitionerRole')).length, 'the role is read once').toBeLessThanOrEqual(1);
    const counts = new Map<string, number>();
    for (const r of fhir) counts.set(r, (counts.get(r) ?? 0) + 1);
    expect(
      [...counts].filter(([, n]) => n > 1),
      'no search is sent twice',
    ).toEqual([]);
    // The sandbox's CapabilityStatement offers batch: the seven treatment searches are one POST.
    expect(fhir.filter((r) => /^GET (Condition|MedicationRequest|MedicationStatement|CarePlan|Goal|DocumentReference|Communication)\b/.test(r))).toEqual([]);
    expect(fhir.filter((r) => r === 'POST (base)')).toHaveLength(1);
    // Issue 12's budget, counted as the bench counts it: every FHIR request, discovery, /metadata
    // and the signed-in user's Practitioner and PractitionerRole included.
    expect(fhir.length, fhir.join('\n')).toBeLessThanOrEqual(10);
    await page.context().close();
  });

  it('with the Observation searches failing, never says "Not enrolled" nor offers Enroll; Try again brings the enrollment back', async () => {
    const id = await enrolledPatient();
    const { page } = await newPage(browser());
    let failing = true;
    await page.route(/\/fhir\/Observation\?/, (route) =>
      failing
        ? route.fulfill({
            status: 503,
            contentType: 'application/fhir+json',
            body: JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: 'unavailable' }] }),
          })
        : route.continue(),
    );
    await launch(page, id);
    const panel = page.getByRole('region', { name: 'Collaborative care' });
    await panel.getByText('Enrollment could not be read from the EHR.').waitFor();
    expect(await panel.textContent()).not.toMatch(/Not enrolled/);
    expect(await panel.getByRole('button', { name: /Enroll|Refer|Discharge|Flag for review|relapse|active treatment/ }).count()).toBe(0);
    const contacts = page.getByRole('region', { name: 'Contacts' });
    expect(await contacts.getByText(/contact records \(Observations\) did not load/).count()).toBe(1);
    failing = false;
    await panel.getByRole('button', { name: 'Try again' }).click();
    await panel.getByTestId('registry-phase').waitFor();
    expect(await panel.getByTestId('registry-phase').textContent()).not.toMatch(/Not enrolled/);
    expect(await panel.getByRole('button').count()).toBeGreaterThan(0);
    await page.context().close();
  });
});

describe('patient view overview, inside the EHR frame', () => {
  for (const [width, height] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    it(`at ${width}x${height} the PHQ-9 summary and chart are fully in view without scrolling`, async () => {
      const typical = pickPatients(generatePanel({ patients: 40, seed: 'browser-tests' })).find((p) => p.label === 'typical');
      const context = await browser().newContext({ viewport: { width, height } });
      const page = await context.newPage();
      await page.goto(`${origin}/ehr/chart?patient=${encodeURIComponent(typical!.id)}`);
      const frame = page.frameLocator('iframe.app');
      const canvas = frame.getByRole('img', { name: /PHQ-9 trajectory chart/ });
      await canvas.waitFor({ timeout: 30_000 });
      for (const target of [canvas, frame.getByRole('region', { name: 'PHQ-9 summary' }), frame.getByTestId('overview-phase'), frame.getByTestId('overview-next-contact')]) {
        const box = await target.boundingBox();
        expect(box).not.toBeNull();
        expect(box!.y).toBeGreaterThanOrEqual(0);
        expect(box!.y + box!.height).toBeLessThanOrEqual(height);
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      }
      // The newest point is drawn inside the plot, and no label (its own, a marker's) covers it.
      const geometry = await frame.locator('canvas[data-instrument="phq9"]').evaluate((c: HTMLCanvasElement) => JSON.parse(c.dataset.geometry ?? '{}') as ChartGeometry);
      const newest = geometry.newest!;
      expect(newest, 'the chart reports its newest point').toBeDefined();
      expect(newest.x - newest.r).toBeGreaterThanOrEqual(geometry.area.left);
      expect(newest.x + newest.r).toBeLessThanOrEqual(geometry.area.right);
      expect(newest.y - newest.r).toBeGreaterThanOrEqual(geometry.area.top);
      expect(newest.y + newest.r).toBeLessThanOrEqual(geometry.area.bottom);
      expect(geometry.labels.length, 'the newest point has its label').toBeGreaterThan(0);
      const covering = geometry.labels.filter((b) => newest.x + newest.r > b.x && newest.x - newest.r < b.x2 && newest.y + newest.r > b.y && newest.y - newest.r < b.y2);
      expect(covering).toEqual([]);
      // The care manager's contact block sits below the scores.
      const contacts = await frame.getByRole('heading', { name: 'Contacts' }).boundingBox();
      const chart = await canvas.boundingBox();
      expect(contacts!.y).toBeGreaterThan(chart!.y + chart!.height);
      await context.close();
    });
  }
});
