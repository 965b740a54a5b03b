import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface WatchedPage {
  page: Page;
  /** Everything the page wrote to its console (checked for patient data). */
  consoleLines: string[];
}

export async function newPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  return { page, consoleLines };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

const require = createRequire(import.meta.url);

/** Runs axe-core in the page (or one frame of it, e.g. the app inside the EHR); returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page | Frame): Promise<AxeViolation[]> {
  // Evaluated through the debugging protocol, not a <script> tag: the app's CSP (rightly)
  // refuses inline scripts, and the audit must not need a weaker policy.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  // A dialog still fading in has its text at part opacity, which axe measures as low contrast:
  // the audit waits for the transitions under way to end (not for endless ones, such as a
  // progress bar's).
  await page.evaluate(async () => {
    const ending = document.getAnimations().filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
    await Promise.all(ending.map((a) => a.finished.catch(() => undefined)));
  });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Polls a locator's text until the matcher that follows holds (`.toBe(...)`, `.toMatch(...)`):
 * null while the element is absent, each read waiting at most a second so the poll retries.
 */
export function eventualText(locator: Locator, timeout = 20_000) {
  return expect.poll(() => locator.textContent({ timeout: 1000 }).catch(() => null), { timeout });
}

/**
 * From the registry home: the "Find a patient" tab, a search by `query` (an MRN or a name),
 * and the first result opened, as a user would. `timeout` is for the result to appear.
 */
export async function openFromSearch(page: Page, query: string, timeout?: number): Promise<void> {
  await page.getByRole('tab', { name: 'Find a patient' }).click();
  const search = page.getByLabel('Search patients by name or MRN');
  await search.fill(query);
  await search.press('Enter');
  await page
    .getByRole('list', { name: 'Search results' })
    .getByRole('button')
    .first()
    .click(timeout === undefined ? undefined : { timeout });
}
