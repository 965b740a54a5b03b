/**
 * Care gaps the two eCQMs know ahead of time, from the engine's own results (never a
 * re-statement of the logic): who is in the denominator, not excluded, and not (yet) met.
 * - CMS159: the assessment window (index PHQ-9 + 12 months +/- 60 days, the measure's
 *   "Measure Assessment Period") is open, or opens within 60 days, and no PHQ-9 is in it yet
 *   (the measure's Numerator has no value until one is).
 * - CMS2: the most recent screening before a qualifying visit was positive and no follow-up
 *   the measure recognises (referral, antidepressant order, follow-up procedure) was recorded
 *   within 2 days.
 * Pure: `today` is the clinic's date.
 */
import { addDays } from '../../clinical/enrollment/calendar';
import type { FactValue, PatientResult } from './engine';
import type { MeasureId } from './measures';
import { landingOf } from './summary';

export type MeasureGapKind = 'cms159-window' | 'cms2-follow-up';

export const MEASURE_GAP_TITLE: Readonly<Record<MeasureGapKind, string>> = {
  'cms159-window': 'CMS159: PHQ-9 due in the 12-month assessment window',
  'cms2-follow-up': 'CMS2: positive screen without a follow-up the measure counts',
};

/** How far ahead an assessment window that has not opened yet is listed. */
export const WINDOW_LOOKAHEAD_DAYS = 60;

export interface MeasureGap {
  readonly kind: MeasureGapKind;
  readonly patientId: string;
  readonly reason: string;
  /** yyyy-MM-dd: the last day the gap can still be closed for the measure. */
  readonly due: string;
}

function isWindow(value: FactValue | undefined): value is { start: string; end: string } {
  return typeof value === 'object' && value !== null;
}

function windowGap(r: PatientResult, today: string): MeasureGap | undefined {
  const window = r.facts?.['Measure Assessment Period'];
  if (!isWindow(window) || landingOf(r.populations) !== 'denominator' || r.facts?.Numerator !== null) return undefined;
  if (window.end < today || window.start > addDays(today, WINDOW_LOOKAHEAD_DAYS)) return undefined;
  const index = r.facts?.['Index Depression Assessment'];
  const opens = window.start > today ? `opens ${window.start}` : `open since ${window.start}`;
  return {
    kind: 'cms159-window',
    patientId: r.patientId,
    reason: `Index PHQ-9 over 9 on ${typeof index === 'string' ? index : 'the index date'}; window ${window.start} to ${window.end} (${opens}), no PHQ-9 in it yet`,
    due: window.end,
  };
}

function followUpGap(r: PatientResult): MeasureGap | undefined {
  if (landingOf(r.populations) !== 'denominator' || !r.facts) return undefined;
  const screens = [
    { on: r.facts['Most Recent Adult Depression Screening'], negative: r.facts['Has Most Recent Adult Screening Negative'] },
    { on: r.facts['Most Recent Adolescent Depression Screening'], negative: r.facts['Has Most Recent Adolescent Screening Negative'] },
  ];
  const positive = screens.find((s) => typeof s.on === 'string' && s.negative === false);
  if (!positive || typeof positive.on !== 'string') return undefined;
  return {
    kind: 'cms2-follow-up',
    patientId: r.patientId,
    reason: `Positive depression screen on ${positive.on}; no referral, antidepressant order or follow-up procedure within 2 days of the visit`,
    due: addDays(positive.on, 2),
  };
}

export function measureGaps(results: Readonly<Partial<Record<MeasureId, readonly PatientResult[]>>>, today: string): MeasureGap[] {
  const gaps: MeasureGap[] = [];
  for (const r of results.CMS159 ?? []) {
    const g = windowGap(r, today);
    if (g) gaps.push(g);
  }
  for (const r of results.CMS2 ?? []) {
    const g = followUpGap(r);
    if (g) gaps.push(g);
  }
  return gaps.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}
