/**
 * Treatment context through the sandbox: a synthetic patient whose antidepressant dose was
 * raised shows that change in the Treatment section's table and as a marker the PHQ-9 chart
 * received, on the date the server's orders give.
 */
import type { MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import { describe, expect, inject, it } from 'vitest';
import { medicationTimelineFrom, type TreatmentEvent } from '../../src/clinical';
import { useBrowser } from './chromium';
import { newPage } from './page';
import { fhirSearchAll } from './sandboxApi';

const origin = inject('origin');
const browser = useBrowser();

/** A patient with a dose change, and that change, computed from what the server holds. */
async function patientWithDoseChange(): Promise<{ patientId: string; change: TreatmentEvent }> {
  const [requests, statements] = await Promise.all([
    fhirSearchAll<MedicationRequest>(origin, 'MedicationRequest?_count=200'),
    fhirSearchAll<MedicationStatement>(origin, 'MedicationStatement?_count=200'),
  ]);
  const byPatient = new Map<string, MedicationRequest[]>();
  for (const r of requests) {
    const id = r.subject?.reference?.replace(/^.*Patient\//, '');
    if (id) byPatient.set(id, [...(byPatient.get(id) ?? []), r]);
  }
  for (const [patientId, medicationRequests] of [...byPatient].sort(([a], [b]) => a.localeCompare(b))) {
    const own = statements.filter((s) => s.subject?.reference?.endsWith(`Patient/${patientId}`));
    const timeline = medicationTimelineFrom({ medicationRequests, medicationStatements: own }, { now: new Date() });
    const change = timeline.events.find((e) => e.kind === 'dose-change');
    if (change) return { patientId, change };
  }
  throw new Error('the synthetic panel has no patient with a dose change');
}

describe('treatment context', () => {
  it('shows a dose change in the Treatment section and as a marker on the chart, at the right date', async () => {
    const { patientId, change } = await patientWithDoseChange();
    const { page } = await newPage(browser());
    await page.goto(`${origin}/ehr/launch?patient=${encodeURIComponent(patientId)}`);

    const changes = page.getByRole('table', { name: 'Medication changes' });
    await changes.waitFor({ timeout: 30_000 });
    const row = changes
      .getByTestId('treatment-change-row')
      .filter({ hasText: change.localDate ?? '' })
      .filter({ hasText: change.description });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Dose change');

    // Show the whole history so the marker is in the chart's window, then read what the chart drew.
    const range = page.getByRole('group', { name: 'PHQ-9 chart range' });
    if (await range.count()) await range.getByRole('button', { name: 'All' }).click();
    await page.getByRole('img', { name: /PHQ-9 trajectory chart/ }).waitFor();
    const chart = page.locator('[data-treatment-markers]').first();
    await expect
      .poll(async () => JSON.parse((await chart.getAttribute('data-treatment-markers')) ?? '[]') as unknown[])
      .toContainEqual({ date: change.localDate, kind: 'dose-change', label: change.label });
    expect(
      await page
        .getByText(/vertical lines: medication changes/)
        .first()
        .isVisible(),
    ).toBe(true);
    await page.context().close();
  });
});
