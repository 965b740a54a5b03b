/**
 * Calendar months in the clinic's time zone. A contact belongs to the month its instant falls
 * in on the clinic's wall clock (Intl.DateTimeFormat with the IANA zone, so daylight-saving
 * changes are the zone's own), never to the UTC month: 23:30 on 31 March in Chicago is March.
 */
import { localDateOf, parseFhirDate } from '../time/fhirDate.ts';

/** `yyyy-MM`. */
export type YearMonth = string;

const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const HAS_ZONE = /T.*(Z|[+-]\d{2}:\d{2})$/;

export function isYearMonth(value: string): boolean {
  return YEAR_MONTH.test(value);
}

/** The clinic's month of an instant (epoch ms). */
export function monthOfInstant(instant: number, timeZone: string): YearMonth {
  return localDateOf(new Date(instant), timeZone).slice(0, 7);
}

/**
 * The clinic's month of a FHIR date or dateTime. A time with a zone is an instant and goes by
 * the clinic's zone; a date alone (or a time without a zone) is already the clinic's calendar
 * and is taken as written. Undefined when the value is not a day-precision date.
 */
export function monthOfFhirDateTime(value: string | undefined, timeZone: string): YearMonth | undefined {
  const parsed = parseFhirDate(value);
  if (!parsed?.localDate || value === undefined) return undefined;
  if (parsed.precision === 'time' && HAS_ZONE.test(value.trim())) return monthOfInstant(parsed.instant, timeZone);
  return parsed.localDate.slice(0, 7);
}

/** The clinic's calendar date (yyyy-MM-dd) of a FHIR date or dateTime, by the same rule. */
export function localDateOfFhirDateTime(value: string | undefined, timeZone: string): string | undefined {
  const parsed = parseFhirDate(value);
  if (!parsed?.localDate || value === undefined) return undefined;
  if (parsed.precision === 'time' && HAS_ZONE.test(value.trim())) return localDateOf(new Date(parsed.instant), timeZone);
  return parsed.localDate;
}

/** `2026-01` + 1 = `2026-02`; negative steps go back. */
export function addMonthsToYearMonth(month: YearMonth, steps: number): YearMonth {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + steps;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** `March 2026`, for headings. */
export function yearMonthLabel(month: YearMonth): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 15)));
}
