/**
 * The Program tab's tables as headers and rows of text: what the tab shows, what its CSV
 * downloads hold, and what `npm run measures` writes as CSV and HTML. Pure, so the tab and
 * the command line show the same cells.
 */
import type { CareGap, ProgramPatient } from '../clinical/program';
import type { MeasureGap } from '../measures/ecqm/measureGaps';
import type { StratumRow, TableRow as MeasureRow, TrendSeries } from './programView';

export interface TextTable {
  readonly headers: string[];
  readonly rows: string[][];
}

export const MEASURES_HEADERS = ['Measure', 'Numerator', 'Denominator', 'Rate'];

/** The `Program measures` table: the program's rows, then the eCQMs'. */
export function measuresTable(rows: readonly Pick<MeasureRow, 'result' | 'cells'>[]): TextTable {
  return { headers: MEASURES_HEADERS, rows: rows.map((r) => [r.result.name, r.cells.numerator, r.cells.denominator, r.cells.rate]) };
}

export function trendTable(months: readonly string[], series: readonly TrendSeries[]): TextTable {
  return { headers: ['Measure', ...months], rows: series.map((s) => [s.name, ...s.months.map((m) => (s.hasRate ? m.cells.rate : m.cells.denominator))]) };
}

export function strataTable(rows: readonly StratumRow[], dimension: string, label: (v: string) => string): TextTable {
  return {
    headers: ['Measure', dimension, 'Numerator', 'Denominator', 'Rate'],
    rows: rows.map((r) => [r.measure, label(r.stratum), r.cells.numerator, r.cells.denominator, r.cells.rate]),
  };
}

export const DRILL_HEADERS = ['Patient', 'MRN', 'Counted as', 'In numerator', 'Why'];

export function drillRows(row: Pick<MeasureRow, 'result'>, patients: ReadonlyMap<string, ProgramPatient>): string[][] {
  const name = (id: string) => patients.get(id)?.name ?? `Patient ${id}`;
  const mrn = (id: string) => patients.get(id)?.mrn ?? '';
  return [
    ...row.result.cases.map((c) => [name(c.patientId), mrn(c.patientId), c.unit, row.result.hasRate ? (c.inNumerator ? 'Yes' : 'No') : '-', c.why]),
    ...row.result.excluded.map((c) => [name(c.patientId), mrn(c.patientId), c.unit, 'Not counted', c.why]),
    ...row.result.couldNotRead.map((id) => [
      name(id),
      mrn(id),
      'Patient',
      'Could not be read',
      patients.get(id)?.recordsProblem ?? patients.get(id)?.encountersProblem ?? 'the records could not be read',
    ]),
  ];
}

/** A row of a work list: the program's care gaps and the eCQMs' gaps (which name no care manager). */
export type GapListItem = Pick<CareGap | MeasureGap, 'patientId' | 'reason' | 'due'> & { readonly careManager?: string | undefined };

export const GAP_HEADERS = ['Patient', 'MRN', 'Reason', 'Due', 'Care manager'];

/** A care-gap work list (the program's or an eCQM's). */
export function gapRows(list: readonly GapListItem[], patients: ReadonlyMap<string, ProgramPatient>, nameOf: (ref: string | undefined) => string): string[][] {
  return list.map((g) => [patients.get(g.patientId)?.name ?? g.patientId, patients.get(g.patientId)?.mrn ?? '', g.reason, g.due, nameOf(g.careManager)]);
}
