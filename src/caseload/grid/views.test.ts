import { describe, expect, it } from 'vitest';
import { CASELOAD_COLUMNS } from './columns';
import { ACTIONS_WIDTH, blanksLast, defaultView, FITS_1024, VIEWS, viewFields, visibilityOf } from './views';

describe('caseload views', () => {
  it('show a few columns each with Name, and open per role', () => {
    const all = ['flags', 'name', 'mrn', 'phq9Latest', 'nextContactDue', 'minutesThisMonth'];
    expect(visibilityOf('today', all)).toEqual({ flags: true, name: true, mrn: false, phq9Latest: true, nextContactDue: true, minutesThisMonth: false });
    expect(visibilityOf('all', all)).toEqual({});
    expect(defaultView('care-manager')).toBe('today');
    expect(defaultView('pcp')).toBe('scores');
    expect(defaultView('program-lead')).toBe('contacts');
  });

  it.each(VIEWS.filter((v) => v !== 'all'))('the %s view fits the grid at 1024 px, Name first: no sideways scroll', (view) => {
    const fields = viewFields(view) ?? [];
    expect(fields[0]).toBe('name');
    const width = fields.reduce((sum, f) => sum + (f === 'actions' ? ACTIONS_WIDTH : (CASELOAD_COLUMNS.find((c) => c.field === f)?.width ?? Number.NaN)), 0);
    expect(width).toBeLessThanOrEqual(FITS_1024);
  });

  it('sort blanks last in both directions', () => {
    const values = ['2026-12-03', undefined, '2026-11-01', '', '2026-12-01', null];
    expect([...values].sort(blanksLast('asc')).slice(0, 3)).toEqual(['2026-11-01', '2026-12-01', '2026-12-03']);
    expect([...values].sort(blanksLast('desc')).slice(0, 3)).toEqual(['2026-12-03', '2026-12-01', '2026-11-01']);
    expect([3, undefined, 10, 1].sort(blanksLast('desc'))).toEqual([10, 3, 1, undefined]);
    expect([3, undefined, 10, 1].sort(blanksLast('asc'))).toEqual([1, 3, 10, undefined]);
  });
});
