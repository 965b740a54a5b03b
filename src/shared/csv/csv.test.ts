import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv, type CsvColumn } from './csv';

/** An independent RFC 4180 reader: what a spreadsheet would see in each cell. */
function cells(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = (): void => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && csv[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  return rows;
}

const one = (value: string | number | boolean | undefined, type?: 'date'): string => {
  const columns: CsvColumn<{ v: typeof value }>[] = [{ header: 'v', value: (r) => r.v, ...(type ? { type } : {}) }];
  return cells(toCsv(columns, [{ v: value }]))[1]![0]!;
};

describe('CSV writer', () => {
  // OWASP CSV injection payloads, and the variants the probe found passing the old guard.
  const INJECTIONS = [
    '=1+1',
    '=HYPERLINK("http://evil.example","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '\t=1+1',
    '\r=1+1',
    '\tplain after a tab',
    ' =1+1',
    '   @SUM(A1)',
    '\n=1+1',
    '-50% of =cmd',
    "=cmd|' /C notepad'!'A1'",
  ];

  it.each(INJECTIONS)('neutralises %j: the cell starts with a single quote and keeps the text', (payload) => {
    const written = one(payload);
    expect(written).toBe(`'${payload}`);
  });

  it('keeps real numbers as numbers, whether numbers or numeric text', () => {
    expect(one(-50)).toBe('-50');
    expect(one(-66.7)).toBe('-66.7');
    expect(one(12)).toBe('12');
    expect(one('-50%')).toBe('-50%');
    expect(one('+12%')).toBe('+12%');
    expect(one('-3')).toBe('-3');
    expect(toCsv([{ header: 'n', value: (r: number) => r }], [-50, 0, 3.5])).toBe('n\r\n-50\r\n0\r\n3.5\r\n');
  });

  it('writes dates as yyyy-MM-dd and ordinary text unchanged', () => {
    expect(one('2026-03-10', 'date')).toBe('2026-03-10');
    expect(one('2026-03-10T10:00:00-04:00', 'date')).toBe('2026-03-10');
    expect(one('=1+1', 'date')).toBe("'=1+1");
    expect(one(undefined, 'date')).toBe('');
    expect(one('Lee, Sam "Jr"')).toBe('Lee, Sam "Jr"');
    expect(one('Active treatment')).toBe('Active treatment');
    expect(one("O'Brien")).toBe("O'Brien");
    expect(one(true)).toBe('Yes');
    expect(one(undefined)).toBe('');
  });

  it('quotes what RFC 4180 needs quoted and ends lines with CRLF', () => {
    const csv = toCsv([{ header: 'a,b', value: (r: string) => r }], ['x"y', 'line\nbreak']);
    expect(csv).toBe('"a,b"\r\n"x""y"\r\n"line\nbreak"\r\n');
  });

  it('neutraliseFormula leaves ordinary and numeric text alone', () => {
    expect(neutraliseFormula('M2000001')).toBe('M2000001');
    expect(neutraliseFormula('-0.5')).toBe('-0.5');
    expect(neutraliseFormula('- item')).toBe("'- item");
  });
});
