import { describe, expect, it } from 'vitest';
import { dayNumber, isIsoDate, isIsoTime, localDateOf, parseFhirDate, toLocalDate } from './fhirDate.ts';

describe('parseFhirDate keeps the date as written', () => {
  it.each([
    ['2024-03-01', '2024-03-01', '2024-03-01T00:00:00Z', 'day'],
    ['2024-03-01T23:30:00-05:00', '2024-03-01', '2024-03-02T04:30:00Z', 'time'],
    ['2024-03-02T00:15:00+01:00', '2024-03-02', '2024-03-01T23:15:00Z', 'time'],
    ['2024-03-01T00:00:00+14:00', '2024-03-01', '2024-02-29T10:00:00Z', 'time'],
    ['2024-03-01T23:59:59-12:00', '2024-03-01', '2024-03-02T11:59:59Z', 'time'],
    ['2022-11-29T20:50:32.718000+00:00', '2022-11-29', '2022-11-29T20:50:32.718Z', 'time'],
    ['2024-03-01T10:00:00Z', '2024-03-01', '2024-03-01T10:00:00Z', 'time'],
    ['2024-03-01T10:00', '2024-03-01', '2024-03-01T10:00:00Z', 'time'],
    ['2024-12-31T23:59:59.999+05:30', '2024-12-31', '2024-12-31T18:29:59.999Z', 'time'],
  ])('%s -> local date %s, instant %s', (value, localDate, instant, precision) => {
    expect(parseFhirDate(value)).toEqual({ localDate, instant: Date.parse(instant), precision });
  });

  it('year and month precision have no local date', () => {
    expect(parseFhirDate('2024-03')).toEqual({ localDate: undefined, instant: Date.UTC(2024, 2, 1), precision: 'month' });
    expect(parseFhirDate('2024')?.precision).toBe('year');
  });

  it.each(['03/01/2024', '2024-02-30', '2024-13-01', 'yesterday', '', '2024-03-01T25:00:00Z'])('rejects %j', (value) => {
    expect(parseFhirDate(value)).toBeUndefined();
  });
});

describe('day arithmetic', () => {
  it('counts calendar days without zones', () => {
    expect((dayNumber('2024-03-01') ?? 0) - (dayNumber('2024-02-28') ?? 0)).toBe(2);
    expect(dayNumber('nope')).toBeUndefined();
  });

  it('finds the local date of an instant in a zone', () => {
    const instant = new Date('2024-03-02T03:00:00Z');
    expect(localDateOf(instant, 'UTC')).toBe('2024-03-02');
    expect(localDateOf(instant, 'America/New_York')).toBe('2024-03-01');
    expect(localDateOf(instant, 'Asia/Tokyo')).toBe('2024-03-02');
    expect(toLocalDate('2024-03-01T23:30:00-05:00')).toBe('2024-03-01');
  });
});

describe('typed ISO dates and times', () => {
  it('takes yyyy-MM-dd real days and HH:mm 24-hour times only', () => {
    expect(['2026-12-01', '2024-02-29'].every(isIsoDate)).toBe(true);
    expect(['12/01/2026', '2026-02-30', '2026-1-01', '2026-12', ''].some(isIsoDate)).toBe(false);
    expect(['00:00', '18:37', '23:59'].every(isIsoTime)).toBe(true);
    expect(['24:00', '6:37', '06:37 PM', '12:60'].some(isIsoTime)).toBe(false);
  });
});
