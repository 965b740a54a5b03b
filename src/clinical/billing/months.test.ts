import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonthsToYearMonth, localDateOfFhirDateTime, monthOfFhirDateTime, monthOfInstant, yearMonthLabel } from './months.ts';

describe('the clinic month of a contact', () => {
  // [written, zone, month]: edges around midnight in two zones on either side of UTC.
  const CASES: [string, string, string][] = [
    // Chicago (UTC-6 / -5): 23:30 on 31 Jan is January although UTC says February.
    ['2026-01-31T23:30:00-06:00', 'America/Chicago', '2026-01'],
    ['2026-02-01T05:30:00Z', 'America/Chicago', '2026-01'],
    ['2026-02-01T06:00:00Z', 'America/Chicago', '2026-02'],
    ['2026-02-01T00:00:00-06:00', 'America/Chicago', '2026-02'],
    // Written in another offset: the instant goes by the clinic's zone.
    ['2026-03-01T01:00:00-04:00', 'America/Chicago', '2026-02'],
    // Tokyo (UTC+9): 01:00 on 1 Feb is February although UTC says January.
    ['2026-01-31T16:00:00Z', 'Asia/Tokyo', '2026-02'],
    ['2026-01-31T14:59:59Z', 'Asia/Tokyo', '2026-01'],
    ['2026-02-01T00:30:00+09:00', 'Asia/Tokyo', '2026-02'],
    // Year edge.
    ['2025-12-31T23:59:00-06:00', 'America/Chicago', '2025-12'],
    ['2025-12-31T15:30:00Z', 'Asia/Tokyo', '2026-01'],
    // Date only, or a time without zone: already the clinic's calendar.
    ['2026-04-30', 'Asia/Tokyo', '2026-04'],
    ['2026-04-30T23:00:00', 'Asia/Tokyo', '2026-04'],
  ];
  it.each(CASES)('%s in %s is %s', (written, zone, month) => {
    expect(monthOfFhirDateTime(written, zone)).toBe(month);
  });

  it('follows a daylight-saving change at a month edge (New York, 1 Nov 2026)', () => {
    // EDT (-4) lasts until 06:00Z on 1 Nov 2026: 04:30Z is 00:30 on 1 Nov. Reading it with the
    // zone's standard offset (-5), as a fixed-offset shortcut would, gives 23:30 on 31 Oct.
    expect(monthOfFhirDateTime('2026-11-01T04:30:00Z', 'America/New_York')).toBe('2026-11');
    expect(monthOfFhirDateTime('2026-11-01T03:59:00Z', 'America/New_York')).toBe('2026-10');
    expect(monthOfFhirDateTime('2026-10-31T23:59:00-04:00', 'America/New_York')).toBe('2026-10');
    // After the change: 23:30 EST on 30 Nov is 04:30Z on 1 Dec.
    expect(monthOfFhirDateTime('2026-12-01T04:30:00Z', 'America/New_York')).toBe('2026-11');
  });

  it('follows the spring change too (London, BST from 29 Mar 2026: 23:30Z on 31 Mar is 00:30 on 1 Apr)', () => {
    expect(monthOfFhirDateTime('2026-03-31T23:30:00Z', 'Europe/London')).toBe('2026-04');
    expect(monthOfFhirDateTime('2026-03-31T22:30:00Z', 'Europe/London')).toBe('2026-03');
    expect(monthOfFhirDateTime('2026-03-31T23:30:00Z', 'UTC')).toBe('2026-03');
    // In January the same wall-clock hour is GMT: 23:30Z on 31 Jan is still January.
    expect(monthOfFhirDateTime('2026-01-31T23:30:00Z', 'Europe/London')).toBe('2026-01');
  });

  it('gives undefined for what is not a day', () => {
    expect(monthOfFhirDateTime('2026-04', 'UTC')).toBeUndefined();
    expect(monthOfFhirDateTime(undefined, 'UTC')).toBeUndefined();
    expect(monthOfFhirDateTime('yesterday', 'UTC')).toBeUndefined();
  });

  it('local dates follow the same rule', () => {
    expect(localDateOfFhirDateTime('2026-02-01T05:30:00Z', 'America/Chicago')).toBe('2026-01-31');
    expect(localDateOfFhirDateTime('2026-02-01', 'America/Chicago')).toBe('2026-02-01');
  });

  it('the month of an instant agrees with its local date in any zone', () => {
    const zones = fc.constantFrom('America/Chicago', 'America/New_York', 'Asia/Tokyo', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), zones, (instant, zone) => {
        const local = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit' }).format(new Date(instant));
        expect(monthOfInstant(instant, zone)).toBe(local.slice(0, 7));
      }),
    );
  });
});

describe('month arithmetic and words', () => {
  it('steps over year edges', () => {
    expect(addMonthsToYearMonth('2026-12', 1)).toBe('2027-01');
    expect(addMonthsToYearMonth('2026-01', -1)).toBe('2025-12');
    expect(addMonthsToYearMonth('2026-05', 0)).toBe('2026-05');
  });
  it('names a month', () => {
    expect(yearMonthLabel('2026-03')).toBe('March 2026');
  });
});
