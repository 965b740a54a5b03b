/**
 * Everything the Program tab shows, computed once for the command line's outputs (summary
 * lines, CSVs, MeasureReports, the HTML report): the program's rows and the eCQMs' rows in
 * one table, the month-by-month trend, every stratification, the care-gap work lists. Only
 * the tab's own pure functions are called (`programView`, `programTables`, `ecqmRows`,
 * `careGaps`, `measureGaps`), so the two cannot disagree. Pure.
 */
import {
  careGaps,
  CARE_GAP_TITLE,
  figuresOf,
  NOT_RECORDED,
  STRATIFY_LABEL,
  type CareGapKind,
  type MeasureResult,
  type Period,
  type ProgramMeasureSettings,
  type ProgramPatient,
  type StratifyBy,
} from '../../clinical/program';
import { drillRows, DRILL_HEADERS, gapRows, GAP_HEADERS, measuresTable, strataTable, trendTable, type TextTable } from '../../program/programTables';
import { measureRows, strataRows, trend, type MeasureRow, type TableRow } from '../../program/programView';
import type { PatientResult } from '../ecqm/engine';
import { MEASURE_GAP_TITLE, measureGaps, type MeasureGapKind } from '../ecqm/measureGaps';
import type { MeasureId as EcqmId } from '../ecqm/measures';
import type { MeasureSummary } from '../ecqm/summary';
import { ecqmRows } from '../ecqm/ui/ecqmRows';

export const DIMENSIONS = Object.keys(STRATIFY_LABEL) as StratifyBy[];

export interface ProgramReportInput {
  readonly patients: readonly ProgramPatient[];
  /** The eCQMs that were run, each patient's result. */
  readonly ecqm: Readonly<Partial<Record<EcqmId, readonly PatientResult[]>>>;
  /** Whether the program's own measures were run (else only the eCQM rows are shown). */
  readonly program: boolean;
  readonly period: Period;
  /** The clinic's date the care gaps are as of. */
  readonly today: string;
  readonly settings: ProgramMeasureSettings;
  readonly threshold: number;
  readonly cadenceDays: number;
  /** `Practitioner/1`, `Organization/2` to a name (from the data); a reference without one is shown as is. */
  readonly names: Readonly<Record<string, string>>;
}

export interface WorkList {
  readonly kind: CareGapKind | MeasureGapKind;
  readonly title: string;
  readonly table: TextTable;
}

export interface ProgramReport {
  readonly period: Period;
  readonly today: string;
  readonly threshold: number;
  readonly patientCount: number;
  readonly couldNotRead: number;
  /** The program's rows (for the MeasureReports and summary lines). */
  readonly programRows: readonly MeasureRow[];
  /** The `Program measures` table: program rows, then eCQM rows. */
  readonly tableRows: readonly TableRow[];
  readonly ecqmPopulations: readonly MeasureSummary[];
  readonly measures: TextTable;
  readonly trend: ReturnType<typeof trend>;
  readonly trendTable: TextTable;
  readonly strata: readonly { readonly by: StratifyBy; readonly title: string; readonly table: TextTable }[];
  /** Each measure's patients (the drill-down). */
  readonly drillDown: readonly { readonly id: string; readonly name: string; readonly table: TextTable }[];
  readonly workLists: readonly WorkList[];
  readonly patients: ReadonlyMap<string, ProgramPatient>;
  readonly label: (by: StratifyBy, value: string) => string;
}

export function programReport(input: ProgramReportInput): ProgramReport {
  const { patients, period, settings, threshold } = input;
  const byId = new Map(patients.map((p) => [p.id, p]));
  const nameOf = (ref: string | undefined) => (ref ? (input.names[ref] ?? ref) : '');
  const label = (by: StratifyBy, value: string) => (value === NOT_RECORDED ? value : by === 'careManager' || by === 'pcp' || by === 'clinic' ? nameOf(value) : value);
  const programRows = input.program ? measureRows(patients, period, settings, threshold, undefined) : [];
  const ran = Object.keys(input.ecqm) as EcqmId[];
  const careTeamOf = (id: string) => {
    const last = byId.get(id)?.episodes.at(-1);
    return { careManager: last?.careManager, pcp: last?.pcp };
  };
  const results = { CMS159: input.ecqm.CMS159 ?? [], CMS2: input.ecqm.CMS2 ?? [] };
  const ecqm = ecqmRows({ status: 'done', done: 0, total: 0, results, unavailable: [] }, [...byId.keys()], threshold, careTeamOf).filter((r) => ran.includes(r.result.id));
  const tableRows: TableRow[] = [...programRows, ...ecqm];
  const months = input.program ? trend(patients, period, settings, threshold, undefined) : { months: [], series: [] };
  const strata = input.program
    ? DIMENSIONS.map((by) => ({ by, title: STRATIFY_LABEL[by], table: strataTable(strataRows(programRows, by, byId, period.end, threshold), STRATIFY_LABEL[by], (v) => label(by, v)) }))
    : [];
  const gaps = input.program ? careGaps(patients, { today: input.today, settings, scaleCadenceDays: input.cadenceDays }) : [];
  const mGaps = measureGaps(input.ecqm, input.today);
  const workLists: WorkList[] = [
    ...(input.program ? (Object.keys(CARE_GAP_TITLE) as CareGapKind[]) : []).map((kind) => ({
      kind,
      title: CARE_GAP_TITLE[kind],
      table: { headers: GAP_HEADERS, rows: gapRows(gaps.filter((g) => g.kind === kind), byId, nameOf) },
    })),
    ...(Object.keys(MEASURE_GAP_TITLE) as MeasureGapKind[])
      .filter((kind) => ran.includes(kind === 'cms159-window' ? 'CMS159' : 'CMS2'))
      .map((kind) => ({
        kind,
        title: MEASURE_GAP_TITLE[kind],
        table: { headers: GAP_HEADERS, rows: gapRows(mGaps.filter((g) => g.kind === kind).map((g) => ({ ...g, careManager: careTeamOf(g.patientId).careManager })), byId, nameOf) },
      })),
  ];
  return {
    period,
    today: input.today,
    threshold,
    patientCount: patients.length,
    couldNotRead: patients.filter((p) => p.recordsProblem !== undefined).length,
    programRows,
    tableRows,
    ecqmPopulations: ecqm.flatMap((r) => (r.populations ? [r.populations] : [])),
    measures: measuresTable(tableRows),
    trend: months,
    trendTable: trendTable(months.months, months.series),
    strata,
    drillDown: tableRows.map((r) => ({ id: r.result.id, name: r.result.name, table: { headers: DRILL_HEADERS, rows: drillRows(r, byId) } })),
    workLists,
    patients: byId,
    label,
  };
}

/** The JSON summary line of a program measure, beside the eCQMs' (`rate` between 0 and 1; suppressed counts are null). */
export interface ProgramSummaryLine {
  measure: string;
  name: string;
  denominator: number | null;
  numerator: number | null;
  rate: number | null;
  couldNotRead: number;
}

export function programSummaryLine(row: MeasureRow): ProgramSummaryLine {
  const r: MeasureResult = row.result;
  const f = figuresOf(r.cases);
  const count = (text: string) => (/^\d+$/.test(text) ? Number(text) : null);
  const rate = r.hasRate && /%$/.test(row.cells.rate) && f.denominator > 0 ? f.numerator / f.denominator : null;
  return { measure: r.id, name: r.name, denominator: count(row.cells.denominator), numerator: r.hasRate ? count(row.cells.numerator) : null, rate, couldNotRead: r.couldNotRead.length };
}
