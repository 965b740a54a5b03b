/** Day arithmetic of an episode: day N is the enrollment date plus N days (clinic calendar). */
import { addDays, daysBetween } from '../enrollment/calendar.ts';
import type { Period, ProgramEpisode, ProgramPatient, ProgramScore } from './types.ts';

export function dayOf(episode: ProgramEpisode, n: number): string {
  return addDays(episode.enrolledOn, n);
}

/** The episode day of a date (negative before enrollment). */
export function episodeDay(episode: ProgramEpisode, date: string): number {
  return daysBetween(episode.enrolledOn, date) ?? Number.NaN;
}

export function inPeriod(date: string, period: Period): boolean {
  return date >= period.start && date <= period.end;
}

/** Enrolled on a date: from the enrollment through the last enrolled day, inclusive. */
export function enrolledOn(episode: ProgramEpisode, date: string): boolean {
  return episode.enrolledOn <= date && (episode.end === undefined || date <= episode.end);
}

/**
 * The dates that belong to an episode's measurement: from the baseline window before
 * enrollment (but after the previous episode ended) to the day before the next episode's
 * baseline window. Scores after a discharge still count for the episode's milestones (a
 * remission PHQ-9 taken after a successful discharge is still a remission).
 */
export function episodeBounds(patient: ProgramPatient, index: number, baselineDaysBefore: number): { from: string; until: string | undefined } {
  const episode = patient.episodes[index] as ProgramEpisode;
  const previous = patient.episodes[index - 1];
  const next = patient.episodes[index + 1];
  let from = addDays(episode.enrolledOn, -baselineDaysBefore);
  if (previous?.end !== undefined && from <= previous.end) from = addDays(previous.end, 1);
  const until = next ? addDays(next.enrolledOn, -baselineDaysBefore - 1) : undefined;
  return { from, until };
}

export function within(date: string, bounds: { from: string; until: string | undefined }): boolean {
  return date >= bounds.from && (bounds.until === undefined || date <= bounds.until);
}

/** The episode's baseline PHQ-9: the first one in its bounds. */
export function baselineOf(patient: ProgramPatient, index: number, baselineDaysBefore: number): ProgramScore | undefined {
  const bounds = episodeBounds(patient, index, baselineDaysBefore);
  return patient.scores.find((s) => s.instrument === 'phq9' && within(s.date, bounds));
}

/**
 * The PHQ-9 nearest a target day within [from, to] episode days, the baseline itself left
 * out. Ties (equally near before and after, or two on one day) go to the later administration.
 */
export function nearestPhq9(
  patient: ProgramPatient,
  index: number,
  target: number,
  from: number,
  to: number,
  baseline: ProgramScore,
  baselineDaysBefore: number,
): ProgramScore | undefined {
  const episode = patient.episodes[index] as ProgramEpisode;
  const bounds = episodeBounds(patient, index, baselineDaysBefore);
  let best: { score: ProgramScore; distance: number; day: number } | undefined;
  for (const score of patient.scores) {
    if (score.instrument !== 'phq9' || score === baseline || !within(score.date, bounds)) continue;
    const day = episodeDay(episode, score.date);
    if (day < from || day > to) continue;
    const distance = Math.abs(day - target);
    const later = best !== undefined && (day > best.day || (day === best.day && score.instant >= best.score.instant));
    if (best === undefined || distance < best.distance || (distance === best.distance && later)) best = { score, distance, day };
  }
  return best?.score;
}
