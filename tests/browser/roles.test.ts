/**
 * Roles through the sandbox: the role comes from the signed-in user's PractitionerRole
 * (fhirUser), each role lands where it works, and actions it does not take are not offered.
 */
import type { Flag } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ENROLLED_FLAG } from '../../src/clinical/enrollment/codes';
import { useBrowser } from './chromium';
import { newPage } from './page';
import { fhirSearchAll } from './sandboxApi';

const origin = inject('origin');
const browser = useBrowser();
// The synthetic care team: prac-1..3 PCPs, prac-4..6 care managers, prac-7 the psychiatric consultant.
const PCP = 'prac-1';
const CARE_MANAGER = 'prac-4';
const CONSULTANT = 'prac-7';

async function openAs(user: string, patient?: string): Promise<Page> {
  const { page } = await newPage(browser());
  await page.goto(`${origin}/ehr/launch?user=${user}${patient ? `&patient=${encodeURIComponent(patient)}` : ''}`);
  await page.getByTestId('user-role').waitFor({ timeout: 30_000 });
  return page;
}

async function enrolledPatient(): Promise<string> {
  const flags = await fhirSearchAll<Flag>(origin, `Flag?code=${encodeURIComponent(`${ENROLLED_FLAG.system}|${ENROLLED_FLAG.code}`)}&_count=200`);
  return flags.find((f) => f.status === 'active')!.subject.reference!.replace(/^.*Patient\//, '');
}

describe('roles', () => {
  it('the psychiatric consultant lands on the review queue and may record reviews', async () => {
    const page = await openAs(CONSULTANT);
    expect(await page.getByTestId('user-role').textContent()).toBe('Psychiatric consultant');
    const tab = page.getByRole('tab', { name: 'Psychiatric case review' });
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('review-queue-row').first().waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: /^Record review for/ }).count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('a care manager lands on the caseload; the queue is read-only for them', async () => {
    const page = await openAs(CARE_MANAGER);
    expect(await page.getByTestId('user-role').textContent()).toBe('Care manager');
    await expect.poll(() => page.getByRole('tab', { name: 'Caseload' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tab', { name: 'Psychiatric case review' }).click();
    await page.getByTestId('review-queue-row').first().waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: /^Record review for/ }).count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: 'Action' }).count()).toBe(0);
    await page.context().close();
  });

  it('in a chart: the PCP screens but does not log contacts; the consultant neither screens nor enrolls', async () => {
    const patient = await enrolledPatient();
    const pcp = await openAs(PCP, patient);
    expect(await pcp.getByTestId('user-role').textContent()).toBe('Primary care provider');
    await pcp.getByRole('button', { name: 'Screen now' }).waitFor({ timeout: 30_000 });
    await pcp.getByRole('heading', { name: 'Contacts' }).waitFor();
    expect(await pcp.getByRole('button', { name: /^Log contact/ }).count()).toBe(0);
    await pcp.context().close();

    const consultant = await openAs(CONSULTANT, patient);
    await consultant.getByRole('heading', { name: 'Collaborative care' }).waitFor({ timeout: 30_000 });
    await consultant.getByRole('heading', { name: 'Contacts' }).waitFor();
    expect(await consultant.getByRole('button', { name: 'Screen now' }).count()).toBe(0);
    expect(await consultant.getByRole('button', { name: 'Discharge' }).count()).toBe(0);
    await consultant.context().close();
  });
});
