import type { InstrumentDefinition, SeverityBand } from '../instruments/types.ts';

/**
 * The band a total falls in. Prorated totals are rounded before they get here, so bands can
 * stay integer ranges; anything outside the instrument's range has no severity (the reader
 * reports it as a problem instead of guessing).
 */
export function severityOf(instrument: InstrumentDefinition, total: number | undefined): SeverityBand | undefined {
  if (total === undefined || !Number.isFinite(total)) return undefined;
  return instrument.severityBands.find((band) => total >= band.min && total <= band.max);
}

/** Screeners (PHQ-2, GAD-2): positive means "go on to the full form". */
export function screenResult(instrument: InstrumentDefinition, total: number | undefined): 'positive' | 'negative' | undefined {
  if (!instrument.screening || total === undefined || !Number.isFinite(total)) return undefined;
  if (total < instrument.minScore || total > instrument.maxScore) return undefined;
  return total >= instrument.screening.positiveAtOrAbove ? 'positive' : 'negative';
}
