/**
 * Every Program tab CSV goes through this one function (the project's CSV writer: RFC 4180
 * quoting and formula neutralising), so a change of writer is one edit.
 */
import { downloadText, toCsv } from '../shared/csv/csv';

export type TableRows = readonly (readonly (string | number)[])[];

export function tableCsv(headers: readonly string[], rows: TableRows): string {
  // The table's "-" (no rate) is an empty cell in a spreadsheet, not text the writer must neutralise.
  return toCsv(
    headers.map((header, i) => ({ header, value: (row: readonly (string | number)[]) => (row[i] === '-' ? '' : row[i]) })),
    rows,
  );
}

export function downloadTable(fileName: string, headers: readonly string[], rows: TableRows): void {
  downloadText(tableCsv(headers, rows), fileName);
}

export function downloadJson(fileName: string, value: unknown): void {
  downloadText(`${JSON.stringify(value, null, 2)}\n`, fileName, 'application/fhir+json;charset=utf-8');
}
