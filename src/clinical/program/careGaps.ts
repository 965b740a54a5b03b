/**
 * Care-gap work lists as of today (docs/program-measures.md, "Care gaps"): each a list of
 * patients with the reason and the date the work is due. They use the same episode days and
 * windows as the measures, so a gap closed today is a numerator counted later.
 */
import { addDays } from '../enrollment/calendar.ts';
import { addMonthsToYearMonth } from '../billing/months.ts';
import { baselineOf, dayOf, episodeBounds, episodeDay, nearestPhq9, within } from './episodeDays.ts';
import { isPositiveScreen } from './screeningMeasures.ts';
import type { ProgramMeasureSettings } from './settings.ts';
import type { ProgramEpisode, ProgramPatient } from './types.ts';

export type CareGapKind = 'no-contact-this-month' | 'phq9-overdue' | 'not-improved-no-review' | 'positive-screen' | 'remission-window';

export const CARE_GAP_TITLE: Readonly<Record<CareGapKind, string>> = {
  'no-contact-this-month': 'No contact this month',
  'phq9-overdue': 'PHQ-9 overdue',
  'not-improved-no-review': 'Not improved at 70 days, no psychiatric review since',
  'positive-screen': 'Positive screen without enrollment or follow-up',
  'remission-window': 'Remission window open without a PHQ-9',
};

export interface CareGap {
  readonly kind: CareGapKind;
  readonly patientId: string;
  readonly reason: string;
  /** yyyy-MM-dd; before today means overdue. */
  readonly due: string;
  readonly careManager: string | undefined;
}

export interface CareGapOptions {
  readonly today: string;
  readonly settings: ProgramMeasureSettings;
  /** Days between PHQ-9s by phase: the caseload's cadence (registry settings). */
  readonly scaleCadenceDays: number;
}

function openEpisode(p: ProgramPatient, today: string): { episode: ProgramEpisode; index: number } | undefined {
  const index = p.episodes.findIndex((e) => e.enrolledOn <= today && (e.end === undefined || e.end >= today));
  return index < 0 ? undefined : { episode: p.episodes[index] as ProgramEpisode, index };
}

/** One patient's open gaps as of `o.today` (in the order `careGaps` sorts). */
export function gapsOfPatient(p: ProgramPatient, o: CareGapOptions): CareGap[] {
  const { today, settings: s } = o;
  const out: CareGap[] = [];
  const open = openEpisode(p, today);
  const add = (kind: CareGapKind, reason: string, due: string) => out.push({ kind, patientId: p.id, reason, due, careManager: open?.episode.careManager });
  if (open) {
    const { episode, index } = open;
    const month = today.slice(0, 7);
    if (!p.contacts.some((c) => c.date.startsWith(month))) {
      const last = [...p.contacts].reverse().find((c) => c.date <= today);
      add('no-contact-this-month', last ? `last contact ${last.date}` : 'no contact recorded', addDays(`${addMonthsToYearMonth(month, 1)}-01`, -1));
    }
    const bounds = episodeBounds(p, index, s.baselineDaysBeforeEnrollment);
    const lastPhq9 = [...p.scores].reverse().find((x) => x.instrument === 'phq9' && within(x.date, bounds) && x.date <= today);
    const due = addDays(lastPhq9?.date ?? episode.enrolledOn, o.scaleCadenceDays);
    if (due < today) add('phq9-overdue', lastPhq9 ? `last PHQ-9 ${lastPhq9.total} on ${lastPhq9.date}` : `no PHQ-9 since enrollment on ${episode.enrolledOn}`, due);
    const baseline = baselineOf(p, index, s.baselineDaysBeforeEnrollment);
    if (baseline && baseline.total >= s.baselineAtLeast) {
      const day = episodeDay(episode, today);
      if (day >= s.improvedDay) {
        const near = nearestPhq9(p, index, s.improvedDay, s.improvedWindowFrom, s.improvedWindowTo, baseline, s.baselineDaysBeforeEnrollment);
        const improved = near !== undefined && (near.total < s.improvedBelow || near.total * 100 <= baseline.total * s.improvedAtMostPercentOfBaseline);
        const reviewed = p.reviews.some((d) => episodeDay(episode, d) >= s.reviewWindowFrom);
        if (!improved && !reviewed && day <= s.reviewWindowTo + 60) {
          add(
            'not-improved-no-review',
            near
              ? `PHQ-9 ${near.total} on ${near.date} against baseline ${baseline.total}`
              : `no PHQ-9 in days ${s.improvedWindowFrom}-${s.improvedWindowTo}, baseline ${baseline.total}`,
            dayOf(episode, s.reviewWindowTo),
          );
        }
      }
      for (const [months, target, window] of [
        [6, s.remission6Day, s.remission6WindowDays],
        [12, s.remission12Day, s.remission12WindowDays],
      ] as const) {
        const day = episodeDay(episode, today);
        if (day < target - window || day > target + window) continue;
        if (nearestPhq9(p, index, target, target - window, target + window, baseline, s.baselineDaysBeforeEnrollment)) continue;
        add('remission-window', `${months}-month window (days ${target - window}-${target + window}) open, no PHQ-9 yet`, dayOf(episode, target + window));
      }
    }
  }
  // Positive screens with neither an enrollment nor a follow-up score in the days after.
  for (const screen of p.scores) {
    if (!isPositiveScreen(screen, s) || screen.date > today || screen.date < addDays(today, -s.positiveScreenLookbackDays)) continue;
    const due = addDays(screen.date, s.positiveScreenFollowUpDays);
    const enrolled = p.episodes.some((e) => e.enrolledOn <= due && (e.end === undefined || e.end >= screen.date));
    const followed = p.scores.some((x) => x.instrument === 'phq9' && x.instant > screen.instant && x.date <= due) || p.contacts.some((c) => c.date >= screen.date && c.date <= due);
    if (enrolled || followed) continue;
    add('positive-screen', `${screen.instrument === 'phq2' ? 'PHQ-2' : 'PHQ-9'} ${screen.total} on ${screen.date}`, due);
    break;
  }
  return out;
}

/** Gaps soonest due first (then by patient; a stable sort keeps each patient's own order). */
export function sortGaps(gaps: CareGap[]): CareGap[] {
  return gaps.sort((a, b) => a.due.localeCompare(b.due) || a.patientId.localeCompare(b.patientId));
}

/** Every open gap of the readable patients, soonest due first. */
export function careGaps(patients: readonly ProgramPatient[], options: CareGapOptions): CareGap[] {
  return sortGaps(patients.filter((p) => p.recordsProblem === undefined).flatMap((p) => gapsOfPatient(p, options)));
}
