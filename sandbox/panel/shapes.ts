import type { Observation, Questionnaire, QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { FREQUENCY_ANSWERS, LOINC_SYSTEM, ORDINAL_VALUE_URL, type InstrumentDefinition } from '../../src/clinical/index.ts';

/**
 * The forms in which EHRs keep a PHQ-9 or GAD-7 (clinical-reference.md, "Questionnaire
 * canonicals seen in the wild"). The panel spreads patients over all of them so the app's
 * readers meet each one.
 */
export type QrShape = 'loinc' | 'us-core-ordinal' | 'lhc-nested' | 'versioned' | 'integer' | 'local-stored' | 'local-contained';
export type ObsValueShape = 'valueQuantity' | 'valueInteger' | 'valueString';

export const QR_SHAPES: readonly QrShape[] = ['loinc', 'us-core-ordinal', 'lhc-nested', 'versioned', 'integer', 'local-stored', 'local-contained'];

export const US_CORE_PHQ9 = 'http://hl7.org/fhir/us/core/Questionnaire/phq-9-example';
const LOCAL_BASE = 'http://sandbox.cocm.example/fhir/Questionnaire';
const LOCAL_FREQUENCY_SYSTEM = 'http://sandbox.cocm.example/CodeSystem/frequency';
const LOCAL_CODES = ['never', 'several', 'more-than-half', 'nearly-every'] as const;
export const SURVEY_CATEGORY = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] };

export interface Administration {
  id: string;
  instrument: InstrumentDefinition;
  patient: string;
  author: string;
  /** ISO dateTime with the clinic's offset. */
  when: string;
  /** Item scores; undefined = item left unanswered. */
  items: (number | undefined)[];
  total: number;
}

/** The local clinic forms: linkIds that mean nothing; meaning lives in item.code and answerOption. */
export function localQuestionnaire(def: InstrumentDefinition): Questionnaire {
  const prefix = def.id === 'phq9' ? 'q' : 'a';
  return {
    resourceType: 'Questionnaire',
    id: `clinic-${def.id}`,
    url: `${LOCAL_BASE}/clinic-${def.id}`,
    version: '3',
    name: `Clinic${def.name.replace('-', '')}`,
    title: `${def.name} (clinic form, v3)`,
    status: 'active',
    subjectType: ['Patient'],
    ...(def.panelCode ? { code: [{ system: LOINC_SYSTEM, code: def.panelCode }] } : {}),
    item: def.items.map((it) => ({
      linkId: `${prefix}${it.number}`,
      code: [{ system: LOINC_SYSTEM, code: it.loinc }],
      text: it.text,
      type: 'choice',
      answerOption: FREQUENCY_ANSWERS.map((a, i) => ({
        valueCoding: { system: LOCAL_FREQUENCY_SYSTEM, code: LOCAL_CODES[i], display: a.display },
        extension: [{ url: ORDINAL_VALUE_URL, valueDecimal: a.score }],
      })),
    })),
  };
}

function laCoding(score: number, withDisplay = true): QuestionnaireResponseItemAnswer {
  const a = FREQUENCY_ANSWERS[score];
  if (!a) throw new Error(`no answer for score ${score}`);
  return { valueCoding: { system: LOINC_SYSTEM, code: a.code, ...(withDisplay ? { display: a.display } : {}) } };
}

function answerFor(shape: QrShape, score: number): QuestionnaireResponseItemAnswer {
  switch (shape) {
    case 'us-core-ordinal': {
      const a = laCoding(score);
      return { valueCoding: { ...a.valueCoding, extension: [{ url: ORDINAL_VALUE_URL, valueDecimal: score }] } };
    }
    case 'versioned':
      return laCoding(score, false);
    case 'integer':
      return { valueInteger: score };
    case 'local-stored':
      return { valueCoding: { system: LOCAL_FREQUENCY_SYSTEM, code: LOCAL_CODES[score], display: FREQUENCY_ANSWERS[score]?.display } };
    case 'local-contained':
      return { valueString: String(score) };
    default:
      return laCoding(score);
  }
}

function linkIdFor(shape: QrShape, def: InstrumentDefinition, loinc: string, number: number): string {
  switch (shape) {
    case 'us-core-ordinal':
      return `/${loinc}`;
    case 'lhc-nested':
      return `/${def.panelCode}/${loinc}`;
    case 'local-stored':
      return `${def.id === 'phq9' ? 'q' : 'a'}${number}`;
    case 'local-contained':
      return `item-${number}`;
    default:
      return loinc;
  }
}

function canonicalFor(shape: QrShape, def: InstrumentDefinition): string {
  switch (shape) {
    case 'us-core-ordinal':
      return US_CORE_PHQ9;
    case 'versioned':
      return `${def.canonical}|2.0`;
    case 'local-stored':
      return `${LOCAL_BASE}/clinic-${def.id}|3`;
    case 'local-contained':
      return '#form';
    default:
      return def.canonical;
  }
}

/** A QuestionnaireResponse of one administration in the given shape. */
export function buildQuestionnaireResponse(
  a: Administration,
  shape: QrShape,
  options: { withTotalItem: boolean; status?: QuestionnaireResponse['status'] },
): QuestionnaireResponse {
  const def = a.instrument;
  const answered: QuestionnaireResponseItem[] = [];
  def.items.forEach((it, i) => {
    const score = a.items[i];
    const base = { linkId: linkIdFor(shape, def, it.loinc, it.number), text: it.text };
    // An unanswered item is absent or has no answer, as real forms store it.
    answered.push(score === undefined ? base : { ...base, answer: [answerFor(shape, score)] });
  });
  const complete = a.items.every((s) => s !== undefined);
  if (options.withTotalItem && complete && def.totalCode && (shape === 'loinc' || shape === 'lhc-nested')) {
    answered.push({ linkId: shape === 'lhc-nested' ? `/${def.panelCode}/${def.totalCode}` : def.totalCode, text: `${def.name} total score`, answer: [{ valueInteger: a.total }] });
  }
  const items: QuestionnaireResponseItem[] = shape === 'lhc-nested' ? [{ linkId: `/${def.panelCode}`, text: def.title, item: answered }] : answered;
  const qr: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    id: a.id,
    questionnaire: canonicalFor(shape, def),
    status: options.status ?? 'completed',
    subject: { reference: `Patient/${a.patient}` },
    authored: a.when,
    author: { reference: `Practitioner/${a.author}` },
    item: items,
  };
  if (shape === 'local-contained') {
    qr.contained = [
      {
        resourceType: 'Questionnaire',
        id: 'form',
        status: 'active',
        title: `${def.name} (paper form transcription)`,
        item: def.items.map((it) => ({ linkId: `item-${it.number}`, code: [{ system: LOINC_SYSTEM, code: it.loinc }], text: it.text, type: 'string' })),
      },
    ];
  }
  return qr;
}

/**
 * An item Observation for one answer (LOINC item code, LA-coded value), as EHRs that file
 * flowsheet rows keep it beside the total: how item 9 survives when no form is stored.
 */
export function buildItemObservation(a: Administration, itemNumber: number, options: { id: string }): Observation {
  const def = a.instrument;
  const item = def.items.find((it) => it.number === itemNumber);
  const score = a.items[itemNumber - 1];
  const answer = def.answers.find((ans) => ans.score === score);
  return {
    resourceType: 'Observation',
    id: options.id,
    status: 'final',
    category: [SURVEY_CATEGORY],
    code: { coding: [{ system: LOINC_SYSTEM, code: item?.loinc ?? '' }], text: item?.text ?? '' },
    subject: { reference: `Patient/${a.patient}` },
    effectiveDateTime: a.when,
    issued: a.when,
    performer: [{ reference: `Practitioner/${a.author}` }],
    ...(answer ? { valueCodeableConcept: { coding: [{ system: LOINC_SYSTEM, code: answer.code, display: answer.display }], text: answer.display } } : {}),
  };
}

/** A total-score Observation (US Core screening assessment shape). */
export function buildTotalObservation(
  a: Administration,
  options: { id: string; value: ObsValueShape; status?: Observation['status']; derivedFrom?: string; total?: number },
): Observation {
  const def = a.instrument;
  const total = options.total ?? a.total;
  const value: Partial<Observation> =
    options.value === 'valueInteger'
      ? { valueInteger: total }
      : options.value === 'valueString'
        ? { valueString: String(total) }
        : { valueQuantity: { value: total, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' } };
  return {
    resourceType: 'Observation',
    id: options.id,
    status: options.status ?? 'final',
    category: [SURVEY_CATEGORY],
    code: { coding: [{ system: LOINC_SYSTEM, code: def.totalCode ?? '' }], text: `${def.name} total score` },
    subject: { reference: `Patient/${a.patient}` },
    effectiveDateTime: a.when,
    issued: a.when,
    performer: [{ reference: `Practitioner/${a.author}` }],
    ...value,
    ...(options.derivedFrom ? { derivedFrom: [{ reference: `QuestionnaireResponse/${options.derivedFrom}` }] } : {}),
  };
}
