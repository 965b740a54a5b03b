/**
 * Episodes of care from enrollment events (clinical-reference.md, "episode of care"): an
 * episode starts at the PCP's referral (or the enrollment when no referral was recorded) and
 * ends at a discharge, or after `episodeGapMonths` consecutive months without CoCM services.
 * A referral or enrollment after an ended episode starts a new one (re-enrollment).
 */
import { addMonths, maxDate } from './calendar.ts';
import { EVENT_DISPLAY } from './codes.ts';
import { resolveRegistrySettings, type RegistrySettings } from './settings.ts';
import type { EnrollmentEvent, EnrollmentState, Episode, EpisodePhase } from './types.ts';

export interface EpisodeOptions {
  /** Today in the clinic's zone (yyyy-MM-dd): the model reads no clock. */
  readonly today: string;
  /**
   * Dates of CoCM services other than enrollment events (scores, reviews, and contacts once
   * they are logged): they keep an episode open.
   */
  readonly serviceDates?: readonly string[];
  readonly settings?: Partial<RegistrySettings>;
}

interface Draft {
  start: string;
  referredOn: string | undefined;
  enrolledOn: string | undefined;
  phase: EpisodePhase;
  phaseSince: string;
  careManager: string | undefined;
  pcp: string | undefined;
  relapsePreventionPlanDate: string | undefined;
  end: string | undefined;
  dischargeReason: Episode['dischargeReason'];
  lastServiceDate: string;
  events: EnrollmentEvent[];
}

const OPEN_PHASES: ReadonlySet<EpisodePhase> = new Set(['referred', 'active', 'relapse-prevention']);

export function isOpenPhase(phase: EpisodePhase): boolean {
  return OPEN_PHASES.has(phase);
}

export function deriveEnrollment(events: readonly EnrollmentEvent[], options: EpisodeOptions): EnrollmentState {
  const settings = resolveRegistrySettings(options.settings);
  const services = [...(options.serviceDates ?? [])].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  const episodes: Draft[] = [];
  const problems: string[] = [];
  let open: Draft | undefined;

  /** The latest service in [from, until]: events of the episode and the other services. */
  const lastServiceUpTo = (episode: Draft, until: string): string => {
    let last = episode.lastServiceDate;
    for (const d of services) if (d >= episode.start && d <= until) last = maxDate(last, d) ?? last;
    return last;
  };

  /** Ends `open` by the gap rule when `until` is past its last service plus the gap. */
  const lapseIfGap = (until: string): void => {
    if (!open) return;
    const last = lastServiceUpTo(open, until);
    open.lastServiceDate = last;
    const lapsesOn = addMonths(last, settings.episodeGapMonths);
    if (until > lapsesOn) {
      open.phase = 'inactive';
      open.phaseSince = lapsesOn;
      open.end = lapsesOn;
      open = undefined;
    }
  };

  for (const event of [...events].sort((a, b) => a.instant - b.instant || a.date.localeCompare(b.date))) {
    lapseIfGap(event.date);
    const starts = event.kind === 'referred' || event.kind === 'enrolled';
    if (!open) {
      if (!starts) {
        const last = episodes[episodes.length - 1];
        if (event.kind === 'discharged' && last && last.phase === 'inactive') {
          // Recording the discharge of a lapsed episode (typically "lost to follow-up").
          last.phase = 'discharged';
          last.dischargeReason = event.dischargeReason;
          last.events.push(event);
          continue;
        }
        problems.push(`${EVENT_DISPLAY[event.kind]} on ${event.date} comes when no episode is open; re-enroll the patient first`);
        continue;
      }
      open = {
        start: event.date,
        referredOn: event.kind === 'referred' ? event.date : undefined,
        enrolledOn: event.kind === 'enrolled' ? event.date : undefined,
        phase: event.kind === 'referred' ? 'referred' : 'active',
        phaseSince: event.date,
        careManager: event.careManager,
        pcp: event.pcp,
        relapsePreventionPlanDate: undefined,
        end: undefined,
        dischargeReason: undefined,
        lastServiceDate: event.date,
        events: [event],
      };
      episodes.push(open);
      continue;
    }
    open.events.push(event);
    open.lastServiceDate = maxDate(open.lastServiceDate, event.date) ?? event.date;
    open.careManager = event.careManager ?? open.careManager;
    open.pcp = event.pcp ?? open.pcp;
    switch (event.kind) {
      case 'referred':
        // A second referral while the episode is open changes nothing but the team.
        break;
      case 'enrolled':
        if (open.enrolledOn === undefined) open.enrolledOn = event.date;
        if (open.phase === 'referred') setPhase(open, 'active', event.date);
        break;
      case 'active-treatment':
        open.enrolledOn ??= event.date;
        setPhase(open, 'active', event.date);
        break;
      case 'relapse-prevention':
        open.enrolledOn ??= event.date;
        setPhase(open, 'relapse-prevention', event.date);
        open.relapsePreventionPlanDate = event.planDate ?? event.date;
        break;
      case 'discharged':
        setPhase(open, 'discharged', event.date);
        open.end = event.date;
        open.dischargeReason = event.dischargeReason;
        if (!event.dischargeReason) problems.push(`the discharge on ${event.date} gives no reason`);
        open = undefined;
        break;
    }
  }
  lapseIfGap(options.today);
  const current = episodes[episodes.length - 1];
  return { episodes, current, open: current !== undefined && isOpenPhase(current.phase), problems };
}

function setPhase(episode: Draft, phase: EpisodePhase, since: string): void {
  if (episode.phase !== phase) {
    episode.phase = phase;
    episode.phaseSince = since;
  }
}

/** Words for a phase, for the grid and the patient view. */
export function phaseLabel(phase: EpisodePhase | undefined): string {
  switch (phase) {
    case 'referred':
      return 'Referred';
    case 'active':
      return 'Active treatment';
    case 'relapse-prevention':
      return 'Relapse prevention';
    case 'discharged':
      return 'Discharged';
    case 'inactive':
      return 'Inactive (6 months without services)';
    default:
      return 'Not enrolled';
  }
}

/** The date the course of treatment counts from: the enrollment, else the referral. */
export function treatmentStart(episode: Episode | undefined): string | undefined {
  return episode ? (episode.enrolledOn ?? episode.start) : undefined;
}
