import { describe, expect, it } from 'vitest';
import { failedRow } from '../../clinical/caseload';
import { CASELOAD_COLUMNS, csvColumns } from './columns';

const ctx = { nameOf: (r: string | undefined) => r ?? '', onOpen: () => undefined };

describe('caseload columns: unknown is never "no"', () => {
  it('a row whose records could not be read exports its name and MRN, and no 0 minutes, 0 contacts or dates', () => {
    const row = failedRow('p1', 'The observations could not be read.', {
      patient: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Lopez', given: ['Ana'] }], identifier: [{ type: { coding: [{ code: 'MR' }] }, value: 'M1' }] },
    });
    expect(row.minutesThisMonth).toBe(0); // the placeholder the grid must not show as a fact
    const columns = csvColumns(
      CASELOAD_COLUMNS.map((c) => c.field),
      ctx,
    );
    const cell = (header: string) => columns.find((c) => c.header === header)?.value(row);
    expect(cell('Name')).toMatch(/Lopez/);
    expect(cell('MRN')).toBe('M1');
    expect(cell('Phase')).toBe('Could not be loaded');
    for (const header of ['Minutes this month', 'Contacts this month', 'Next contact due', 'Last contact', 'Flags']) expect(cell(header), header).toBeUndefined();
    expect(cell('Next contact overdue')).toBe('');
  });
});
