/**
 * From one patient's contact and enrollment records to what the contact log shows: the
 * contacts (newest first), the cadence summary, and this month's CoCM minutes with the codes
 * they reach and the minutes to the next code. Pure; `now` and the zone come in.
 */
import type { Observation } from '@medplum/fhirtypes';
import { codesForMonth, episodeMonthOf, localDateOfFhirDateTime, type MonthCodes, minutesInMonth, type MonthMinutes, type EpisodeMonth } from '../billing/index.ts';
import { resolveBillingSettings, type BillingSettingsOverride } from '../billing/settings.ts';
import { deriveEnrollment, type EnrollmentState, type Episode, readRegistryRecords } from '../enrollment/index.ts';
import { contactCadence, type CadenceSettings, type ContactCadence } from './cadence.ts';
import { readContacts } from './readContacts.ts';
import type { Contact } from './types.ts';

export interface ContactLogModel {
  /** Newest first, removed ones left out. */
  contacts: Contact[];
  cadence: ContactCadence;
  episode: Episode | undefined;
  month: string;
  monthMinutes: MonthMinutes;
  /** Undefined when no episode covers this month (codes are then not reported). */
  episodeMonth: EpisodeMonth | undefined;
  monthCodes: MonthCodes | undefined;
  unreadable: { reference: string; reason: string }[];
}

export interface ContactLogRules {
  cadence?: Partial<CadenceSettings>;
  billing?: BillingSettingsOverride;
  /**
   * The episodes as the registry derived them (all service dates, the program's registry
   * rules): the patient view passes them so the log and the caseload row agree.
   */
  enrollment?: Pick<EnrollmentState, 'current' | 'episodes'>;
}

export function buildContactLogModel(observations: readonly Observation[], now: Date, timeZone: string, rules: ContactLogRules = {}): ContactLogModel {
  const billing = resolveBillingSettings(rules.billing);
  const read = readContacts(observations, timeZone);
  const today = localDateOfFhirDateTime(now.toISOString(), timeZone) ?? now.toISOString().slice(0, 10);
  const registry = readRegistryRecords(observations, []);
  const live = read.contacts.filter((c) => !c.enteredInError);
  // Completed contacts are CoCM services: they keep an episode open (CPT 6-month rule).
  const serviceDates = live.filter((c) => c.outcome === 'completed').map((c) => c.localDate);
  const enrollment = rules.enrollment ?? deriveEnrollment(registry.events, { today, serviceDates });
  const month = today.slice(0, 7);
  const placed = episodeMonthOf(month, enrollment.episodes);
  const monthMinutes = minutesInMonth(read.contacts, month, { timeZone, settings: billing });
  return {
    contacts: [...live].reverse(),
    cadence: contactCadence(read.contacts, { today, episode: enrollment.current, ...(rules.cadence ? { settings: rules.cadence } : {}) }),
    episode: enrollment.current,
    month,
    monthMinutes,
    episodeMonth: placed?.episodeMonth,
    monthCodes: placed ? codesForMonth({ minutes: monthMinutes.minutes, episodeMonth: placed.episodeMonth, settings: billing }) : undefined,
    unreadable: [...read.unreadable, ...registry.unreadable],
  };
}
