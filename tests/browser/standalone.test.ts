/**
 * Standalone launch: the app is opened with `iss` only, the sandbox asks which patient (or
 * none), and the app completes the same SMART flow; a denial gets its own screen.
 */
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './chromium';
import { eventualText, newPage } from './page';

const origin = inject('origin');
const browser = useBrowser();

function standaloneUrl(): string {
  return `${origin}/launch.html?iss=${encodeURIComponent(`${origin}/fhir`)}`;
}

describe('standalone launch', () => {
  it('lets the user pick a patient at the EHR, then shows that patient', async () => {
    const { page } = await newPage(browser());
    await page.goto(standaloneUrl());
    await page.getByRole('heading', { name: 'Choose a patient for CoCM Registry' }).waitFor({ timeout: 20_000 });
    const firstChoice = page.getByRole('button', { name: /^Choose / }).first();
    const chosenName = ((await firstChoice.getAttribute('aria-label')) ?? '').replace(/^Choose /, '');
    await firstChoice.click();
    await eventualText(page.getByTestId('patient-name')).toBe(chosenName);
    expect(new URL(page.url()).search).toBe('');
    await page.context().close();
  });

  it('continues without a patient to the signed-in home', async () => {
    const { page } = await newPage(browser());
    await page.goto(standaloneUrl());
    await page.getByRole('button', { name: 'Continue without a patient' }).click({ timeout: 20_000 });
    await eventualText(page.getByTestId('signed-in-user')).toMatch(/^Signed in as /);
    await page.context().close();
  });

  it('says access was not granted when the user denies', async () => {
    const { page } = await newPage(browser());
    await page.goto(standaloneUrl());
    await page.getByRole('button', { name: 'Deny' }).click({ timeout: 20_000 });
    await eventualText(page.getByRole('alert')).toMatch(/Access was not granted/);
    expect(new URL(page.url()).searchParams.has('error')).toBe(false);
    await page.context().close();
  });

  it('says the launch expired when the sign-in answer comes back to a fresh window', async () => {
    const { page } = await newPage(browser());
    await page.goto(`${origin}/index.html?code=stale&state=from-another-window`);
    await eventualText(page.getByRole('alert')).toMatch(/This launch has expired/);
    await page.context().close();
  });
});
