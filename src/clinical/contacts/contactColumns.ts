/**
 * The caseload's contact and billing columns for one patient (product.md item 6): last
 * contact, contacts this month, next contact due with overdue, this month's CoCM minutes,
 * the codes they reach and the minutes to the next code. Pure; the episode comes from the
 * row's enrollment model so grid, patient view and report agree.
 */
import type { Observation } from '@medplum/fhirtypes';
import { codesForMonth, codesLabel } from '../billing/codesForMonth.ts';
import { episodeMonthOf, type EpisodeSpan } from '../billing/episodeMonth.ts';
import { minutesInMonth } from '../billing/minutes.ts';
import type { BillingSettings, BillingSettingsOverride } from '../billing/settings.ts';
import { type CadenceEpisode, type CadenceSettings, contactCadence } from './cadence.ts';
import { readContacts } from './readContacts.ts';

export interface ContactColumns {
  readonly lastContactDate: string | undefined;
  readonly contactsThisMonth: number;
  readonly nextContactDue: string | undefined;
  readonly contactOverdue: boolean;
  readonly minutesThisMonth: number;
  /** `99492, 99494 x2`; empty below threshold or outside an episode. */
  readonly codesThisMonth: string;
  readonly minutesToNextCode: number | undefined;
  readonly nextCode: string | undefined;
}

export const EMPTY_CONTACT_COLUMNS: ContactColumns = {
  lastContactDate: undefined,
  contactsThisMonth: 0,
  nextContactDue: undefined,
  contactOverdue: false,
  minutesThisMonth: 0,
  codesThisMonth: '',
  minutesToNextCode: undefined,
  nextCode: undefined,
};

export interface ContactColumnOptions {
  /** Today in the clinic's zone, yyyy-MM-dd. */
  readonly today: string;
  readonly timeZone: string;
  readonly episode: CadenceEpisode | undefined;
  readonly episodes: readonly EpisodeSpan[];
  readonly cadence?: Partial<CadenceSettings>;
  readonly billing?: BillingSettingsOverride | BillingSettings;
}

/** Local dates of the completed contacts: CoCM services that keep an episode open. */
export function contactServiceDates(observations: readonly Observation[], timeZone: string): string[] {
  return readContacts(observations, timeZone)
    .contacts.filter((c) => !c.enteredInError && c.outcome === 'completed')
    .map((c) => c.localDate);
}

export function contactColumns(observations: readonly Observation[], options: ContactColumnOptions): ContactColumns {
  const { contacts } = readContacts(observations, options.timeZone);
  const cadence = contactCadence(contacts, { today: options.today, episode: options.episode, ...(options.cadence ? { settings: options.cadence } : {}) });
  const month = options.today.slice(0, 7);
  const minutes = minutesInMonth(contacts, month, { timeZone: options.timeZone, ...(options.billing ? { settings: options.billing } : {}) });
  const placed = episodeMonthOf(month, options.episodes);
  const codes = placed ? codesForMonth({ minutes: minutes.minutes, episodeMonth: placed.episodeMonth, ...(options.billing ? { settings: options.billing } : {}) }) : undefined;
  return {
    lastContactDate: cadence.lastContact?.localDate,
    contactsThisMonth: cadence.contactsThisMonth,
    nextContactDue: cadence.nextDue,
    contactOverdue: cadence.overdue,
    minutesThisMonth: minutes.minutes,
    codesThisMonth: codes ? codesLabel(codes.codes) : '',
    minutesToNextCode: codes?.minutesToNextCode,
    nextCode: codes?.nextCode,
  };
}
