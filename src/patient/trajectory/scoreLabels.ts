/**
 * How one administration reads in a table cell, a tooltip or a note: the same words
 * everywhere, so the chart, its table twin and the details never disagree.
 */
import type { Administration } from '../../clinical';
import { getInstrument } from '../../clinical';

export function answeredCount(administration: Administration): number {
  return administration.items.filter((item) => !item.missing).length;
}

/** "14", "14 (prorated)", "14 (preliminary)", "Incomplete: 5 of 9 items answered". */
export function scoreLabel(administration: Administration): string {
  if (administration.completeness === 'incomplete' || administration.total === undefined) {
    const count = getInstrument(administration.instrument).items.length;
    return administration.hasItemAnswers ? `Incomplete: ${answeredCount(administration)} of ${count} items answered` : 'No score recorded';
  }
  const marks = [administration.completeness === 'prorated' ? 'prorated' : undefined, administration.status === 'preliminary' ? 'preliminary' : undefined].filter(Boolean);
  return marks.length ? `${administration.total} (${marks.join(', ')})` : String(administration.total);
}

export function severityLabel(administration: Administration): string {
  if (administration.completeness === 'incomplete' || administration.total === undefined) return 'Not scored';
  return administration.severity?.label ?? (administration.screen ? `Screen ${administration.screen}` : 'Not rated');
}

export function dateLabel(administration: Administration): string {
  return administration.localDate ?? 'Date not recorded';
}
