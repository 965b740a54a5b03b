/**
 * The caseload at clinic scale: launched without a patient (practitioner context) against a
 * panel of `plan.caseloadPatients` at `plan.caseloadLatencyMs`. Times the first rows, all
 * rows, a sort and a filter in the view the caseload opens on (the signed-in care manager's
 * patients), and reads the JS heap after load. Then the program view (every enrolled
 * patient: "My patients" cleared as soon as it shows), on the same panel and on a panel of
 * `plan.largePanelPatients`. While the caseload view is not in the app, every figure is
 * printed with `skipped` and the reason.
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
  ['caseload_program_all_rows_ms', 'ms'],
  ['caseload_5000_all_rows_ms', 'ms'],
  ['caseload_5000_js_heap_bytes', 'bytes'],
] as const;

type View = 'opening' | 'program';

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
  const state = (await handle.jsonValue()) as GridState;
  return what === 'all rows' ? settledRows(page, state) : state;
}

/**
 * The grid applies new rows a frame or more after the progress bar has gone: until the row
 * count has been still for 500 ms, the last change counts as "all rows" (with its count).
 */
async function settledRows(page: Page, seen: GridState): Promise<GridState> {
  return page.evaluate(
    (initial: GridState) =>
      new Promise<GridState>((resolve) => {
        const read = (window as unknown as { __benchGridState: () => GridState | null }).__benchGridState;
        let last = initial;
        let stillSince = performance.timeOrigin + performance.now();
        const tick = () => {
          const now = read();
          if (now && (now.rowCount !== last.rowCount || now.dataRows !== last.dataRows)) {
            last = now;
            stillSince = now.at;
          }
          if (performance.timeOrigin + performance.now() - stillSince >= 500) resolve(last);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    seen,
  );
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

/** Clears "My patients" (the program view); false when the caseload has no such control. */
async function showProgram(page: Page): Promise<boolean> {
  const mine = page.locator('main').getByLabel('My patients');
  if ((await mine.count()) === 0) return false;
  if (await mine.isChecked()) await mine.uncheck();
  return true;
}

export async function caseloadOnce(browser: Browser, origin: string, plan: BenchPlan, filterTerm: string, view: View = 'opening'): Promise<CaseloadRun> {
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
    const notes: string[] = [];
    if (view === 'program' && !(await showProgram(page))) notes.push('no "My patients" control: the opening view was timed');
    const all = await waitForGrid(page, 'all rows', 300_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const sortMs = view === 'opening' ? await sortOnce(page).catch((e: unknown) => void notes.push(`sort: ${errorText(e)}`)) : undefined;
    const filterMs = view === 'opening' ? await filterOnce(page, filterTerm).catch((e: unknown) => void notes.push(`filter: ${errorText(e)}`)) : undefined;
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
export function filterTermFrom(panel: Panel): string {
  const patient = panel.resources.find((r) => r.resourceType === 'Patient') as { name?: Array<{ family?: string }> } | undefined;
  return (patient?.name?.[0]?.family ?? 'Smith').slice(0, 4);
}

async function runsOf(
  browser: Browser,
  origin: string,
  plan: BenchPlan,
  term: string,
  view: View,
  runs: number,
  label: string,
): Promise<{ runs: CaseloadRun[]; error: string | undefined }> {
  const done: CaseloadRun[] = [];
  let error: string | undefined;
  for (let rep = 0; rep < runs; rep++) {
    progress(`${label} ${rep + 1}/${runs}`);
    try {
      done.push(await caseloadOnce(browser, origin, plan, term, view));
    } catch (e) {
      error = errorText(e);
      progress(`  ${error}`);
      // A view that is absent or never loads will not load on the next try either.
      break;
    }
  }
  return { runs: done, error };
}

const numbers = (runs: readonly CaseloadRun[], pick: (r: CaseloadRun) => number | undefined) => runs.map(pick).filter((v): v is number => v !== undefined);

export async function benchCaseload(browser: Browser, plan: BenchPlan, panel: Panel, appDir: string, largePanel: () => Panel): Promise<Figure[]> {
  const sandbox = await startSandbox({ port: 0, resources: panel.resources, appDir, quiet: true, latencyMs: plan.caseloadLatencyMs });
  const context = { patients: plan.caseloadPatients, enrolled: panel.summary.enrollment.open, latency_ms: plan.caseloadLatencyMs };
  const term = filterTermFrom(panel);
  let opening: Awaited<ReturnType<typeof runsOf>>;
  let program: Awaited<ReturnType<typeof runsOf>> = { runs: [], error: 'not run' };
  try {
    const where = `${plan.caseloadPatients} patients at ${plan.caseloadLatencyMs} ms latency`;
    opening = await runsOf(browser, sandbox.origin, plan, term, 'opening', plan.caseloadRuns, `caseload (opening view): ${where}`);
    if (opening.runs.length > 0) program = await runsOf(browser, sandbox.origin, plan, term, 'program', plan.caseloadRuns, `caseload (program view): ${where}`);
  } finally {
    await sandbox.close();
  }
  const { runs } = opening;
  if (runs.length === 0) return CASELOAD_FIGURES.map(([name, unit]) => skippedFigure(name, unit, opening.error ?? 'no run', context));
  const notes = [...new Set(runs.flatMap((r) => r.notes))];
  const rows = runs[0]!.rows;
  const programNotes = [...new Set(program.runs.flatMap((r) => r.notes))];
  return [
    figureOfRuns(
      'caseload_first_rows_ms',
      'ms',
      numbers(runs, (r) => r.firstRowsMs),
      { ...context, from: 'navigation to /ehr/launch' },
    ),
    figureOfRuns(
      'caseload_all_rows_ms',
      'ms',
      numbers(runs, (r) => r.allRowsMs),
      { ...context, rows, fhir_requests: runs[0]!.fhirRequests, view: "the opening view (the care manager's own patients)" },
    ),
    figureOfRuns(
      'caseload_sort_ms',
      'ms',
      numbers(runs, (r) => r.sortMs),
      { ...context, rows, action: 'click on the Name column header, until the rows changed and painted', ...(notes.length ? { error: notes.join('; ') } : {}) },
    ),
    figureOfRuns(
      'caseload_filter_ms',
      'ms',
      numbers(runs, (r) => r.filterMs),
      { ...context, rows, action: 'a name typed into the search field, until the rows changed and painted', ...(notes.length ? { error: notes.join('; ') } : {}) },
    ),
    figureOfRuns(
      'caseload_js_heap_bytes',
      'bytes',
      numbers(runs, (r) => r.heapBytes),
      { ...context, rows, when: 'after all rows, after a forced garbage collection' },
      0,
    ),
    figureOfRuns(
      'caseload_program_all_rows_ms',
      'ms',
      numbers(program.runs, (r) => r.allRowsMs),
      {
        ...context,
        rows: program.runs[0]?.rows ?? null,
        fhir_requests: program.runs[0]?.fhirRequests ?? null,
        view: 'program: "My patients" cleared at the first rows',
        ...(program.error || programNotes.length ? { error: [program.error, ...programNotes].filter(Boolean).join('; ') } : {}),
      },
    ),
    ...(await benchLargePanel(browser, plan, largePanel, appDir)),
  ];
}

/** The program view over a large panel: all rows and the JS heap after them. */
async function benchLargePanel(browser: Browser, plan: BenchPlan, makePanel: () => Panel, appDir: string): Promise<Figure[]> {
  const names = ['caseload_5000_all_rows_ms', 'caseload_5000_js_heap_bytes'] as const;
  const started = performance.now();
  const panel = makePanel();
  const sandbox = await startSandbox({ port: 0, resources: panel.resources, appDir, quiet: true, latencyMs: plan.caseloadLatencyMs });
  const context = {
    patients: plan.largePanelPatients,
    enrolled: panel.summary.enrollment.open,
    latency_ms: plan.caseloadLatencyMs,
    sandbox_ready_ms: Math.round(performance.now() - started),
  };
  try {
    const { runs, error } = await runsOf(
      browser,
      sandbox.origin,
      plan,
      filterTermFrom(panel),
      'program',
      plan.largePanelRuns,
      `caseload (program view): ${plan.largePanelPatients} patients at ${plan.caseloadLatencyMs} ms latency`,
    );
    if (runs.length === 0) return names.map((name) => skippedFigure(name, name.endsWith('bytes') ? 'bytes' : 'ms', error ?? 'no run', context));
    const rows = runs[0]!.rows;
    return [
      figureOfRuns(
        names[0],
        'ms',
        numbers(runs, (r) => r.allRowsMs),
        { ...context, rows, fhir_requests: runs[0]!.fhirRequests, view: 'program' },
      ),
      figureOfRuns(
        names[1],
        'bytes',
        numbers(runs, (r) => r.heapBytes),
        { ...context, rows, when: 'after all rows, after a forced garbage collection' },
        0,
      ),
    ];
  } finally {
    await sandbox.close();
  }
}
