import { describe, expect, it } from 'vitest';
import { blanksLast, defaultView, visibilityOf } from './views';

describe('caseload views', () => {
  it('show a few columns each with Name, and open per role', () => {
    const all = ['flags', 'name', 'mrn', 'phq9Latest', 'nextContactDue', 'minutesThisMonth'];
    expect(visibilityOf('today', all)).toEqual({ flags: true, name: true, mrn: false, phq9Latest: true, nextContactDue: true, minutesThisMonth: false });
    expect(visibilityOf('all', all)).toEqual({});
    expect(defaultView('care-manager')).toBe('today');
    expect(defaultView('pcp')).toBe('scores');
    expect(defaultView('program-lead')).toBe('contacts');
  });

  it('sort blanks last in both directions', () => {
    const values = ['2026-12-03', undefined, '2026-11-01', '', '2026-12-01', null];
    expect([...values].sort(blanksLast('asc')).slice(0, 3)).toEqual(['2026-11-01', '2026-12-01', '2026-12-03']);
    expect([...values].sort(blanksLast('desc')).slice(0, 3)).toEqual(['2026-12-03', '2026-12-01', '2026-11-01']);
    expect([3, undefined, 10, 1].sort(blanksLast('desc'))).toEqual([10, 3, 1, undefined]);
    expect([3, undefined, 10, 1].sort(blanksLast('asc'))).toEqual([1, 3, 10, undefined]);
  });
});
