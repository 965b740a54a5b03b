/**
 * The one CSV writer of the app: every export (the caseload grid, the billing report) goes
 * through `toCsv`, so quoting and formula neutralising are decided once.
 *
 * - RFC 4180: cells with `"`, `,`, CR or LF are quoted, quotes doubled, lines end in CRLF.
 * - Numbers are written as numbers (a JS number, or text that is exactly a signed decimal
 *   with an optional `%`, such as `-50%`): a spreadsheet reads them as values, and they
 *   cannot carry a formula.
 * - Dates (`type: 'date'`) are written `yyyy-MM-dd`; a status such as "overdue" belongs in
 *   its own column, never appended to a date.
 * - Any other text whose first non-blank character is `=`, `+`, `-` or `@`, or that starts
 *   with a tab or CR, is neutralised as OWASP's CSV injection guidance says: prefixed with a
 *   single quote and quoted, so Excel, LibreOffice and Sheets show it as text instead of
 *   evaluating it.
 */

export type CsvValue = string | number | boolean | undefined | null;

export interface CsvColumn<R> {
  readonly header: string;
  readonly value: (row: R) => CsvValue;
  /** `date`: the value is written as yyyy-MM-dd (an ISO date-time keeps its date part). */
  readonly type?: 'date';
}

/** Text that a spreadsheet reads as a plain number (or percentage), never as a formula. */
const NUMERIC_TEXT = /^[+-]?\d+(\.\d+)?%?$/;
/** OWASP: formula triggers after optional blanks, and a leading tab or carriage return. */
const FORMULA_START = /^(\s*[=+\-@]|[\t\r])/;
const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(T.*)?$/;

/** A formula-looking text made inert, or the text unchanged. */
export function neutraliseFormula(text: string): string {
  if (NUMERIC_TEXT.test(text)) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) || text.startsWith("'") || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function dateText(value: CsvValue): string {
  if (value === undefined || value === null || value === '') return '';
  const match = ISO_DATE.exec(String(value));
  // Not a date after all: written as text, and so neutralised like any text.
  return match?.[1] ?? cellText(String(value));
}

function cellText(value: CsvValue): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return quote(neutraliseFormula(value));
}

export function toCsv<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): string {
  const lines = [columns.map((c) => cellText(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => (c.type === 'date' ? dateText(c.value(row)) : cellText(c.value(row)))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Saves text as a file through a temporary link (nothing goes to a server or to storage). */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
