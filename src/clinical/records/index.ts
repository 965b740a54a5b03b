// Pure builders of what a screening writes to the EHR: FHIR resources and the note text.
// No I/O, no clock reads (`now` comes in a RecordClock). Mapping: docs/fhir-mapping.md.
export type { AdministeredInstrument, CompletedScreening, RecordClock, RecordKind, RecordSpec } from './types.ts';
export { SCREENING_IDENTIFIER_SYSTEM, identifierQuery, recordIdentifier } from './identifiers.ts';
export {
  ADOLESCENT_DEPRESSION_SCREENING,
  ADULT_DEPRESSION_SCREENING,
  DEPRESSION_SCREEN_NEGATIVE,
  DEPRESSION_SCREEN_POSITIVE,
  SAFETY_FLAG_CATEGORY,
  SUICIDE_RISK_CODES,
  SUICIDE_RISK_CODING,
  SURVEY_CATEGORY,
} from './codes.ts';
export { scoreOf, safetyItemScore, scoreText, type InstrumentScore } from './score.ts';
export { SAFETY_FLAG_KEY, SAFETY_FLAG_SPEC, formKey, formSpec, possibleRecords, screeningRecords, totalKey, totalSpec } from './specs.ts';
export { buildQuestionnaireResponse } from './questionnaireResponse.ts';
export { buildTotalObservation } from './observation.ts';
export {
  buildScreeningResultObservation,
  depressionScreenOf,
  depressionScreenResult,
  PHQ9_SCREEN_POSITIVE_AT_OR_ABOVE,
  SCREENING_RESULT_KEY,
  SCREENING_RESULT_SPEC,
  screeningCodeFor,
} from './screeningResult.ts';
export { buildSafetyFlag, isActiveSuicideRiskFlag, safetyAnswerText } from './flag.ts';
export { buildNoteText, type NoteOptions } from './noteText.ts';
export { fhirDateTime, localDateTimeText } from './time.ts';
export { ANSWERS_MESSAGE_KEY, ANSWERS_MESSAGE_SPEC, SAFETY_MESSAGE_KEY, SAFETY_MESSAGE_SPEC } from './specs.ts';
export { buildAnswersMessage, buildSafetyMessage } from './careTeamMessage.ts';
