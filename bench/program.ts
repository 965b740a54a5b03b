/**
 * `program_measures_ms`: the registry launched without a patient, then the Program tab
 * opened, timed from the click on the tab to the moment the `Program measures` table is
 * filled (its rows shown and the loading bar gone). Panels of 1,000 and 5,000 patients at
 * 50 ms latency (docs/performance.md; budgets 4 s and 15 s).
 */
import type { Browser } from 'playwright-core';
import { generatePanel } from '../sandbox/panel/index.ts';
import { startSandbox } from '../sandbox/server.ts';
import { freshContext } from './browser.ts';
import type { Mode } from './plan.ts';
import { SEED } from './plan.ts';
import { errorText, type Figure, figureOfRuns, progress, skippedFigure } from './print.ts';

export const PROGRAM_FIGURES = [
  ['program_measures_ms', 'ms'],
  ['program_ecqm_rows_ms', 'ms'],
  ['program_long_task_max_ms', 'ms'],
] as const;

const SIZES: Record<Mode, { patients: number[]; latencyMs: number; runs: number }> = {
  full: { patients: [1000, 5000], latencyMs: 50, runs: 3 },
  quick: { patients: [1000, 5000], latencyMs: 50, runs: 1 },
  smoke: { patients: [12], latencyMs: 0, runs: 1 },
};

/** Runs in the page: true once the table has its rows and nothing is loading. */
export const programTableFilled = (): boolean => {
  const table = [...document.querySelectorAll('table')].find((t) => t.querySelector('caption')?.textContent?.trim() === 'Program measures');
  if (!table || table.querySelectorAll('tbody tr').length === 0) return false;
  return document.querySelector('[aria-label="Loading program measures"]') === null;
};

async function once(browser: Browser, origin: string): Promise<number> {
  const context = await freshContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/ehr/launch`);
    const tab = page.getByRole('tab', { name: 'Program' });
    await tab.waitFor({ timeout: 60_000 });
    const started = Date.now();
    await tab.click();
    await page.getByRole('table', { name: 'Program measures', exact: true }).waitFor({ timeout: 60_000 });
    // Polled every animation frame; the loading bar appears at once and goes when all is read.
    await page.waitForFunction(programTableFilled, undefined, { polling: 'raf', timeout: 180_000 });
    return Date.now() - started;
  } finally {
    await context.close();
  }
}

export async function benchProgram(browser: Browser, mode: Mode, appDir: string): Promise<Figure[]> {
  return [...(await benchProgramSizes(browser, SIZES[mode], appDir)), ...(await benchProgramEcqm(browser, mode, appDir))];
}

/** The eCQM rows: the 1,000-patient panel at 50 ms latency (the budget is for its 665 enrolled patients). */
const ECQM_SIZES: Record<Mode, { patients: number; latencyMs: number; runs: number } | undefined> = {
  full: { patients: 1000, latencyMs: 50, runs: 2 },
  quick: { patients: 1000, latencyMs: 50, runs: 1 },
  smoke: undefined,
};

/** Runs in the page before the app: every main-thread long task (over 50 ms) is kept. */
export const WATCH_LONG_TASKS = `
  globalThis.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) globalThis.__longTasks.push({ start: e.startTime, ms: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
`;

/** Runs in the page: true once both eCQM rows hold figures (no longer "calculating") and the progress bar is gone. */
export const ecqmFilled = (): boolean => {
  const table = [...document.querySelectorAll('table')].find((t) => t.querySelector('caption')?.textContent?.trim() === 'Program measures');
  const rows = table ? [...table.querySelectorAll('tbody tr')].filter((r) => /^(CMS159|CMS2) /.test(r.textContent?.trim() ?? '')) : [];
  if (rows.length < 2 || rows.some((r) => /calculating|…/.test(r.textContent ?? ''))) return false;
  return document.querySelector('[aria-label="Calculating quality measures"]') === null;
};

/**
 * `program_ecqm_rows_ms`: from the click on the Program tab to both eCQM rows filled (CMS159
 * and CMS2 over the whole program), and `program_long_task_max_ms`: the longest main-thread
 * task in that time (budget 200 ms: the page never freezes), with the count of long tasks.
 */
export async function benchProgramEcqm(browser: Browser, mode: Mode, appDir: string): Promise<Figure[]> {
  const size = ECQM_SIZES[mode];
  if (!size) return (['program_ecqm_rows_ms', 'program_long_task_max_ms'] as const).map((name) => skippedFigure(name, 'ms', 'not measured in this mode'));
  const panel = generatePanel({ patients: size.patients, seed: SEED });
  const sandbox = await startSandbox({ port: 0, resources: panel.resources, appDir, quiet: true, latencyMs: size.latencyMs });
  const context = {
    patients: size.patients,
    enrolled: panel.summary.enrollment.enrolled,
    latency_ms: size.latencyMs,
    from: 'click on the Program tab',
    to: 'CMS159 and CMS2 rows filled',
  };
  const rows: number[] = [];
  const longest: number[] = [];
  const counts: number[] = [];
  try {
    for (let rep = 0; rep < size.runs; rep++) {
      progress(`program eCQM rows ${rep + 1}/${size.runs}: ${size.patients} patients at ${size.latencyMs} ms latency`);
      const ctx = await freshContext(browser);
      try {
        await ctx.addInitScript(WATCH_LONG_TASKS);
        const page = await ctx.newPage();
        await page.goto(`${sandbox.origin}/ehr/launch`);
        const tab = page.getByRole('tab', { name: 'Program' });
        await tab.waitFor({ timeout: 60_000 });
        const clickedAt = await page.evaluate(() => performance.now());
        const started = Date.now();
        await tab.click();
        await page.waitForFunction(ecqmFilled, undefined, { polling: 'raf', timeout: 600_000 });
        rows.push(Date.now() - started);
        const tasks = (await page.evaluate(() => (globalThis as unknown as { __longTasks: { start: number; ms: number }[] }).__longTasks)).filter((t) => t.start >= clickedAt);
        longest.push(Math.round(Math.max(0, ...tasks.map((t) => t.ms))));
        counts.push(tasks.length);
      } finally {
        await ctx.close();
      }
    }
  } catch (error) {
    if (rows.length === 0) return (['program_ecqm_rows_ms', 'program_long_task_max_ms'] as const).map((name) => skippedFigure(name, 'ms', errorText(error), context));
  } finally {
    await sandbox.close();
  }
  return [figureOfRuns('program_ecqm_rows_ms', 'ms', rows, context), figureOfRuns('program_long_task_max_ms', 'ms', longest, { ...context, long_tasks: counts })];
}

/** The figure for each panel size (exported for one-off runs at a single size). */
export async function benchProgramSizes(
  browser: Browser,
  { patients, latencyMs, runs }: { patients: readonly number[]; latencyMs: number; runs: number },
  appDir: string,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const size of patients) {
    const panel = generatePanel({ patients: size, seed: SEED });
    const sandbox = await startSandbox({ port: 0, resources: panel.resources, appDir, quiet: true, latencyMs });
    const context = { patients: size, enrolled: panel.summary.enrollment.enrolled, latency_ms: latencyMs, from: 'click on the Program tab', to: 'Program measures table filled' };
    const times: number[] = [];
    try {
      for (let rep = 0; rep < runs; rep++) {
        progress(`program ${rep + 1}/${runs}: ${size} patients at ${latencyMs} ms latency`);
        times.push(await once(browser, sandbox.origin));
      }
      figures.push(figureOfRuns('program_measures_ms', 'ms', times, context));
    } catch (error) {
      figures.push(times.length ? figureOfRuns('program_measures_ms', 'ms', times, context) : skippedFigure('program_measures_ms', 'ms', errorText(error), context));
    } finally {
      await sandbox.close();
    }
  }
  return figures;
}
