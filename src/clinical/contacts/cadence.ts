/**
 * Contact cadence: the last contact, contacts this month, when the next contact is due by the
 * phase of the episode, and whether it is overdue (clinical-reference.md, "contact cadence"
 * and "first follow-up"). Only completed contacts meet the cadence: a no-show or an
 * unanswered attempt is logged but the patient still needs the contact.
 */
import { addDays } from '../enrollment/calendar.ts';
import type { EpisodePhase } from '../enrollment/types.ts';
import type { Contact } from './types.ts';

export interface CadenceSettings {
  /** Active treatment: days between contacts (IMPACT: about every 2 weeks). */
  readonly activeDays: number;
  /** COMPASS: weekly contacts in the first month of active treatment. Off by default. */
  readonly weeklyInFirstMonth: boolean;
  readonly firstMonthDays: number;
  /** Relapse prevention (continuation): about monthly. */
  readonly relapsePreventionDays: number;
  /** Referred, no contact yet: the initial assessment is due this many days after the referral. */
  readonly initialAssessmentDays: number;
  /** The first follow-up is due within this many days of the initial assessment (Washington State study). */
  readonly firstFollowUpDays: number;
}

export const DEFAULT_CADENCE_SETTINGS: CadenceSettings = {
  activeDays: 14,
  weeklyInFirstMonth: false,
  firstMonthDays: 7,
  relapsePreventionDays: 30,
  initialAssessmentDays: 14,
  firstFollowUpDays: 28,
};

/** What cadence needs of an episode (the enrollment model's `Episode` fits). */
export interface CadenceEpisode {
  readonly phase: EpisodePhase;
  readonly start: string;
  readonly enrolledOn: string | undefined;
}

export interface CadenceOptions {
  /** Today in the clinic's zone, yyyy-MM-dd: the model reads no clock. */
  readonly today: string;
  readonly episode: CadenceEpisode | undefined;
  readonly settings?: Partial<CadenceSettings>;
}

export interface ContactCadence {
  /** Latest completed contact (any date), or undefined. */
  readonly lastContact: Contact | undefined;
  /** Latest contact of any outcome, so a run of no-shows shows. */
  readonly lastAttempt: Contact | undefined;
  /** Completed contacts in today's clinic month. */
  readonly contactsThisMonth: number;
  /** No-shows and attempts in today's clinic month. */
  readonly attemptsThisMonth: number;
  /** yyyy-MM-dd; undefined when no contact is due (not enrolled, discharged, lapsed). */
  readonly nextDue: string | undefined;
  /** Past the due date (the day after it). */
  readonly overdue: boolean;
  /** Days past the due date (0 when not overdue). */
  readonly daysOverdue: number;
}

function daysFrom(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function nextDueDate(episode: CadenceEpisode, contacts: readonly Contact[], settings: CadenceSettings): string | undefined {
  const inEpisode = contacts.filter((c) => c.localDate >= episode.start);
  const last = inEpisode[inEpisode.length - 1];
  switch (episode.phase) {
    case 'referred':
      return last ? addDays(last.localDate, settings.firstFollowUpDays) : addDays(episode.start, settings.initialAssessmentDays);
    case 'active': {
      const enrolled = episode.enrolledOn ?? episode.start;
      const inFirstMonth = (date: string) => settings.weeklyInFirstMonth && daysFrom(enrolled, date) < 30;
      if (!last) return addDays(enrolled, inFirstMonth(enrolled) ? settings.firstMonthDays : settings.activeDays);
      let due = addDays(last.localDate, inFirstMonth(last.localDate) ? settings.firstMonthDays : settings.activeDays);
      // The first follow-up: within N days of the initial assessment, if the cadence is looser.
      const assessments = inEpisode.filter((c) => c.type === 'initial-assessment');
      const assessment = assessments[assessments.length - 1];
      if (assessment && last === assessment) {
        const firstFollowUp = addDays(assessment.localDate, settings.firstFollowUpDays);
        if (firstFollowUp < due) due = firstFollowUp;
      }
      return due;
    }
    case 'relapse-prevention':
      return addDays(last?.localDate ?? episode.start, settings.relapsePreventionDays);
    default:
      return undefined;
  }
}

export function contactCadence(all: readonly Contact[], options: CadenceOptions): ContactCadence {
  const settings = { ...DEFAULT_CADENCE_SETTINGS, ...options.settings };
  const live = all.filter((c) => !c.enteredInError).sort((a, b) => a.instant - b.instant);
  const completed = live.filter((c) => c.outcome === 'completed');
  const month = options.today.slice(0, 7);
  const thisMonth = live.filter((c) => c.localDate.slice(0, 7) === month);
  const nextDue = options.episode ? nextDueDate(options.episode, completed, settings) : undefined;
  const daysOverdue = nextDue && options.today > nextDue ? daysFrom(nextDue, options.today) : 0;
  return {
    lastContact: completed[completed.length - 1],
    lastAttempt: live[live.length - 1],
    contactsThisMonth: thisMonth.filter((c) => c.outcome === 'completed').length,
    attemptsThisMonth: thisMonth.filter((c) => c.outcome !== 'completed').length,
    nextDue,
    overdue: daysOverdue > 0,
    daysOverdue,
  };
}
