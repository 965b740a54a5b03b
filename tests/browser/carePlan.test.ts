/**
 * The treatment plan and the relapse prevention plan through the sandbox EHR, whole path:
 * under `generic` a plan written in the app is a CarePlan the EHR gives back after a
 * relaunch, and a revision keeps its history; the relapse prevention plan prints as one page
 * with the patient's name and the crisis lines, and each handout as one page with its title. Under `epic` (CarePlan and Goal read-only)
 * the app says so before anything is typed and saves the plan as a plan of care note.
 */
import type { CarePlan, Patient } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePanel } from '../../sandbox/panel/index';
import { HANDOUTS } from '../../src/clinical/education';
import type { ProfileName } from '../../sandbox/fhir/profiles';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { useBrowser } from './chromium';
import { newPage, seriousAxeViolations } from './page';
import { fhirSearchAll } from './sandboxApi';

const browser = useBrowser();
const APP_DIR = new URL('../../dist', import.meta.url).pathname;

async function sandboxFor(profile: ProfileName): Promise<{ sandbox: Sandbox; patient: Patient }> {
  const panel = generatePanel({ patients: 8, seed: `care-plan-${profile}` });
  const sandbox = await startSandbox({ port: 0, resources: panel.resources, profile, appDir: APP_DIR, quiet: true });
  // A patient the panel gave no app-written plan (some have one), so the test writes the first.
  const withPlan = new Set(
    panel.resources
      .filter((r): r is CarePlan => r.resourceType === 'CarePlan' && (r.identifier ?? []).some((i) => i.system === 'urn:cocm-registry:care-plan'))
      .map((p) => p.subject?.reference),
  );
  const patient = panel.resources.find((r): r is Patient => r.resourceType === 'Patient' && !withPlan.has(`Patient/${r.id ?? ''}`));
  if (!patient?.id) throw new Error('the synthetic panel has no patient');
  return { sandbox, patient };
}

async function openChart(origin: string, patientId: string): Promise<Page> {
  const { page } = await newPage(browser());
  await page.goto(`${origin}/ehr/launch?patient=${encodeURIComponent(patientId)}`);
  await page
    .getByRole('region', { name: 'Treatment plan' })
    .getByRole('button', { name: /treatment plan|Revise the plan/ })
    .waitFor({ timeout: 30_000 });
  return page;
}

describe('under the generic profile', () => {
  let sandbox: Sandbox;
  let patient: Patient;
  beforeAll(async () => ({ sandbox, patient } = await sandboxFor('generic')));
  afterAll(async () => sandbox?.close());

  it('writes a treatment plan and a relapse prevention plan, shows both after relaunch, and keeps the revision history', async () => {
    const page = await openChart(sandbox.origin, patient.id!);
    const region = page.getByRole('region', { name: 'Treatment plan' });
    await region.getByRole('button', { name: 'Write the treatment plan' }).click();
    await region.getByRole('button', { name: 'Add a part' }).click();
    await region.getByRole('textbox', { name: 'Part 1 description', exact: true }).fill('sertraline 50 mg daily');
    await region.getByRole('button', { name: 'Add a goal of the patient' }).click();
    await region.getByRole('textbox', { name: "Patient's goal 1", exact: true }).fill('Walk the dog every morning');
    // The open form is accessible too (labels, names that match what is shown).
    expect(await seriousAxeViolations(page)).toEqual([]);
    await region.getByRole('button', { name: 'Save plan' }).click();
    await region.getByText('The treatment plan was saved to the chart.').waitFor();

    const relapse = page.getByRole('region', { name: 'Relapse prevention plan' });
    await relapse.getByRole('button', { name: 'Write the relapse prevention plan' }).click();
    await relapse.getByLabel('What keeps me well').fill('Keep taking sertraline; walk every day');
    await relapse.getByLabel('My warning signs').fill('Sleeping badly; skipping meals');
    await relapse.getByLabel('Who to call and when: my care team').fill('Care manager, 555-0100, weekdays 9-5');
    await relapse.getByRole('button', { name: 'Save relapse prevention plan' }).click();
    await relapse.getByText('The relapse prevention plan was saved to the chart.').waitFor();
    await page.context().close();

    // The EHR holds them: a relaunch reads them back.
    const plans = await fhirSearchAll<CarePlan>(sandbox.origin, `CarePlan?patient=${patient.id!}&_count=50`);
    expect(
      plans
        .filter((p) => p.identifier?.some((i) => i.system === 'urn:cocm-registry:care-plan'))
        .map((p) => p.title)
        .sort(),
    ).toEqual(['Collaborative care treatment plan', 'Relapse prevention plan']);
    const again = await openChart(sandbox.origin, patient.id!);
    const shown = again.getByRole('region', { name: 'Treatment plan' });
    expect(await shown.getByRole('table', { name: 'Parts of the plan' }).textContent()).toContain('sertraline 50 mg daily');
    expect(await shown.getByRole('list', { name: "The patient's own goals" }).textContent()).toContain('Walk the dog every morning');
    expect(await shown.getByRole('list', { name: 'Treatment goals' }).textContent()).toMatch(/PHQ-9 below 5 \(remission\) by \d{4}-\d{2}-\d{2}/);
    expect(await again.getByTestId('relapse-plan').textContent()).toContain('Sleeping badly; skipping meals');

    // Revise: the history says what changed.
    await shown.getByRole('button', { name: 'Revise the plan' }).click();
    await shown.getByRole('textbox', { name: 'Part 1 description', exact: true }).fill('sertraline 100 mg daily');
    await shown.getByRole('button', { name: 'Save plan' }).click();
    await shown.getByText('The treatment plan was saved to the chart.').waitFor();
    await expect
      .poll(async () => shown.getByRole('list', { name: 'Plan history' }).textContent())
      .toMatch(/Plan written.*Plan changed: Medication: sertraline 50 mg daily -> sertraline 100 mg daily/);

    // Printed, the relapse prevention plan is one page with the patient's name and the crisis lines.
    const pdf = await again.pdf({ format: 'Letter' });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length).toBe(1);
    await again.emulateMedia({ media: 'print' });
    const printed = await again.locator('body').innerText();
    expect(printed).toContain('My relapse prevention plan');
    expect(printed).toContain(patient.name?.[0]?.family ?? '?');
    expect(printed).toMatch(/call or text 988, or chat at 988lifeline\.org/);
    expect(printed).toMatch(/call 911/);
    expect(printed).not.toContain('PHQ-9 scores');
    await again.context().close();
  });

  it('records a handout as given, and the team sees it after relaunch', async () => {
    const page = await openChart(sandbox.origin, patient.id!);
    const region = page.getByRole('region', { name: 'Patient education' });
    expect(await region.getByTestId('handout-status-crisis-card').textContent()).toBe('Not given yet');
    await region.getByRole('button', { name: 'Record as given: Crisis card: 988', exact: true }).click();
    await region.getByText('Recorded in the chart: "Crisis card: 988" given.').waitFor();
    await page.context().close();
    const again = await openChart(sandbox.origin, patient.id!);
    await expect.poll(async () => again.getByTestId('handout-status-crisis-card').textContent()).toMatch(/^Given \d{4}-\d{2}-\d{2} by /);
    await again.context().close();
  });

  it('prints each handout as one page with its title (the crisis card with 988), and records it as given', async () => {
    const page = await openChart(sandbox.origin, patient.id!);
    // The print dialog is the browser's and cannot open headless: count the calls; page.pdf prints what the dialog would.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    const region = page.getByRole('region', { name: 'Patient education' });
    for (const handout of HANDOUTS) {
      await page.emulateMedia({ media: 'screen' });
      await region.getByRole('button', { name: `Print and record: ${handout.title}`, exact: true }).click();
      await region.getByText(`Recorded in the chart: "${handout.title}" given.`).waitFor();
      await page.emulateMedia({ media: 'print' });
      const printed = await page.locator('body').innerText();
      expect(printed, handout.id).toContain(handout.title);
      expect(printed, handout.id).toContain('from your care team');
      expect(printed, handout.id).toContain(patient.name?.[0]?.family ?? '?');
      // Only the handout: not the registry, not the relapse prevention plan.
      expect(printed, handout.id).not.toContain('My relapse prevention plan');
      expect(printed, handout.id).not.toContain('Patient education');
      if (handout.id === 'crisis-card') {
        expect(printed).toMatch(/call or text 988, or chat at 988lifeline\.org/);
        expect(printed).toMatch(/call 911/);
      }
      // Print media for the PDF too (with screen media emulated, page.pdf would print the screen).
      const pdf = await page.pdf({ format: 'Letter' });
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length, handout.id).toBe(1);
      // Printing done (afterprint), the sheet is taken off the page.
      await expect.poll(async () => page.getByTestId('handout-print-sheet').count()).toBe(0);
    }
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(HANDOUTS.length);
    await page.context().close();
  });
});

describe('under the epic profile (CarePlan and Goal read-only)', () => {
  let sandbox: Sandbox;
  let patient: Patient;
  beforeAll(async () => ({ sandbox, patient } = await sandboxFor('epic')));
  afterAll(async () => sandbox?.close());

  it('says so before anything is typed and saves the plan as a plan of care note', async () => {
    const page = await openChart(sandbox.origin, patient.id!);
    const region = page.getByRole('region', { name: 'Treatment plan' });
    await region.getByText('This EHR will not keep the treatment plan as a care plan').waitFor();
    expect(await region.getByText('This EHR does not accept care plans from apps.').count()).toBe(1);
    await region.getByRole('button', { name: 'Write the treatment plan' }).click();
    await region.getByRole('button', { name: 'Add a part' }).click();
    await region.getByRole('textbox', { name: 'Part 1 description', exact: true }).fill('Behavioural activation, weekly');
    // The copy-ready text follows what is typed.
    expect(await region.getByLabel('Note text').inputValue()).toContain('Behavioural activation, weekly');
    await region.getByRole('button', { name: 'Save as clinical note' }).click();
    await region.getByText('The treatment plan was saved to the chart as a clinical note.').waitFor();
    await page.context().close();

    const again = await openChart(sandbox.origin, patient.id!);
    const notes = again.getByRole('region', { name: 'Treatment plan' }).getByRole('region', { name: 'Plan of care notes' });
    await notes.waitFor();
    expect(await notes.textContent()).toContain('Behavioural activation, weekly');
    const plans = await fhirSearchAll<CarePlan>(sandbox.origin, `CarePlan?patient=${patient.id!}&_count=50`);
    expect(plans.some((p) => p.identifier?.some((i) => i.system === 'urn:cocm-registry:care-plan'))).toBe(false);
    await again.context().close();
  });
});
