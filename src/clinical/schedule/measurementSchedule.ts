/**
 * The measurement schedule: how often an enrolled patient is asked for a PHQ-9 and GAD-7, when
 * the next one is due, and whether it is overdue. Defaults (each a setting, per program in
 * config.json `program.measurementSchedule`, and per patient as an override): weekly in the
 * first month after enrollment (COMPASS), every 2 weeks in active treatment (IMPACT: acute
 * phase), monthly in relapse prevention (continuation). clinical-reference.md, "contact
 * cadence"; docs/clinical-rules.md. Pure: `today` comes in, no clock is read.
 */
import { addDays, daysBetween } from '../enrollment/calendar.ts';
import { DEFAULT_REGISTRY_SETTINGS, type RegistrySettings } from '../enrollment/settings.ts';
import type { EpisodePhase } from '../enrollment/types.ts';
import type { Administration } from '../read/types.ts';

export interface MeasurementScheduleSettings {
  /** Days between measurements in the first month of active treatment. */
  readonly firstMonthDays: number;
  /** How long "the first month" lasts, in days from enrollment. */
  readonly firstMonthLength: number;
  /** Days between measurements in active treatment after the first month. */
  readonly activeDays: number;
  /** Days between measurements in relapse prevention. */
  readonly relapsePreventionDays: number;
}

export const DEFAULT_MEASUREMENT_SCHEDULE: MeasurementScheduleSettings = {
  firstMonthDays: 7,
  firstMonthLength: 30,
  // The registry's scale cadence (caseload "Next scale due") is the same fact: one number.
  activeDays: DEFAULT_REGISTRY_SETTINGS.activeCadenceDays,
  relapsePreventionDays: DEFAULT_REGISTRY_SETTINGS.relapsePreventionCadenceDays,
};

/** The program's schedule: its registry cadence (`program.registry`) with `program.measurementSchedule` over it. */
export function programMeasurementSchedule(registry?: Partial<RegistrySettings>, schedule?: Partial<MeasurementScheduleSettings>): Partial<MeasurementScheduleSettings> {
  return {
    ...(registry?.activeCadenceDays !== undefined ? { activeDays: registry.activeCadenceDays } : {}),
    ...(registry?.relapsePreventionCadenceDays !== undefined ? { relapsePreventionDays: registry.relapsePreventionCadenceDays } : {}),
    ...schedule,
  };
}

/** What the schedule needs of an episode (the enrollment model's `Episode` fits). */
export interface ScheduleEpisode {
  readonly phase: EpisodePhase;
  readonly start: string;
  readonly enrolledOn: string | undefined;
  /** When the current phase began (relapse prevention counts from here). */
  readonly phaseSince?: string;
}

export interface ScheduleInput {
  /** Today in the clinic's zone, yyyy-MM-dd. */
  readonly today: string;
  readonly episode: ScheduleEpisode | undefined;
  /** Local dates (yyyy-MM-dd) of the patient's PHQ-9 / GAD-7 administrations, any order. */
  readonly measuredOn: readonly string[];
  /** The program's settings (config.json). */
  readonly program?: Partial<MeasurementScheduleSettings>;
  /** This patient's own settings, laid over the program's. */
  readonly patient?: Partial<MeasurementScheduleSettings>;
}

export type ScheduleStatus =
  /** Not enrolled, referred only, discharged or lapsed: nothing is asked of the patient. */
  | 'not-scheduled'
  | 'not-yet'
  /** Due today. */
  | 'due'
  /** Past the due date (from the day after it). */
  | 'overdue';

export interface MeasurementDue {
  readonly status: ScheduleStatus;
  /** Days between measurements now; undefined when not scheduled. */
  readonly intervalDays: number | undefined;
  /** yyyy-MM-dd; undefined when not scheduled. */
  readonly nextDue: string | undefined;
  /** Latest measurement counted (in this episode). */
  readonly lastMeasured: string | undefined;
  readonly daysOverdue: number;
  /** The due date has come (due or overdue): the patient may be asked now. */
  readonly askNow: boolean;
}

export function resolveMeasurementSchedule(program?: Partial<MeasurementScheduleSettings>, patient?: Partial<MeasurementScheduleSettings>): MeasurementScheduleSettings {
  return { ...DEFAULT_MEASUREMENT_SCHEDULE, ...program, ...patient };
}

/** The interval in force on `date` for a patient in `episode`'s phase. */
function intervalOn(date: string, episode: ScheduleEpisode, settings: MeasurementScheduleSettings): number | undefined {
  if (episode.phase === 'relapse-prevention') return settings.relapsePreventionDays;
  if (episode.phase !== 'active') return undefined;
  const enrolled = episode.enrolledOn ?? episode.start;
  const sinceEnrollment = daysBetween(enrolled, date) ?? Number.POSITIVE_INFINITY;
  return sinceEnrollment < settings.firstMonthLength ? settings.firstMonthDays : settings.activeDays;
}

const NOT_SCHEDULED: MeasurementDue = { status: 'not-scheduled', intervalDays: undefined, nextDue: undefined, lastMeasured: undefined, daysOverdue: 0, askNow: false };

export function measurementDue(input: ScheduleInput): MeasurementDue {
  const { episode, today } = input;
  if (!episode) return NOT_SCHEDULED;
  const settings = resolveMeasurementSchedule(input.program, input.patient);
  const todayInterval = intervalOn(today, episode, settings);
  if (todayInterval === undefined) return NOT_SCHEDULED;
  // Scores from the episode's start count (a baseline taken at the referral, before the
  // enrollment, is the enrollment's), as in the registry's "Next scale due".
  const inEpisode = input.measuredOn.filter((d) => d >= episode.start && d <= today).sort();
  const lastMeasured = inEpisode[inEpisode.length - 1];
  // The clock starts again at the enrollment (active) or at the start of relapse prevention.
  const anchor = episode.phase === 'relapse-prevention' ? (episode.phaseSince ?? episode.enrolledOn ?? episode.start) : (episode.enrolledOn ?? episode.start);
  const from = lastMeasured && lastMeasured > anchor ? lastMeasured : anchor;
  const nextDue = addDays(from, intervalOn(from, episode, settings) ?? todayInterval);
  const late = daysBetween(nextDue, today) ?? 0;
  const status: ScheduleStatus = late > 0 ? 'overdue' : late === 0 ? 'due' : 'not-yet';
  return { status, intervalDays: todayInterval, nextDue, lastMeasured, daysOverdue: Math.max(0, late), askNow: late >= 0 };
}

/**
 * The dates the schedule counts as measured: every PHQ-9 / GAD-7 read with a date (scored or
 * not: the patient answered). The patient app and the caseload both count with this, so the
 * patient's "due" and the caseload's "overdue" are one fact.
 */
export function measuredOnOf(administrations: readonly Administration[]): string[] {
  return administrations.filter((a) => (a.instrument === 'phq9' || a.instrument === 'gad7') && a.localDate !== undefined).map((a) => a.localDate as string);
}

/** "every week", "every 2 weeks", "every month", "every 10 days": for a patient to read. */
export function intervalWords(days: number): string {
  if (days === 7) return 'every week';
  if (days % 7 === 0) return `every ${days / 7} weeks`;
  if (days === 30 || days === 31) return 'every month';
  if (days === 1) return 'every day';
  return `every ${days} days`;
}
