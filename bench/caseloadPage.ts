/**
 * In-page probes for the caseload grid, written against its contract (not its code): a grid
 * named "Caseload"; rows are `role=row` holding `role=gridcell`; loading shows a
 * `role=progressbar` that disappears when every row is in; sorting is a click on a column
 * header; filtering is typing into a search field. The functions here run inside the page
 * and must be self-contained (each finds the grid itself).
 */

export interface GridState {
  /** Epoch ms (browser clock) when this state was seen. */
  at: number;
  dataRows: number;
  /** Rows the grid says it has (aria-rowcount minus header rows), if it says. */
  rowCount: number | null;
  loading: boolean;
}

/** Runs in the page: the grid's state now (functions passed to page.evaluate are self-contained). */
export const readGridState = (): GridState | null => {
  let grid: Element | null = null;
  for (const g of document.querySelectorAll('[role="grid"], [role="treegrid"]')) {
    const labelledBy = g.getAttribute('aria-labelledby');
    const name =
      g.getAttribute('aria-label') ??
      (labelledBy
        ? labelledBy
            .split(/\s+/)
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
        : '');
    if (name.trim() === 'Caseload') grid = g;
  }
  if (!grid) return null;
  const rows = [...grid.querySelectorAll('[role="row"]')];
  const dataRows = rows.filter((r) => r.querySelector('[role="gridcell"]')).length;
  // Header rows hold column headers (rows being laid out may hold no cell yet: not headers).
  const headerRows = rows.filter((r) => r.querySelector('[role="columnheader"]')).length;
  const ariaCount = Number(grid.getAttribute('aria-rowcount'));
  const scope = grid.closest('main') ?? document.body;
  const loading = grid.getAttribute('aria-busy') === 'true' || scope.querySelector('[role="progressbar"]') !== null;
  return {
    at: performance.timeOrigin + performance.now(),
    dataRows,
    rowCount: Number.isFinite(ariaCount) && ariaCount > 0 ? ariaCount - Math.max(1, headerRows) : null,
    loading,
  };
};

/**
 * Runs in the page: arms a timer for the next user action (`click` or `input`, captured at
 * the document) and resolves with the milliseconds from that event until the grid's rows
 * have changed and the browser has painted the change (next frame).
 */
export const armActionTimer = (eventType: 'click' | 'input'): void => {
  const w = window as unknown as { __benchAction?: Promise<number> };
  let grid: Element | null = null;
  for (const g of document.querySelectorAll('[role="grid"], [role="treegrid"]')) {
    const labelledBy = g.getAttribute('aria-labelledby');
    const name =
      g.getAttribute('aria-label') ??
      (labelledBy
        ? labelledBy
            .split(/\s+/)
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
        : '');
    if (name.trim() === 'Caseload') grid = g;
  }
  if (!grid) throw new Error('no caseload grid');
  const target = grid;
  const snapshot = () =>
    `${target.getAttribute('aria-rowcount')}|${[...target.querySelectorAll('[role="row"]')]
      .slice(0, 30)
      .map((r) => r.textContent)
      .join('¶')}|${[...target.querySelectorAll('[aria-sort]')].map((h) => h.getAttribute('aria-sort')).join(',')}`;
  const before = snapshot();
  w.__benchAction = new Promise<number>((resolve) => {
    let started: number | undefined;
    const onEvent = (event: Event) => {
      started = event.timeStamp;
    };
    document.addEventListener(eventType, onEvent, { capture: true });
    const observer = new MutationObserver(() => {
      if (started === undefined || snapshot() === before) return;
      observer.disconnect();
      document.removeEventListener(eventType, onEvent, { capture: true });
      const from = started;
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - from), 0));
    });
    observer.observe(target, { subtree: true, childList: true, attributes: true, characterData: true });
  });
};
