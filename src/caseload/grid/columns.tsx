/**
 * The caseload's columns (product.md item 6): one definition per column gives the grid its
 * value (sorting), its cell and the CSV its text, so the export is exactly what is shown.
 */
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { GridColDef } from '@mui/x-data-grid';
import { memo } from 'react';
import type { CaseloadRow, InstrumentColumns } from '../../clinical/caseload';
import type { CsvColumn } from '../../shared/csv/csv';
import { blanksLast } from './views';

export interface ColumnContext {
  /** Display name of a practitioner reference. */
  nameOf: (reference: string | undefined) => string;
  onOpen: (patientId: string) => void;
}

type Value = string | number | boolean | undefined | null;

interface CaseloadColumn {
  field: string;
  header: string;
  width: number;
  type?: 'number' | 'string';
  /** CSV: written yyyy-MM-dd. */
  date?: boolean;
  value: (row: CaseloadRow, ctx: ColumnContext) => Value;
  render?: (row: CaseloadRow, ctx: ColumnContext) => React.ReactNode;
}

function yesNo(value: boolean | undefined): string {
  return value === undefined ? '' : value ? 'Yes' : 'No';
}

function percent(value: number | undefined): string {
  return value === undefined ? '' : `${value > 0 ? '+' : ''}${value}%`;
}

/** A due date with an "Overdue" badge once passed (scales and contacts alike); wide enough for both. */
function dueDateColumn(field: string, header: string, due: (row: CaseloadRow) => string | undefined, overdue: (row: CaseloadRow) => boolean): CaseloadColumn {
  return {
    field,
    header,
    width: 175,
    date: true,
    value: due,
    render: (r) =>
      overdue(r) ? (
        <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center', whiteSpace: 'nowrap' }}>
          <Typography component="span" variant="body2" sx={{ color: 'error.main', fontWeight: 700 }}>
            {due(r)}
          </Typography>
          <span className="cl-chip cl-chip-error">Overdue</span>
        </span>
      ) : (
        (due(r) ?? '')
      ),
  };
}

function instrumentColumns(key: 'phq9' | 'gad7', name: string): CaseloadColumn[] {
  const get = (row: CaseloadRow): InstrumentColumns => row[key];
  return [
    { field: `${key}Baseline`, header: `${name} baseline`, width: 80, type: 'number', value: (r) => get(r).baseline },
    { field: `${key}Latest`, header: `${name} latest`, width: 80, type: 'number', value: (r) => get(r).latest },
    {
      field: `${key}Change`,
      header: `${name} change`,
      width: 90,
      type: 'number',
      value: (r) => get(r).changePercent,
      render: (r) => {
        const c = get(r);
        if (c.changePercent === undefined) return c.changePoints === undefined ? '' : `${c.changePoints > 0 ? '+' : ''}${c.changePoints} pts`;
        return percent(c.changePercent);
      },
    },
    { field: `${key}Response`, header: `${name} response`, width: 90, value: (r) => yesNo(get(r).response) },
    { field: `${key}Remission`, header: `${name} remission`, width: 105, value: (r) => yesNo(get(r).remission) },
  ];
}

export const CASELOAD_COLUMNS: readonly CaseloadColumn[] = [
  // Name first: the community grid cannot pin a column, so every view starts with it.
  {
    field: 'name',
    header: 'Name',
    width: 200,
    value: (r) => r.name,
    render: (r, ctx) => (
      <span>
        <Link component="button" type="button" onClick={() => ctx.onOpen(r.id)} sx={{ textAlign: 'left' }}>
          {r.name}
        </Link>
        {r.load === 'failed' || r.load === 'partial' ? (
          <Typography component="span" variant="caption" sx={{ display: 'block', color: 'error.main', lineHeight: 1.2 }} title={r.loadProblem}>
            {r.load === 'failed' ? 'Could not be loaded' : 'Some records could not be read'}
          </Typography>
        ) : null}
      </span>
    ),
  },
  {
    field: 'flags',
    header: 'Flags',
    width: 120,
    value: (r) => r.flagLabels.join('; '),
    render: (r) => (
      <span style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
        {r.flagLabels.map((label) => (
          // A plain badge styled by the grid (caseload-grid CSS), not a MUI Chip: a sort mounts a
          // screenful of these and Chip's own styling was a large part of that cost.
          // The review badge's brown keeps 4.5:1 contrast (MUI's warning orange does not).
          <span key={label} className={`cl-chip${label === 'Safety' ? ' cl-chip-error' : label === 'Review' ? ' cl-chip-review' : ''}`}>
            {label}
          </span>
        ))}
      </span>
    ),
  },
  { field: 'mrn', header: 'MRN', width: 100, value: (r) => r.mrn },
  { field: 'phase', header: 'Phase', width: 150, value: (r) => r.phaseLabel },
  { field: 'careManager', header: 'Care manager', width: 150, value: (r, ctx) => (r.careManager ? ctx.nameOf(r.careManager) : '') },
  { field: 'enrolledOn', header: 'Enrolled', width: 105, date: true, value: (r) => r.enrolledOn },
  { field: 'weeks', header: 'Weeks in treatment', width: 85, type: 'number', value: (r) => r.weeksInTreatment },
  ...instrumentColumns('phq9', 'PHQ-9'),
  ...instrumentColumns('gad7', 'GAD-7'),
  { field: 'lastScale', header: 'Last scale', width: 105, date: true, value: (r) => r.lastScaleDate },
  dueDateColumn(
    'nextDue',
    'Next scale due',
    (r) => r.nextScaleDue,
    (r) => r.scaleOverdue,
  ),
  { field: 'lastReview', header: 'Last psychiatric review', width: 120, date: true, value: (r) => r.lastReviewDate },
  // Contact log and CoCM billing (src/clinical/contacts/contactColumns.ts).
  { field: 'lastContact', header: 'Last contact', width: 105, date: true, value: (r) => r.lastContactDate },
  { field: 'contactsThisMonth', header: 'Contacts this month', width: 90, type: 'number', value: (r) => r.contactsThisMonth },
  dueDateColumn(
    'nextContactDue',
    'Next contact due',
    (r) => r.nextContactDue,
    (r) => r.contactOverdue,
  ),
  { field: 'minutesThisMonth', header: 'Minutes this month', width: 90, type: 'number', value: (r) => r.minutesThisMonth },
  { field: 'codesThisMonth', header: 'Codes this month', width: 100, value: (r) => r.codesThisMonth },
  {
    field: 'minutesToNextCode',
    header: 'Minutes to next code',
    width: 120,
    type: 'number',
    value: (r) => r.minutesToNextCode,
    render: (r) => (r.minutesToNextCode === undefined ? '' : `${r.minutesToNextCode} (${r.nextCode ?? ''})`),
  },
];

/** Columns a row whose records could not be read still knows: who the patient is, and that phase says so. */
const KNOWN_WITHOUT_RECORDS = new Set(['name', 'mrn', 'phase']);

/**
 * Unknown is never "no": a row whose records could not be read has no minutes, contacts, flags
 * or dates to show (its 0s and blanks are placeholders), so those cells say "Not read" and hold
 * no value (they sort last and export blank).
 */
function unread(row: CaseloadRow, c: CaseloadColumn): boolean {
  return row.load === 'failed' && !KNOWN_WITHOUT_RECORDS.has(c.field);
}

function knownValue(c: CaseloadColumn, row: CaseloadRow, ctx: ColumnContext): Value {
  return unread(row, c) ? undefined : c.value(row, ctx);
}

/**
 * One cell's content. Memoised on its row object and column: a sort or a filter moves rows
 * (the grid re-renders every row it keeps), but a row whose record did not change keeps its
 * chips, links and badges instead of building them again (the sort's main cost, bench).
 */
const CellContent = memo(function CellContent({ column, row, ctx }: { column: CaseloadColumn; row: CaseloadRow; ctx: ColumnContext }) {
  if (unread(row, column))
    return (
      <Typography component="span" variant="caption" sx={{ color: 'text.secondary' }}>
        Not read
      </Typography>
    );
  return <>{column.render!(row, ctx)}</>;
});

// The grid's number formatter calls `toLocaleString()`, which builds a formatter per cell.
const numberFormat = new Intl.NumberFormat();
const formatNumber = (value: unknown) => (typeof value === 'number' ? numberFormat.format(value) : '');

/** `ctx` must be stable across renders (the cells are memoised on it). */
export function gridColumns(ctx: ColumnContext): GridColDef<CaseloadRow>[] {
  return CASELOAD_COLUMNS.map((c) => ({
    field: c.field,
    headerName: c.header,
    width: c.width,
    ...(c.type === 'number' ? { type: 'number' as const, valueFormatter: formatNumber } : {}),
    valueGetter: (_value: unknown, row: CaseloadRow) => knownValue(c, row, ctx) ?? null,
    // Blanks (no score, no date) go last whichever way the column is sorted.
    getSortComparator: blanksLast,
    renderCell: (params: { row: CaseloadRow; formattedValue?: unknown }) =>
      c.render || unread(params.row, c) ? <CellContent column={c} row={params.row} ctx={ctx} /> : String(params.formattedValue ?? ''),
  }));
}

/**
 * CSV columns for the given visible fields, in their order. What the grid says in one cell
 * the CSV splits into values a spreadsheet can use: a due date and whether it is overdue,
 * the change as a percentage and in points, each a number.
 */
export function csvColumns(fields: readonly string[], ctx: ColumnContext): CsvColumn<CaseloadRow>[] {
  return fields
    .map((f) => CASELOAD_COLUMNS.find((c) => c.field === f))
    .filter((c): c is CaseloadColumn => c !== undefined)
    .flatMap((c): CsvColumn<CaseloadRow>[] => {
      if (c.field === 'nextDue' || c.field === 'nextContactDue') {
        const overdue = (row: CaseloadRow): boolean => (c.field === 'nextDue' ? row.scaleOverdue : row.contactOverdue);
        return [
          { header: c.header, type: 'date', value: (row) => knownValue(c, row, ctx) },
          { header: `${c.header.replace(/ due$/, '')} overdue`, value: (row) => (knownValue(c, row, ctx) === undefined ? '' : overdue(row)) },
        ];
      }
      const change = /^(phq9|gad7)Change$/.exec(c.field)?.[1] as 'phq9' | 'gad7' | undefined;
      if (change) {
        return [
          { header: `${c.header} (%)`, value: (row) => (unread(row, c) ? undefined : row[change].changePercent) },
          { header: `${c.header} (points)`, value: (row) => (unread(row, c) ? undefined : row[change].changePoints) },
        ];
      }
      return [{ header: c.header, ...(c.date ? { type: 'date' as const } : {}), value: (row) => knownValue(c, row, ctx) }];
    });
}
