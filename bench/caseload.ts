/**
 * The caseload at clinic scale: launched without a patient (practitioner context) against a
 * panel of `plan.caseloadPatients` at `plan.caseloadLatencyMs`. Times the first rows, all
 * rows, a sort and a filter, and reads the JS heap after load. While the caseload view is not
 * in the app, every figure is printed with `skipped` and the reason.
 */
import type { Browser, Page } from 'playwright-core';
import type { Panel } from '../sandbox/panel/index.ts';
import { startSandbox } from '../sandbox/server.ts';
import { freshContext } from './browser.ts';
import { armActionTimer, type GridState, readGridState } from './caseloadPage.ts';
import { NetworkRecorder } from './network.ts';
import type { BenchPlan } from './plan.ts';
import { errorText, type Figure, figureOfRuns, progress, skippedFigure } from './print.ts';

export const CASELOAD_FIGURES = [
  ['caseload_first_rows_ms', 'ms'],
  ['caseload_all_rows_ms', 'ms'],
  ['caseload_sort_ms', 'ms'],
  ['caseload_filter_ms', 'ms'],
  ['caseload_js_heap_bytes', 'bytes'],
] as const;

class CaseloadAbsent extends Error {}

interface CaseloadRun {
  firstRowsMs: number;
  allRowsMs: number;
  sortMs: number | undefined;
  filterMs: number | undefined;
  heapBytes: number;
  rows: number | null;
  fhirRequests: number;
  notes: string[];
}

type GridMilestone = 'first rows' | 'all rows';

async function waitForGrid(page: Page, what: GridMilestone, timeoutMs: number): Promise<GridState> {
  // Polled every animation frame in the page, so the time seen is within a frame of the truth.
  const handle = await page
    .waitForFunction(
      (mode: GridMilestone) => {
        const state = (window as unknown as { __benchGridState: () => GridState | null }).__benchGridState();
        if (!state || state.dataRows === 0) return false;
        return mode === 'first rows' || !state.loading ? state : false;
      },
      what,
      { polling: 'raf', timeout: timeoutMs },
    )
    .catch((error: unknown) => {
      throw new Error(`${what}: ${errorText(error)}`);
    });
  return (await handle.jsonValue()) as GridState;
}

async function timeAction(page: Page, eventType: 'click' | 'input', act: () => Promise<void>): Promise<number> {
  await page.evaluate(armActionTimer, eventType);
  await act();
  return page.evaluate(() => (window as unknown as { __benchAction: Promise<number> }).__benchAction);
}

async function sortOnce(page: Page): Promise<number | undefined> {
  const grid = page.getByRole('grid', { name: 'Caseload' });
  const byName = grid.getByRole('columnheader', { name: /^Name/ });
  const header = (await byName.count()) ? byName.first() : grid.locator('[role="columnheader"][aria-sort]').first();
  if ((await header.count()) === 0) return undefined;
  return timeAction(page, 'click', () => header.click());
}

async function filterOnce(page: Page, term: string): Promise<number | undefined> {
  const main = page.locator('main');
  const searchbox = main.getByRole('searchbox');
  const field = (await searchbox.count()) ? searchbox.first() : main.getByRole('textbox', { name: /search|filter/i }).first();
  if ((await field.count()) === 0) return undefined;
  return timeAction(page, 'input', () => field.fill(term));
}

async function caseloadOnce(browser: Browser, origin: string, plan: BenchPlan, filterTerm: string): Promise<CaseloadRun> {
  const context = await freshContext(browser);
  try {
    await context.addInitScript(`window.__benchGridState = ${readGridState.toString()};`);
    const page = await context.newPage();
    const network = new NetworkRecorder(page);
    await page.goto(`${origin}/ehr/launch`, { waitUntil: 'commit' });
    await page.waitForURL((url) => url.pathname === '/index.html', { waitUntil: 'commit', timeout: 60_000 });
    const started = network.firstStart() ?? Date.now();
    const appeared = await page
      .getByRole('grid', { name: 'Caseload' })
      .waitFor({ timeout: plan.caseloadAppearTimeoutMs })
      .then(() => true)
      .catch(() => false);
    if (!appeared) throw new CaseloadAbsent('caseload view not present (no grid named "Caseload" after a launch without a patient)');
    const first = await waitForGrid(page, 'first rows', 60_000);
    const all = await waitForGrid(page, 'all rows', 120_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const notes: string[] = [];
    const sortMs = await sortOnce(page).catch((e: unknown) => void notes.push(`sort: ${errorText(e)}`));
    const filterMs = await filterOnce(page, filterTerm).catch((e: unknown) => void notes.push(`filter: ${errorText(e)}`));
    await network.settle(200, 2000);
    const requests = await network.collect();
    return {
      firstRowsMs: first.at - started,
      allRowsMs: all.at - started,
      sortMs: sortMs ?? undefined,
      filterMs: filterMs ?? undefined,
      heapBytes: heap.usedSize,
      rows: all.rowCount ?? all.dataRows,
      fhirRequests: requests.filter((r) => r.kind === 'fhir').length,
      notes,
    };
  } finally {
    await context.close();
  }
}

/** A family name from the panel, cut to 4 letters: a search a care manager would type. */
function filterTermFrom(panel: Panel): string {
  const patient = panel.resources.find((r) => r.resourceType === 'Patient') as { name?: Array<{ family?: string }> } | undefined;
  return (patient?.name?.[0]?.family ?? 'Smith').slice(0, 4);
}

export async function benchCaseload(browser: Browser, plan: BenchPlan, panel: Panel, appDir: string): Promise<Figure[]> {
  const sandbox = await startSandbox({ port: 0, resources: panel.resources, appDir, quiet: true, latencyMs: plan.caseloadLatencyMs });
  const context = { patients: plan.caseloadPatients, enrolled: panel.summary.enrollment.enrolled, latency_ms: plan.caseloadLatencyMs };
  const runs: CaseloadRun[] = [];
  let error: string | undefined;
  try {
    const term = filterTermFrom(panel);
    for (let rep = 0; rep < plan.caseloadRuns; rep++) {
      progress(`caseload ${rep + 1}/${plan.caseloadRuns}: ${plan.caseloadPatients} patients at ${plan.caseloadLatencyMs} ms latency`);
      try {
        runs.push(await caseloadOnce(browser, sandbox.origin, plan, term));
      } catch (e) {
        error = errorText(e);
        progress(`  ${error}`);
        // A view that is absent or never loads will not load on the next try either.
        break;
      }
    }
  } finally {
    await sandbox.close();
  }
  if (runs.length === 0) return CASELOAD_FIGURES.map(([name, unit]) => skippedFigure(name, unit, error ?? 'no run', context));
  const numbers = (pick: (r: CaseloadRun) => number | undefined) => runs.map(pick).filter((v): v is number => v !== undefined);
  const notes = [...new Set(runs.flatMap((r) => r.notes))];
  const rows = runs[0]!.rows;
  return [
    figureOfRuns('caseload_first_rows_ms', 'ms', numbers((r) => r.firstRowsMs), { ...context, from: 'navigation to /ehr/launch' }),
    figureOfRuns('caseload_all_rows_ms', 'ms', numbers((r) => r.allRowsMs), { ...context, rows, fhir_requests: runs[0]!.fhirRequests }),
    figureOfRuns('caseload_sort_ms', 'ms', numbers((r) => r.sortMs), { ...context, rows, action: 'click on the Name column header, until the rows changed and painted', ...(notes.length ? { error: notes.join('; ') } : {}) }),
    figureOfRuns('caseload_filter_ms', 'ms', numbers((r) => r.filterMs), { ...context, rows, action: 'a name typed into the search field, until the rows changed and painted', ...(notes.length ? { error: notes.join('; ') } : {}) }),
    figureOfRuns('caseload_js_heap_bytes', 'bytes', numbers((r) => r.heapBytes), { ...context, rows, when: 'after all rows, after a forced garbage collection' }, 0),
  ];
}
