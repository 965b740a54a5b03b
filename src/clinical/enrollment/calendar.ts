/** Calendar arithmetic on yyyy-MM-dd dates (zone-free: the dates are the clinic's). */
import { dayNumber } from '../time/fhirDate.ts';

export function addDays(date: string, days: number): string {
  const day = dayNumber(date);
  if (day === undefined) return date;
  return new Date((day + days) * 86_400_000).toISOString().slice(0, 10);
}

/** Same day `months` later, clamped to the month's end (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(m[3]), last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whole days from a to b (b - a); undefined when either is not a date. */
export function daysBetween(a: string, b: string): number | undefined {
  const x = dayNumber(a);
  const y = dayNumber(b);
  return x === undefined || y === undefined ? undefined : y - x;
}

export function maxDate(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}
