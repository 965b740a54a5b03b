/** Measurement periods on the clinic's calendar. */
import { addDays } from '../enrollment/calendar.ts';
import { addMonthsToYearMonth } from '../billing/months.ts';
import type { Period } from './types.ts';

/** The default period: the 12 months ending with the last complete month before today. */
export function defaultPeriod(today: string): Period {
  const thisMonth = today.slice(0, 7);
  return { start: `${addMonthsToYearMonth(thisMonth, -12)}-01`, end: addDays(`${thisMonth}-01`, -1) };
}

/** The 12 calendar months ending with the period's end month, each as its own period. */
export function trendMonths(period: Period, count = 12): Period[] {
  const endMonth = period.end.slice(0, 7);
  const out: Period[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const m = addMonthsToYearMonth(endMonth, -i);
    out.push({ start: `${m}-01`, end: addDays(`${addMonthsToYearMonth(m, 1)}-01`, -1) });
  }
  return out;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks typed period fields; words for the user when they cannot be used. */
export function checkPeriod(start: string, end: string): { period: Period } | { problem: string } {
  const valid = (d: string) => DATE.test(d) && addDays(d, 0) === d && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
  if (!valid(start)) return { problem: 'Period start must be a date written yyyy-MM-dd, for example 2026-01-01.' };
  if (!valid(end)) return { problem: 'Period end must be a date written yyyy-MM-dd, for example 2026-12-31.' };
  if (end < start) return { problem: 'Period end comes before Period start: swap them or change one.' };
  return { period: { start, end } };
}
