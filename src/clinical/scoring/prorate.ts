/**
 * Prorated total: the mean of the answered items times the item count, rounded half up.
 * No validated standard exists for PHQ-9/GAD-7 missing items; this is the registry default
 * (clinical-reference.md), limited by settings.maxMissingItems. It never treats a missing item
 * as 0, which is what LHC-Forms' calculated total does.
 */
export function proratedTotal(answeredScores: readonly number[], itemCount: number): number | undefined {
  if (answeredScores.length === 0 || itemCount <= 0) return undefined;
  const sum = answeredScores.reduce((a, b) => a + b, 0);
  return Math.round((sum / answeredScores.length) * itemCount);
}

/** Whether a form with `missing` of its items unanswered may still be scored by proration. */
export function mayProrate(missing: number, maxMissing: number): boolean {
  return missing > 0 && missing <= maxMissing;
}
