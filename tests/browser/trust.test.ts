/**
 * Trust under attack, in Chromium against sandbox EHRs (issue 13): a launch from a server
 * the deployment does not trust, the app under its Content-Security-Policy, sessions that
 * renew for a public client, and the warning before a session that cannot renew ends.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { generatePanel } from '../../sandbox/panel/index';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox/server';
import { useBrowser } from './chromium';
import { newPage } from './page';

const browser = useBrowser();
const APP_DIR = new URL('../../dist', import.meta.url).pathname;

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; patientId: string }> {
  const panel = generatePanel({ patients: options.patients ?? 3, seed: 'trust' });
  sandbox = await startSandbox({ port: 0, resources: panel.resources, appDir: APP_DIR, quiet: true, ...options });
  return { sandbox, patientId: panel.resources.find((r) => r.resourceType === 'Patient')?.id as string };
}

/** Collects CSP violations the page reports (the init script runs before the page's own). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

describe('issuers', () => {
  it('refuses a launch from an untrusted FHIR server, naming it, before any request to it', async () => {
    const { sandbox: s } = await start();
    const { page } = await newPage(browser());
    // The "hostile EHR": any request to it is answered (so today's app would carry on) and counted.
    const hostile: string[] = [];
    await page.route('http://evil.example/**', (route) => {
      hostile.push(route.request().url());
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ authorization_endpoint: 'http://evil.example/auth', token_endpoint: 'http://evil.example/token', code_challenge_methods_supported: ['S256'] }),
      });
    });
    await page.goto(`${s.origin}/launch.html?iss=${encodeURIComponent('http://evil.example/fhir')}&launch=abc`);
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: "This EHR is not on CoCM Registry's trusted list" }).waitFor({ timeout: 20_000 });
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('http://evil.example/fhir');
    expect(text).toContain('trustedIssuers');
    expect(hostile).toEqual([]);
    expect(new URL(page.url()).origin).toBe(s.origin);
    await page.context().close();
  });
});

describe('Content-Security-Policy', () => {
  it('the app runs under its strict policy: styled, no violation, no inline script allowed', async () => {
    const { sandbox: s, patientId } = await start();
    const { page } = await newPage(browser());
    const violations = await watchCsp(page);
    const response = await page.goto(`${s.origin}/ehr/chart?patient=${encodeURIComponent(patientId)}`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    const frame = page.frameLocator('iframe');
    await frame.getByTestId('patient-name').waitFor({ timeout: 30_000 });
    const appFrame = page.frames().find((f) => f.url().includes('/index.html'));
    expect(appFrame).toBeDefined();
    // emotion's styles applied (nonce accepted): the app bar has the theme's colour, not none.
    const barColour = await appFrame!.evaluate(() => getComputedStyle(document.querySelector('header')!).backgroundColor);
    expect(barColour).not.toBe('rgba(0, 0, 0, 0)');
    // An injected inline script does not run.
    const ran = await appFrame!.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
    });
    expect(ran).toBe(false);
    const appViolations = await appFrame!.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    // Exactly the one we provoked, and nothing from the app itself.
    expect(appViolations).toEqual([expect.stringMatching(/^script-src/)]);
    expect(await violations()).toEqual([]);
    await page.context().close();
  });

  it('the registry (caseload grid, review queue, billing) runs under the same policy without a violation', async () => {
    const { sandbox: s } = await start({ patients: 12 });
    const { page } = await newPage(browser());
    const violations = await watchCsp(page);
    await page.goto(`${s.origin}/ehr/registry`);
    const frame = page.frameLocator('iframe');
    await frame.getByRole('grid', { name: 'Caseload' }).waitFor({ timeout: 30_000 });
    await frame.getByTestId('caseload-timings').waitFor({ timeout: 30_000 });
    await frame.getByRole('tab', { name: 'Psychiatric case review' }).click();
    await frame.getByRole('tab', { name: 'Billing' }).click();
    await frame.getByRole('tab', { name: 'Caseload' }).click();
    await frame.getByRole('grid', { name: 'Caseload' }).waitFor();
    await page.waitForTimeout(1000);
    const appFrame = page.frames().find((f) => f.url().includes('/index.html'));
    expect(await appFrame!.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(await violations()).toEqual([]);
    await page.context().close();
  });
});

describe('sessions', () => {
  it('renews the token of a public client, so the app keeps reading after expires_in', async () => {
    const { sandbox: s, patientId } = await start({ tokenLifetimeSeconds: 8 });
    const { page } = await newPage(browser());
    const refreshes: number[] = [];
    const unauthorized: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/auth/token') && (r.request().postData() ?? '').includes('grant_type=refresh_token')) refreshes.push(r.status());
      if (r.status() === 401) unauthorized.push(new URL(r.url()).pathname);
    });
    await page.goto(`${s.origin}/ehr/launch?patient=${encodeURIComponent(patientId)}`);
    await page.getByTestId('patient-name').waitFor({ timeout: 20_000 });
    // Well past the first token's end; the page then reads everything again.
    await page.waitForTimeout(12_000);
    const reads: number[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/fhir/Observation') reads.push(r.status());
    });
    await page.reload();
    await page.getByTestId('patient-name').waitFor({ timeout: 20_000 });
    await expect.poll(() => reads.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(reads.every((status) => status === 200)).toBe(true);
    expect(refreshes.length).toBeGreaterThan(0);
    expect(refreshes.every((status) => status === 200)).toBe(true);
    expect(unauthorized).toEqual([]);
    // No warning: the session renews itself.
    expect(await page.getByText(/Your EHR session (ends|has ended)/).count()).toBe(0);
    await page.context().close();
  });

  it('warns before a session that cannot be renewed ends, then says it has ended', async () => {
    const { sandbox: s, patientId } = await start({ tokenLifetimeSeconds: 15, refreshTokens: false });
    const { page } = await newPage(browser());
    await page.goto(`${s.origin}/ehr/launch?patient=${encodeURIComponent(patientId)}`);
    await page.getByTestId('patient-name').waitFor({ timeout: 20_000 });
    const warning = page.getByRole('alert').filter({ hasText: 'Your EHR session ends in less than a minute' });
    await warning.waitFor({ timeout: 10_000 });
    expect(await warning.textContent()).toContain('Save what you are working on now');
    await page.getByRole('alert').filter({ hasText: 'Your EHR session has ended' }).waitFor({ timeout: 25_000 });
    await page.context().close();
  });
});

describe('SNOMED CT scores', () => {
  it('shows a PHQ-9 total the EHR coded only in SNOMED CT (720433000)', async () => {
    const panel = generatePanel({ patients: 2, seed: 'trust-snomed' });
    const patient = {
      resourceType: 'Patient' as const,
      id: 'snomed-only',
      name: [{ family: 'Snomed', given: ['Sam'] }],
      birthDate: '1970-05-05',
      gender: 'female' as const,
      identifier: [{ system: 'http://sandbox.cocm.example/mrn', value: 'M2999999', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] } }],
    };
    const score = {
      resourceType: 'Observation' as const,
      id: 'sct-1',
      status: 'final' as const,
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }],
      code: { coding: [{ system: 'http://snomed.info/sct', code: '720433000', display: 'Patient Health Questionnaire Nine Item score' }] },
      subject: { reference: 'Patient/snomed-only' },
      effectiveDateTime: '2026-02-03T15:00:00Z',
      valueInteger: 17,
    };
    sandbox = await startSandbox({ port: 0, resources: [...panel.resources, patient, score], appDir: APP_DIR, quiet: true });
    const { page } = await newPage(browser());
    await page.goto(`${sandbox.origin}/ehr/launch?patient=snomed-only`);
    const row = page.getByRole('table', { name: 'PHQ-9 scores' }).getByTestId('score-row').filter({ hasText: '2026-02-03' });
    await row.first().waitFor({ timeout: 30_000 });
    expect(await row.first().textContent()).toContain('17');
    await page.context().close();
  });
});
