/**
 * FHIR date/dateTime handling that keeps the date the clinician saw. "2024-03-01T23:30:00-05:00"
 * happened on 1 March where it was recorded, although it is 2 March in UTC; the registry
 * shows and groups by the date as written and sorts by the instant.
 */
export interface ParsedFhirDate {
  /** yyyy-MM-dd as written; undefined for year or year-month precision. */
  readonly localDate: string | undefined;
  /** Epoch ms; date-only and zone-less values are read as UTC so they sort stably. */
  readonly instant: number;
  readonly precision: 'year' | 'month' | 'day' | 'time';
}

const FHIR_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

export function parseFhirDate(value: string | undefined): ParsedFhirDate | undefined {
  if (typeof value !== 'string') return undefined;
  const fast = parseCommonFhirDate(value);
  if (fast !== NOT_COMMON) return fast;
  const m = FHIR_DATE.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (mo === undefined) return { localDate: undefined, instant: Date.UTC(year, 0, 1), precision: 'year' };
  if (d === undefined) return { localDate: undefined, instant: Date.UTC(year, month - 1, 1), precision: 'month' };
  const localDate = `${y}-${mo}-${d}`;
  if (h === undefined) return { localDate, instant: Date.UTC(year, month - 1, day), precision: 'day' };
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 24 || minute > 59 || second > 60) return undefined;
  const ms = frac === undefined ? 0 : Math.round(Number(`0${frac}`) * 1000);
  let instant = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offsetMinutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
    instant -= sign * offsetMinutes * 60_000;
  }
  return { localDate, instant, precision: 'time' };
}

const NOT_COMMON = null;

/** The digit at `i` as a number, or -1 (only ASCII 0-9, as the regex's \d). */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** A two-digit number at `i`, or -1. */
function twoDigits(text: string, i: number): number {
  const a = digitAt(text, i);
  const b = digitAt(text, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/**
 * The shapes EHRs send nearly always (yyyy-MM-dd, and yyyy-MM-ddTHH:mm[:ss[.fff]][zone]),
 * read without the regex and its substrings: dates are read for every record several times
 * over (this was the model's hottest leaf). Gives exactly what the regex path gives, or
 * NOT_COMMON for anything else (spaces around, year or month only, odd shapes), which then
 * takes the regex path.
 */
function parseCommonFhirDate(value: string): ParsedFhirDate | undefined | typeof NOT_COMMON {
  const length = value.length;
  if (length < 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return NOT_COMMON;
  const centuries = twoDigits(value, 0);
  const years = twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  if (centuries < 0 || years < 0 || month < 0 || day < 0) return NOT_COMMON;
  const year = centuries * 100 + years;
  if (length === 10) {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    return { localDate: value, instant: Date.UTC(year, month - 1, day), precision: 'day' };
  }
  // THH:mm
  if (length < 16 || value.charCodeAt(10) !== 84 || value.charCodeAt(13) !== 58) return NOT_COMMON;
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  if (hour < 0 || minute < 0) return NOT_COMMON;
  let at = 16;
  let second = 0;
  let ms = 0;
  if (at < length && value.charCodeAt(at) === 58) {
    second = twoDigits(value, at + 1);
    if (second < 0) return NOT_COMMON;
    at += 3;
    if (at < length && value.charCodeAt(at) === 46) {
      let end = at + 1;
      while (end < length && digitAt(value, end) >= 0) end++;
      if (end === at + 1) return NOT_COMMON;
      ms = Math.round(Number(`0${value.slice(at, end)}`) * 1000);
      at = end;
    }
  }
  let offsetMs = 0;
  if (at === length - 1) {
    if (value.charCodeAt(at) !== 90) return NOT_COMMON;
  } else if (at === length - 6) {
    const sign = value.charCodeAt(at);
    const zoneHours = twoDigits(value, at + 1);
    const zoneMinutes = twoDigits(value, at + 4);
    if ((sign !== 43 && sign !== 45) || value.charCodeAt(at + 3) !== 58 || zoneHours < 0 || zoneMinutes < 0) return NOT_COMMON;
    offsetMs = (sign === 45 ? -1 : 1) * (zoneHours * 60 + zoneMinutes) * 60_000;
  } else if (at !== length) return NOT_COMMON;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 24 || minute > 59 || second > 60) return undefined;
  return { localDate: value.slice(0, 10), instant: Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs, precision: 'time' };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  // Gregorian leap years, as Date.UTC counts them (without building a Date per call; Date.UTC
  // reads years 0-99 as 1900-1999).
  const y = year >= 0 && year <= 99 ? year + 1900 : year;
  if (month === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return DAYS_IN_MONTH[month - 1] ?? 31;
}

/** Days since 1970-01-01 for a yyyy-MM-dd calendar date: zone-free day arithmetic. */
export function dayNumber(localDate: string): number | undefined {
  if (localDate.length === 10 && localDate.charCodeAt(4) === 45 && localDate.charCodeAt(7) === 45) {
    const centuries = twoDigits(localDate, 0);
    const years = twoDigits(localDate, 2);
    const month = twoDigits(localDate, 5);
    const day = twoDigits(localDate, 8);
    if (centuries >= 0 && years >= 0 && month >= 0 && day >= 0) return Math.floor(Date.UTC(centuries * 100 + years, month - 1, day) / 86_400_000);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!m) return undefined;
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
}

/**
 * The calendar date of an instant in a time zone (IANA name). Intl formats a given instant;
 * it reads no clock, so the model stays pure.
 */
export function localDateOf(instant: Date, timeZone = 'UTC'): string {
  // The same instants come back: "now" for every patient of a caseload, and each record's time
  // once for the caseload row and again for the program model (Intl's formatting was a quarter
  // of the program model's time). The date of an instant in a zone never changes: kept per zone.
  const ms = instant.getTime();
  let dates = localDates.get(timeZone);
  if (!dates) {
    if (localDates.size >= 50) localDates.clear();
    dates = new Map();
    localDates.set(timeZone, dates);
  }
  let localDate = dates.get(ms);
  if (localDate === undefined) {
    localDate = formatLocalDate(instant, timeZone);
    if (dates.size >= MAX_LOCAL_DATES) dates.clear();
    dates.set(ms, localDate);
  }
  return localDate;
}

/** Instants remembered per zone (a few MB at most); a full table is emptied and refilled. */
const MAX_LOCAL_DATES = 50_000;
const localDates = new Map<string, Map<number, string>>();

function formatLocalDate(instant: Date, timeZone: string): string {
  const parts = localDateFormat(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (it was a third of
// the model's time over a 1,000-patient caseload, see docs/performance.md): one per zone.
const localDateFormats = new Map<string, Intl.DateTimeFormat>();

function localDateFormat(timeZone: string): Intl.DateTimeFormat {
  let format = localDateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    localDateFormats.set(timeZone, format);
  }
  return format;
}

/** A caller's date (Date or FHIR date string) as a local calendar date. */
export function toLocalDate(value: Date | string, timeZone = 'UTC'): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : localDateOf(value, timeZone);
  return parseFhirDate(value)?.localDate;
}

/** A typed date is usable: yyyy-MM-dd and a real calendar day (the app's one date format). */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && parseFhirDate(value)?.precision === 'day';
}

/** A typed time is usable: HH:mm on a 24-hour clock. */
export function isIsoTime(value: string): boolean {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  return m !== null && Number(m[1]) < 24 && Number(m[2]) < 60;
}
