import { INSTRUMENTS } from '../instruments/definitions.ts';
import type { InstrumentId } from '../instruments/types.ts';
import { SURVEY_CATEGORY, SUICIDE_RISK_CODING, totalCoding } from './codes.ts';
import { safetyItemScore } from './score.ts';
import { depressionScreenOf, SCREENING_RESULT_SPEC } from './screeningResult.ts';
import type { CompletedScreening, RecordSpec } from './types.ts';

export const SAFETY_FLAG_KEY = 'safety-flag';
export const SAFETY_MESSAGE_KEY = 'safety-message';
export const ANSWERS_MESSAGE_KEY = 'answers-message';

/** From a patient's own report: the urgent message for a positive item 9 (careTeamMessage.ts). */
export const SAFETY_MESSAGE_SPEC: RecordSpec = { key: SAFETY_MESSAGE_KEY, kind: 'message', resourceType: 'Communication', label: 'urgent message to the care team' };
/** The answers as text, where the EHR takes no forms from the app. */
export const ANSWERS_MESSAGE_SPEC: RecordSpec = { key: ANSWERS_MESSAGE_KEY, kind: 'message', resourceType: 'Communication', label: 'answers sent to the care team as a message' };

export function formKey(instrument: InstrumentId): string {
  return `${instrument}-response`;
}

export function totalKey(instrument: InstrumentId): string {
  return `${instrument}-total`;
}

export function formSpec(instrument: InstrumentId, label = `${INSTRUMENTS[instrument].name} answers (form)`): RecordSpec {
  return { key: formKey(instrument), kind: 'form', resourceType: 'QuestionnaireResponse', instrument, label };
}

/** Undefined when LOINC has no verified total code (GAD-2): its score stays in the form. */
export function totalSpec(instrument: InstrumentId): RecordSpec | undefined {
  const code = INSTRUMENTS[instrument].totalCode;
  if (!code) return undefined;
  return {
    key: totalKey(instrument),
    kind: 'score',
    resourceType: 'Observation',
    instrument,
    label: `${INSTRUMENTS[instrument].name} total score`,
    categories: [SURVEY_CATEGORY],
    codes: [totalCoding(instrument, code)],
  };
}

export const SAFETY_FLAG_SPEC: RecordSpec = {
  key: SAFETY_FLAG_KEY,
  kind: 'flag',
  resourceType: 'Flag',
  label: 'suicide-risk safety flag',
  codes: [SUICIDE_RISK_CODING],
};

/** What this screening will produce, in writing order (forms first: scores derive from them). */
export function screeningRecords(screening: CompletedScreening): RecordSpec[] {
  const specs: RecordSpec[] = [];
  for (const a of screening.administered) specs.push(formSpec(a.instrument));
  for (const a of screening.administered) {
    const total = totalSpec(a.instrument);
    if (total) specs.push(total);
  }
  // CMS2's result, for a PHQ; the save checks the patient's age (CMS2 counts 12 and older).
  if (depressionScreenOf(screening)) specs.push(SCREENING_RESULT_SPEC);
  if ((safetyItemScore(screening) ?? 0) > 0) specs.push(SAFETY_FLAG_SPEC);
  return specs;
}

/**
 * Everything a screening might produce, before anything is answered: the notice at the
 * start of the screening weighs these, so the user knows what cannot be saved before typing.
 */
export function possibleRecords(): RecordSpec[] {
  return [
    formSpec('phq9', 'depression answers (PHQ-2/PHQ-9 form)'),
    formSpec('gad7', 'anxiety answers (GAD-2/GAD-7 form)'),
    ...(['phq2', 'phq9', 'gad7'] as const).map((i) => totalSpec(i)).filter((s): s is RecordSpec => s !== undefined),
    SCREENING_RESULT_SPEC,
    SAFETY_FLAG_SPEC,
  ];
}
