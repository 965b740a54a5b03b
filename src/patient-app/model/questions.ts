/**
 * The patient's questionnaire: the PHQ-9 then the GAD-7, one question per screen, in the
 * instruments' own words (they are written for patients). Pure.
 */
import { INSTRUMENTS } from '../../clinical/instruments/definitions';
import type { AnswerOption, InstrumentItem } from '../../clinical/instruments/types';
import type { CompletedScreening } from '../../clinical/records';
import type { ScreeningDraft } from '../../screening/model/draft';

export type PatientInstrument = 'phq9' | 'gad7';

export interface PatientQuestion {
  /** 0-based position in the whole questionnaire. */
  readonly index: number;
  readonly instrument: PatientInstrument;
  readonly item: InstrumentItem;
}

export const STEM = 'Over the last 2 weeks, how often have you been bothered by this?';

export const QUESTIONS: readonly PatientQuestion[] = (['phq9', 'gad7'] as const)
  .flatMap((instrument) => INSTRUMENTS[instrument].items.map((item) => ({ instrument, item })))
  .map((q, index) => ({ ...q, index }));

export const ANSWERS: readonly AnswerOption[] = INSTRUMENTS.phq9.answers;

export const SAFETY_ITEM_LOINC = INSTRUMENTS.phq9.items[8]!.loinc;

/** Index of the first GAD-7 question: once the PHQ-9 part was sent, the patient cannot go back before it. */
export const FIRST_GAD_INDEX = QUESTIONS.findIndex((q) => q.instrument === 'gad7');

export function firstUnanswered(answers: Readonly<Record<string, number>>): number {
  const i = QUESTIONS.findIndex((q) => answers[q.item.loinc] === undefined);
  return i === -1 ? QUESTIONS.length : i;
}

export function safetyPositive(answers: Readonly<Record<string, number>>): boolean {
  return (answers[SAFETY_ITEM_LOINC] ?? 0) > 0;
}

function scoresOf(instrument: PatientInstrument, answers: Readonly<Record<string, number>>): number[] | undefined {
  const scores = INSTRUMENTS[instrument].items.map((i) => answers[i.loinc]);
  return scores.every((s): s is number => s !== undefined) ? scores : undefined;
}

/**
 * The screening as far as it is complete: the PHQ-9 once its 9 answers are in, the GAD-7 once
 * its 7 are. The patient is both the source and the author of what they send.
 */
export function patientScreening(draft: ScreeningDraft, fhirUser: string, only?: PatientInstrument): CompletedScreening {
  const administered = (['phq9', 'gad7'] as const)
    .filter((i) => !only || i === only)
    .flatMap((instrument) => {
      const scores = scoresOf(instrument, draft.answers);
      return scores ? [{ instrument, scores }] : [];
    });
  return { screeningId: draft.screeningId, patientId: draft.patientId, author: fhirUser, administered };
}
