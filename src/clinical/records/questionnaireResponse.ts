import type { QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { INSTRUMENTS, LOINC_SYSTEM, PHQ9_DIFFICULTY } from '../instruments/definitions.ts';
import { questionnaireFor } from '../instruments/questionnaires.ts';
import { recordIdentifier } from './identifiers.ts';
import { encounterReference, patientReference, userReference } from './references.ts';
import { scoreOf } from './score.ts';
import { formKey } from './specs.ts';
import { fhirDateTime } from './time.ts';
import type { AdministeredInstrument, CompletedScreening, RecordClock } from './types.ts';

const AUTHOR_TYPES = ['Practitioner', 'PractitionerRole', 'Patient', 'RelatedPerson', 'Organization', 'Device'];

function answerItem(q: QuestionnaireItem, administered: AdministeredInstrument, total: number): QuestionnaireResponseItem | undefined {
  const definition = INSTRUMENTS[administered.instrument];
  const base = { linkId: q.linkId ?? '', ...(q.text ? { text: q.text } : {}) };
  const item = definition.items.find((i) => i.loinc === q.linkId);
  if (item) {
    const score = administered.scores[item.number - 1];
    const answer = definition.answers.find((a) => a.score === score);
    if (!answer) return undefined;
    return { ...base, answer: [{ valueCoding: { system: LOINC_SYSTEM, code: answer.code, display: answer.display } }] };
  }
  if (q.linkId === definition.totalCode) return { ...base, answer: [{ valueInteger: total }] };
  if (q.linkId === PHQ9_DIFFICULTY.loinc && administered.difficulty) {
    const answer = PHQ9_DIFFICULTY.answers.find((a) => a.code === administered.difficulty);
    return answer ? { ...base, answer: [{ valueCoding: { system: LOINC_SYSTEM, code: answer.code, display: answer.display } }] } : undefined;
  }
  return undefined;
}

/**
 * The form as answered (US Core QuestionnaireResponse): the app's own Questionnaire, whose
 * linkIds are the LOINC item codes, so any reader finds the items by code. The source is the
 * patient (who answered); the author is the signed-in user (who recorded).
 */
export function buildQuestionnaireResponse(screening: CompletedScreening, administered: AdministeredInstrument, clock: RecordClock): QuestionnaireResponse {
  const definition = INSTRUMENTS[administered.instrument];
  const { total } = scoreOf(administered);
  const items = (questionnaireFor(administered.instrument).item ?? [])
    .map((q) => answerItem(q, administered, total))
    .filter((i): i is QuestionnaireResponseItem => i !== undefined);
  const encounter = encounterReference(screening.encounterId);
  const author = userReference<NonNullable<QuestionnaireResponse['author']>>(screening.author, AUTHOR_TYPES);
  return {
    resourceType: 'QuestionnaireResponse',
    identifier: recordIdentifier(screening.screeningId, formKey(administered.instrument)),
    questionnaire: definition.canonical,
    status: 'completed',
    subject: patientReference(screening.patientId),
    ...(encounter ? { encounter } : {}),
    authored: fhirDateTime(clock.now, clock.utcOffsetMinutes),
    ...(author ? { author } : {}),
    source: patientReference(screening.patientId),
    item: items,
  };
}
