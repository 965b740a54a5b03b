/**
 * What the Program tab shows, from the program model: the measure rows for the chosen period
 * and population, strata, the trend months and the care gaps. Pure (the tab memoises it).
 */
import {
  computeMeasures,
  figuresOf,
  measureCells,
  stratify,
  strataKeys,
  trendMonths,
  type CareGap,
  type MeasureCells,
  type MeasureResult,
  type Period,
  type ProgramMeasureSettings,
  type ProgramPatient,
  type StratifyBy,
} from '../clinical/program';

export interface MeasureRow {
  readonly result: MeasureResult;
  readonly cells: MeasureCells;
}

/** A row of the `Program measures` table: a program measure or an eCQM (src/measures/ecqm/ui/ecqmRows.ts). */
export interface TableRow {
  readonly result: Pick<MeasureResult, 'name' | 'hasRate' | 'cases' | 'excluded' | 'couldNotRead'> & { readonly id: string };
  readonly cells: MeasureCells;
  /** An eCQM's population counts (the drill-down shows them); undefined while calculating. */
  readonly populations?: PopulationCounts | undefined;
}

export interface PopulationCounts {
  readonly initialPopulation: number;
  readonly denominator: number;
  readonly denominatorExclusion: number;
  readonly denominatorException: number;
  readonly numerator: number;
}

export interface ProgramView {
  readonly rows: readonly MeasureRow[];
  readonly couldNotRead: number;
  readonly patients: ReadonlyMap<string, ProgramPatient>;
}

/** Cases of one care manager only (the "care manager's caseload" population). */
function restrict(result: MeasureResult, careManager: string | undefined): MeasureResult {
  return careManager ? { ...result, cases: result.cases.filter((c) => c.careManager === careManager) } : result;
}

export function measureRows(
  patients: readonly ProgramPatient[],
  period: Period,
  settings: ProgramMeasureSettings,
  threshold: number,
  careManager: string | undefined,
): MeasureRow[] {
  return rowsOf(computeMeasures(patients, period, settings), threshold, careManager);
}

/** The table's rows from measure results (computed from scratch, or put together as batches arrive). */
export function rowsOf(results: readonly MeasureResult[], threshold: number, careManager: string | undefined): MeasureRow[] {
  return results.map((r) => {
    const result = restrict(r, careManager);
    return { result, cells: measureCells(result, figuresOf(result.cases), threshold) };
  });
}

export interface StratumRow {
  readonly measure: string;
  readonly stratum: string;
  readonly cells: MeasureCells;
}

export function strataRows(rows: readonly MeasureRow[], by: StratifyBy, patients: ReadonlyMap<string, ProgramPatient>, on: string, threshold: number): StratumRow[] {
  const grouped = rows.map((r) => ({ r, groups: stratify(r.result.cases, by, patients, on) }));
  const keys = strataKeys(grouped.map((g) => g.groups));
  const out: StratumRow[] = [];
  for (const { r, groups } of grouped) {
    for (const key of keys) {
      const cases = groups.get(key) ?? [];
      out.push({ measure: r.result.name, stratum: key, cells: measureCells({ hasRate: r.result.hasRate, couldNotRead: [] }, figuresOf(cases), threshold) });
    }
  }
  return out;
}

export interface TrendSeries {
  readonly name: string;
  readonly hasRate: boolean;
  /** Per month: the cells, and the rate as a number for the chart (undefined when none). */
  readonly months: readonly { readonly cells: MeasureCells; readonly value: number | undefined }[];
}

export function trend(
  patients: readonly ProgramPatient[],
  period: Period,
  settings: ProgramMeasureSettings,
  threshold: number,
  careManager: string | undefined,
): { months: string[]; series: TrendSeries[] } {
  const months = trendMonths(period);
  return trendOf(
    months,
    months.map((m) => computeMeasures(patients, m, settings)),
    threshold,
    careManager,
  );
}

/** The trend from each month's measure results (`months` as `trendMonths` gives them). */
export function trendOf(
  months: readonly Period[],
  results: readonly (readonly MeasureResult[])[],
  threshold: number,
  careManager: string | undefined,
): { months: string[]; series: TrendSeries[] } {
  const perMonth = results.map((r) => rowsOf(r, threshold, careManager));
  const first = perMonth[0] ?? [];
  const series = first.map((row, i) => ({
    name: row.result.name,
    hasRate: row.result.hasRate,
    months: perMonth.map((rows) => {
      const r = rows[i] as MeasureRow;
      const f = figuresOf(r.result.cases);
      const numeric = r.result.hasRate ? (/%$/.test(r.cells.rate) ? (100 * f.numerator) / f.denominator : undefined) : f.denominator;
      return { cells: r.cells, value: numeric };
    }),
  }));
  return { months: months.map((m) => m.start.slice(0, 7)), series };
}

/** The gaps of one care manager's caseload (all of them for the whole program). */
export function gapsOfCareManager(all: readonly CareGap[], careManager: string | undefined): CareGap[] {
  return careManager ? all.filter((g) => g.careManager === careManager) : [...all];
}
