import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

  it('gives each zone its own date of an instant asked again (the dates are remembered per zone)', () => {
    // Around midnight in Kolkata (UTC+5:30) and across New York's spring change (2024-03-10).
    const instants = ['2024-03-09T18:29:59Z', '2024-03-09T18:30:00Z', '2024-03-10T04:59:59Z', '2024-03-10T05:00:00Z', '2024-03-10T07:00:00Z'].map((t) => new Date(t));
    const first = instants.flatMap((i) => ['Asia/Kolkata', 'America/New_York', 'UTC'].map((zone) => localDateOf(i, zone)));
    const again = instants.flatMap((i) => ['UTC', 'America/New_York', 'Asia/Kolkata'].map((zone) => localDateOf(i, zone)).reverse());
    expect(again).toEqual(first);
    expect(first).toEqual([
      ...['2024-03-09', '2024-03-09', '2024-03-09'],
      ...['2024-03-10', '2024-03-09', '2024-03-09'],
      ...['2024-03-10', '2024-03-09', '2024-03-10'],
      ...['2024-03-10', '2024-03-10', '2024-03-10'],
      ...['2024-03-10', '2024-03-10', '2024-03-10'],
    ]);
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

describe('the fast path reads dates exactly as the FHIR regex does', () => {
  // The rule as first written (one regex), kept here as the reference the fast path must match.
  const FHIR_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;
  function reference(value: string) {
    const m = FHIR_DATE.exec(value.trim());
    if (!m) return undefined;
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    const year = Number(y);
    const month = mo === undefined ? 1 : Number(mo);
    const day = d === undefined ? 1 : Number(d);
    const y1900 = year <= 99 ? year + 1900 : year; // as Date.UTC reads years 0-99
    const leap = (y1900 % 4 === 0 && y1900 % 100 !== 0) || y1900 % 400 === 0;
    const days = month === 2 ? (leap ? 29 : 28) : ([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31);
    if (month < 1 || month > 12 || day < 1 || day > days) return undefined;
    if (mo === undefined) return { localDate: undefined, instant: Date.UTC(year, 0, 1), precision: 'year' };
    if (d === undefined) return { localDate: undefined, instant: Date.UTC(year, month - 1, 1), precision: 'month' };
    const localDate = `${y}-${mo}-${d}`;
    if (h === undefined) return { localDate, instant: Date.UTC(year, month - 1, day), precision: 'day' };
    const second = s === undefined ? 0 : Number(s);
    if (Number(h) > 24 || Number(mi) > 59 || second > 60) return undefined;
    const ms = frac === undefined ? 0 : Math.round(Number(`0${frac}`) * 1000);
    let instant = Date.UTC(year, month - 1, day, Number(h), Number(mi), second, ms);
    if (zone !== undefined && zone !== 'Z') instant -= (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
    return { localDate, instant, precision: 'time' };
  }
  const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
  const date = fc
    .tuple(
      fc.constantFrom('2024', '2023', '1900', '2000', '0099', '0004', '9999'),
      two(13),
      two(32),
      fc.option(fc.tuple(two(25), two(60), fc.option(two(61)), fc.option(fc.stringMatching(/^\.\d{1,7}$/)))),
      fc.constantFrom('', 'Z', '-05:00', '+14:00', '+05:30', '-12:00', 'z', '+0500', '-05:0'),
    )
    .map(([y, mo, d, time, zone]) => {
      if (!time) return `${y}-${mo}-${d}`;
      const [h, mi, s, frac] = time;
      return `${y}-${mo}-${d}T${h}:${mi}${s === null ? '' : `:${s}${frac ?? ''}`}${zone}`;
    });
  // Whole dates, and the same with a character changed, cut or padded.
  const odd = fc.tuple(date, fc.nat(40), fc.constantFrom('', ' ', 'T', ':', '-', '.', 'x', '٣', '0')).map(([v, at, c]) => {
    const i = at % (v.length + 1);
    return at % 3 === 0 ? v.slice(0, i) + c + v.slice(i + 1) : at % 3 === 1 ? v.slice(0, i) : ` ${v}${c}`;
  });

  it('for whole, cut and altered dates', () => {
    fc.assert(
      fc.property(fc.oneof(date, odd), (value) => {
        expect(parseFhirDate(value)).toEqual(reference(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('counts days as Date.UTC does', () => {
    fc.assert(
      fc.property(date, (value) => {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.slice(0, 10));
        const expected = m ? Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000) : undefined;
        expect(dayNumber(value.slice(0, 10))).toBe(expected);
      }),
    );
  });
});
