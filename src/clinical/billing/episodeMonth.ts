/**
 * Which month of its episode of care a calendar month is. The first month is the episode's
 * first calendar month (CPT: 99492), every later month of the same episode is "later" (99493),
 * whatever was or was not billed before. Months outside every episode bill nothing.
 */
import type { EpisodeMonth } from './codesForMonth.ts';
import type { YearMonth } from './months.ts';

/** An episode's dates as the enrollment model gives them: clinic dates, yyyy-MM-dd. */
export interface EpisodeSpan {
  readonly start: string;
  /** Last day; undefined while open. */
  readonly end: string | undefined;
}

export interface EpisodeMonthResult {
  readonly episodeMonth: EpisodeMonth;
  readonly episode: EpisodeSpan;
}

/**
 * The episode covering `month` and whether it is its first month. When a new episode starts in
 * the month an earlier one ended (re-enrollment), the new one wins: its first month is billed
 * as a first month.
 */
export function episodeMonthOf(month: YearMonth, episodes: readonly EpisodeSpan[]): EpisodeMonthResult | undefined {
  let found: EpisodeSpan | undefined;
  for (const episode of episodes) {
    const startMonth = episode.start.slice(0, 7);
    const endMonth = episode.end?.slice(0, 7);
    if (startMonth > month) continue;
    if (endMonth !== undefined && endMonth < month) continue;
    if (!found || episode.start > found.start) found = episode;
  }
  if (!found) return undefined;
  return { episodeMonth: found.start.slice(0, 7) === month ? 'first' : 'later', episode: found };
}
