/**
 * CoCM minutes per calendar month. What counts: a contact's minutes in the clinic's month of
 * its date and time. What does not: contacts entered in error (removed), time that belongs to
 * a separately billed service (psychotherapy, for example: CPT excludes it), and, unless the
 * settings say so, minutes on a no-show or an unanswered attempt. A corrected contact is the
 * same record with a higher version: the latest version replaces the earlier one.
 */
import { monthOfFhirDateTime, type YearMonth } from './months.ts';
import { type BillingSettings, type BillingSettingsOverride, resolveBillingSettings } from './settings.ts';

export type ContactOutcome = 'completed' | 'no-show' | 'attempt';

/** What billing needs of a logged contact (the contact model gives more). */
export interface BillableContact {
  /** Stable per record (`Observation/123`): versions of one record share it. */
  readonly id: string;
  /** Higher wins among copies of the same record; missing counts as oldest. */
  readonly version?: number;
  /** FHIR dateTime as written. */
  readonly effective: string;
  readonly minutes: number;
  readonly outcome: ContactOutcome;
  readonly separatelyBilled: boolean;
  readonly enteredInError: boolean;
}

export interface MonthMinutes {
  readonly month: YearMonth;
  /** CoCM minutes that count toward the codes. */
  readonly minutes: number;
  /** Minutes logged but excluded, by reason (for the report: "20 min separately billed"). */
  readonly separatelyBilledMinutes: number;
  readonly attemptMinutes: number;
  /** Contacts that count (completed, or attempts when they count). */
  readonly contacts: number;
}

export interface MinutesOptions {
  readonly timeZone: string;
  readonly settings?: BillingSettingsOverride | BillingSettings;
}

/** The latest version of each record, entered-in-error ones dropped. */
export function currentContacts<T extends BillableContact>(contacts: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const c of contacts) {
    const seen = latest.get(c.id);
    if (!seen || (c.version ?? 0) > (seen.version ?? 0)) latest.set(c.id, c);
  }
  return [...latest.values()].filter((c) => !c.enteredInError);
}

function wholeMinutes(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** Minutes per clinic month, oldest month first; months without any logged time are absent. */
export function minutesByMonth(contacts: readonly BillableContact[], options: MinutesOptions): MonthMinutes[] {
  const settings = resolveBillingSettings(options.settings);
  const months = new Map<YearMonth, { minutes: number; separatelyBilledMinutes: number; attemptMinutes: number; contacts: number }>();
  for (const contact of currentContacts(contacts)) {
    const month = monthOfFhirDateTime(contact.effective, options.timeZone);
    if (!month) continue;
    const bucket = months.get(month) ?? { minutes: 0, separatelyBilledMinutes: 0, attemptMinutes: 0, contacts: 0 };
    const minutes = wholeMinutes(contact.minutes);
    const attempt = contact.outcome !== 'completed';
    if (contact.separatelyBilled) bucket.separatelyBilledMinutes += minutes;
    else if (attempt && !settings.countAttemptMinutes) bucket.attemptMinutes += minutes;
    else {
      bucket.minutes += minutes;
      bucket.contacts += 1;
    }
    months.set(month, bucket);
  }
  return [...months.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([month, b]) => ({ month, ...b }));
}

/** CoCM minutes in one month (0 when none). */
export function minutesInMonth(contacts: readonly BillableContact[], month: YearMonth, options: MinutesOptions): MonthMinutes {
  return minutesByMonth(contacts, options).find((m) => m.month === month) ?? { month, minutes: 0, separatelyBilledMinutes: 0, attemptMinutes: 0, contacts: 0 };
}
