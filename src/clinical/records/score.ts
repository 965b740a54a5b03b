import { INSTRUMENTS } from '../instruments/definitions.ts';
import type { InstrumentDefinition, SeverityBand } from '../instruments/types.ts';
import { screenResult, severityOf } from '../scoring/severity.ts';
import type { AdministeredInstrument, CompletedScreening } from './types.ts';

export interface InstrumentScore {
  readonly definition: InstrumentDefinition;
  readonly total: number;
  readonly severity: SeverityBand | undefined;
  readonly screen: 'positive' | 'negative' | undefined;
}

/** Every item is answered at the visit, so the total is a plain sum (never prorated here). */
export function scoreOf(administered: AdministeredInstrument): InstrumentScore {
  const definition = INSTRUMENTS[administered.instrument];
  const total = administered.scores.reduce((sum, s) => sum + s, 0);
  return { definition, total, severity: severityOf(definition, total), screen: screenResult(definition, total) };
}

/** The self-harm item's answer (PHQ-9 item 9), when that item was asked. */
export function safetyItemScore(screening: CompletedScreening): number | undefined {
  for (const a of screening.administered) {
    const itemNumber = INSTRUMENTS[a.instrument].safetyItemNumber;
    if (itemNumber !== undefined) return a.scores[itemNumber - 1];
  }
  return undefined;
}

/** `PHQ-9 total 14 of 27 (Moderate)` / `PHQ-2 total 2 of 6 (negative screen)`. */
export function scoreText(score: InstrumentScore): string {
  const { definition, total } = score;
  const about = score.severity ? score.severity.label : score.screen ? `${score.screen} screen` : undefined;
  return `${definition.name} total ${total} of ${definition.maxScore}${about ? ` (${about})` : ''}`;
}
