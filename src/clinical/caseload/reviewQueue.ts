/**
 * The weekly psychiatric case review, ranked (clinical-reference.md; AIMS systematic case
 * review): safety findings first, then patients new to the program (enrolled in the last
 * 4 weeks) without a review yet, then patients not improving at >= 10 weeks without a review
 * in the last 4 weeks, then patients flagged for discussion. A review answers every trigger
 * older than it, so a reviewed patient leaves the queue and comes back only on a new one: a
 * safety finding dated after the review, still not improving 4 weeks after it, flagged again.
 * A patient appears once, under the first reason that applies, with every reason listed.
 * Only open episodes are reviewed.
 */
import { addDays } from '../enrollment/calendar.ts';
import { isOpenPhase } from '../enrollment/episodes.ts';
import { resolveRegistrySettings, type RegistrySettings } from '../enrollment/settings.ts';
import type { CaseloadRow } from './types.ts';

export type ReviewReason = 'safety' | 'new' | 'not-improving' | 'flagged';

export const REVIEW_REASON_ORDER: readonly ReviewReason[] = ['safety', 'new', 'not-improving', 'flagged'];

export const REVIEW_REASON_LABEL: Readonly<Record<ReviewReason, string>> = {
  safety: 'Safety finding',
  new: 'New to the program',
  'not-improving': 'Not improving',
  flagged: 'Flagged for discussion',
};

export interface ReviewQueueEntry {
  readonly row: CaseloadRow;
  /** The reason that places the patient (the first of `reasons`). */
  readonly rank: ReviewReason;
  readonly reasons: readonly ReviewReason[];
}

export interface ReviewQueueOptions {
  /** Today in the clinic's zone, yyyy-MM-dd. */
  readonly today: string;
  readonly settings?: Partial<RegistrySettings>;
}

export function reviewReasons(row: CaseloadRow, options: ReviewQueueOptions): ReviewReason[] {
  if (row.phase === 'not-enrolled' || !isOpenPhase(row.phase) || row.load === 'failed' || row.load === 'loading') return [];
  const settings = resolveRegistrySettings(options.settings);
  const recentSince = addDays(options.today, -7 * settings.reviewRecencyWeeks);
  const reasons: ReviewReason[] = [];
  const last = row.lastReviewDate;
  // A finding on the day of the review or before it was in front of the consultant.
  if (row.safety && (last === undefined || row.safetyDate === undefined || row.safetyDate > last)) reasons.push('safety');
  const newSince = addDays(options.today, -7 * settings.newPatientWeeks);
  if (row.phase === 'active' && !row.reviewedThisEpisode && row.enrolledOn !== undefined && row.enrolledOn >= newSince) reasons.push('new');
  // `notImproving` already means >= 10 weeks in treatment without a response.
  if (row.notImproving && (last === undefined || last < recentSince)) reasons.push('not-improving');
  if (row.flaggedForReview) reasons.push('flagged');
  return reasons;
}

function compareStrings(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

/** Order inside one reason: the most urgent or longest-waiting first, then by name. */
function withinReason(reason: ReviewReason, a: CaseloadRow, b: CaseloadRow): number {
  switch (reason) {
    case 'safety':
      return compareStrings(b.safetyDate, a.safetyDate) || 0;
    case 'new':
      return compareStrings(a.enrolledOn, b.enrolledOn);
    case 'not-improving':
      return (b.weeksInTreatment ?? 0) - (a.weeksInTreatment ?? 0);
    case 'flagged':
      return compareStrings(a.reviewFlagSince, b.reviewFlagSince);
  }
}

export function rankReviewQueue(rows: Iterable<CaseloadRow>, options: ReviewQueueOptions): ReviewQueueEntry[] {
  const entries: ReviewQueueEntry[] = [];
  for (const row of rows) {
    const reasons = reviewReasons(row, options);
    const rank = reasons[0];
    if (rank) entries.push({ row, rank, reasons });
  }
  return entries.sort(
    (x, y) =>
      REVIEW_REASON_ORDER.indexOf(x.rank) - REVIEW_REASON_ORDER.indexOf(y.rank) ||
      withinReason(x.rank, x.row, y.row) ||
      x.row.name.localeCompare(y.row.name) ||
      compareStrings(x.row.id, y.row.id),
  );
}
