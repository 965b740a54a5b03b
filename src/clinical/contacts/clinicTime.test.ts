import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fhirDateTimeInZone, instantOfWallClock, wallClockOf, zoneOffsetMinutes } from './clinicTime.ts';

describe('clinic wall clock', () => {
  it('writes an instant in the zone offset of that date, daylight saving included', () => {
    expect(fhirDateTimeInZone(Date.UTC(2026, 0, 15, 20, 30), 'America/Chicago')).toBe('2026-01-15T14:30:00-06:00');
    expect(fhirDateTimeInZone(Date.UTC(2026, 6, 15, 19, 30), 'America/Chicago')).toBe('2026-07-15T14:30:00-05:00');
    expect(fhirDateTimeInZone(Date.UTC(2026, 3, 1, 3, 30), 'America/New_York')).toBe('2026-03-31T23:30:00-04:00');
    expect(fhirDateTimeInZone(Date.UTC(2026, 0, 31, 16, 0), 'Asia/Tokyo')).toBe('2026-02-01T01:00:00+09:00');
    expect(fhirDateTimeInZone(Date.UTC(2026, 0, 31, 16, 0), 'Asia/Kolkata')).toBe('2026-01-31T21:30:00+05:30');
  });

  it('finds the instant of a typed date and time', () => {
    expect(instantOfWallClock('2026-03-31', '23:30', 'America/New_York')).toBe(Date.UTC(2026, 3, 1, 3, 30));
    expect(instantOfWallClock('2026-01-31', '23:30', 'America/Chicago')).toBe(Date.UTC(2026, 1, 1, 5, 30));
    expect(instantOfWallClock('2026-02-30', '10:00', 'UTC')).toBeUndefined();
    expect(instantOfWallClock('2026-02-10', '25:00', 'UTC')).toBeUndefined();
  });

  it('a time skipped by the spring change moves past the gap; a repeated hour takes its first occurrence', () => {
    // New York, 8 Mar 2026: 02:00 EST -> 03:00 EDT. 02:30 does not exist.
    expect(fhirDateTimeInZone(instantOfWallClock('2026-03-08', '02:30', 'America/New_York') as number, 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
    // 1 Nov 2026: 01:30 happens twice; the first (EDT) is taken.
    expect(fhirDateTimeInZone(instantOfWallClock('2026-11-01', '01:30', 'America/New_York') as number, 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
    expect(zoneOffsetMinutes(Date.UTC(2026, 10, 1, 7, 0), 'America/New_York')).toBe(-300);
  });

  it('round-trips any minute in any zone (outside spring gaps)', () => {
    const zones = fc.constantFrom('America/Chicago', 'America/New_York', 'Asia/Tokyo', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2035, 0, 1) / 60_000 }), zones, (minute, zone) => {
        const instant = minute * 60_000;
        const { date, time } = wallClockOf(instant, zone);
        const back = instantOfWallClock(date, time, zone) as number;
        // A repeated hour maps back to its first occurrence: same wall clock either way.
        expect(wallClockOf(back, zone)).toEqual({ date, time });
        expect(Date.parse(fhirDateTimeInZone(instant, zone))).toBe(instant);
      }),
    );
  });
});
