/**
 * A part of the app whose code cannot be downloaded (a connection that drops, a new version
 * deployed while the app is open): the rest of the screen stays, the part says so in words,
 * and the user gets it back. Chromium keeps a module that failed to download as failed for the
 * page's life, so "Try again" alone cannot bring it back: once the server answers, the part
 * offers to reload the app, and the reload keeps the session.
 */
import type { Page, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './chromium';
import { newPage, seriousAxeViolations } from './page';

const origin = inject('origin');
const longHistoryPatient = inject('longHistoryPatient');
const browser = useBrowser();

/** Fails every download of the chunk whose file name starts with `chunk` until the returned function is called. */
async function failChunk(page: Page, chunk: string): Promise<() => Promise<void>> {
  const pattern = new RegExp(`/assets/${chunk}-[^/]*\\.js$`);
  const fail = (route: Route) => route.abort('internetdisconnected');
  await page.route(pattern, fail);
  return () => page.unroute(pattern, fail);
}

describe('a chunk that cannot be downloaded', () => {
  it("the patient view keeps the patient and each score summary; the chart's place says so, and comes back after a reload, still signed in", async () => {
    const { page } = await newPage(browser());
    const restore = await failChunk(page, 'TrajectoryChart');
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Inside the sandbox EHR's chart, as a clinician opens it: the reload is the frame's own.
    await page.goto(`${origin}/ehr/chart?patient=${encodeURIComponent(longHistoryPatient)}`);
    const app = page.frameLocator('iframe.app');
    const name = await app.getByTestId('patient-name').textContent({ timeout: 30_000 });
    const phq9 = app.getByRole('region', { name: /^PHQ-9 \(/ });
    const failed = phq9.getByRole('alert');
    await expect.poll(() => failed.textContent().catch(() => null), { timeout: 20_000 }).toBe('The chart could not be loaded. Check the connection, then try again.Try again');
    // The summary beside the chart is there: the latest score and its severity.
    expect(await app.getByRole('region', { name: 'PHQ-9 summary' }).textContent()).toMatch(/Latest\d+ on \d{4}-\d{2}-\d{2} \(/);
    expect(pageErrors).toEqual([]);
    const appFrame = page.frames().find((f) => f.url().includes('/index.html'));
    expect(await seriousAxeViolations(appFrame!)).toEqual([]);

    // Still offline: the server does not answer either, so no reload is offered.
    const offline = (route: Route) => route.abort('internetdisconnected');
    await page.route(`${origin}/`, offline);
    await failed.getByRole('button', { name: 'Try again' }).click();
    await expect
      .poll(() => failed.textContent(), { timeout: 10_000 })
      .toBe('The chart still could not be loaded: the server does not answer. Try again once the connection is back.Try again');

    // The connection is back, but Chromium holds the failed download: a reload is offered.
    await page.unroute(`${origin}/`, offline);
    await restore();
    await failed.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => failed.textContent(), { timeout: 10_000 }).toBe('The chart still could not be loaded. Reload the app: you stay signed in.Reload the app');
    await failed.getByRole('button', { name: 'Reload the app' }).click();
    await app.getByRole('img', { name: /^PHQ-9 trajectory chart/ }).waitFor({ timeout: 30_000 });
    expect(await app.getByTestId('patient-name').textContent()).toBe(name);
    await page.context().close();
  });

  it('the registry: the app bar and the signed-in user stay, the registry says it could not be loaded, and a reload brings it', async () => {
    const { page } = await newPage(browser());
    const restore = await failChunk(page, 'RegistryHome');
    await page.goto(`${origin}/ehr/launch`);
    const failed = page.getByRole('alert').filter({ hasText: 'registry' });
    await expect.poll(() => failed.textContent().catch(() => null), { timeout: 30_000 }).toBe('The registry could not be loaded. Check the connection, then try again.Try again');
    expect(await page.getByTestId('signed-in-user').textContent()).toMatch(/^Signed in as .+/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await restore();
    await failed.getByRole('button', { name: 'Try again' }).click();
    await failed.getByRole('button', { name: 'Reload the app' }).click({ timeout: 10_000 });
    await page.getByRole('tab', { name: 'Find a patient' }).waitFor({ timeout: 30_000 });
    await page.context().close();
  });
});
