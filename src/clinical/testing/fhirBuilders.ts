// Builders for real-looking FHIR test data. Used by tests only; they spell out resources the
// way EHRs send them, so a test reads as "this shape in, this administration out".
import type { Observation, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { FREQUENCY_ANSWERS, GAD7, LOINC_SYSTEM, ORDINAL_VALUE_URL, PHQ9 } from '../instruments/definitions.ts';
import type { InstrumentDefinition } from '../instruments/types.ts';

export type Score = number | null;

export function laCoding(score: number, withOrdinal = false) {
  const a = FREQUENCY_ANSWERS[score];
  if (!a) throw new Error(`no LA answer for ${score}`);
  return {
    system: LOINC_SYSTEM,
    code: a.code,
    display: a.display,
    ...(withOrdinal ? { extension: [{ url: ORDINAL_VALUE_URL, valueDecimal: a.score }] } : {}),
  };
}

export type LinkIdStyle = 'loinc' | 'us-core' | 'lhc';
export type AnswerStyle = 'coding' | 'coding+ordinal' | 'integer' | 'decimal' | 'string';

function linkIdFor(def: InstrumentDefinition, code: string, style: LinkIdStyle): string {
  if (style === 'us-core') return `/${code}`;
  if (style === 'lhc') return `/${def.panelCode}/${code}`;
  return code;
}

export function answerFor(score: number, style: AnswerStyle): NonNullable<QuestionnaireResponseItem['answer']>[number] {
  switch (style) {
    case 'coding':
      return { valueCoding: laCoding(score) };
    case 'coding+ordinal':
      return { valueCoding: laCoding(score, true) };
    case 'integer':
      return { valueInteger: score };
    case 'decimal':
      return { valueDecimal: score };
    case 'string':
      return { valueString: String(score) };
  }
}

export interface FormOptions {
  id?: string;
  authored?: string;
  status?: QuestionnaireResponse['status'];
  linkIds?: LinkIdStyle;
  answers?: AnswerStyle;
  total?: number;
  canonical?: string;
  /** Nest items in a group like LHC-Forms does. */
  nested?: boolean;
}

/** A form for a PHQ-9 / GAD-7 / PHQ-2 with the given item scores (null = unanswered). */
export function formResponse(def: InstrumentDefinition, scores: readonly Score[], options: FormOptions = {}): QuestionnaireResponse {
  const style = options.linkIds ?? 'loinc';
  const items: QuestionnaireResponseItem[] = [];
  def.items.forEach((item, i) => {
    const score = scores[i];
    if (score === null || score === undefined) return;
    items.push({ linkId: linkIdFor(def, item.loinc, style), text: item.text, answer: [answerFor(score, options.answers ?? 'coding')] });
  });
  if (options.total !== undefined && def.totalCode) {
    items.push({ linkId: linkIdFor(def, def.totalCode, style), text: `${def.name} total score`, answer: [{ valueInteger: options.total }] });
  }
  return {
    resourceType: 'QuestionnaireResponse',
    id: options.id ?? `${def.id}-form`,
    questionnaire: options.canonical ?? def.canonical,
    status: options.status ?? 'completed',
    subject: { reference: 'Patient/pat-1' },
    authored: options.authored ?? '2024-03-01T10:00:00-05:00',
    item: options.nested ? [{ linkId: `/${def.panelCode}`, item: items }] : items,
  };
}

export const phq9Form = (scores: readonly Score[], options?: FormOptions) => formResponse(PHQ9, scores, options);
export const gad7Form = (scores: readonly Score[], options?: FormOptions) => formResponse(GAD7, scores, options);

export interface ObservationOptions {
  id: string;
  code: string;
  effective?: string;
  status?: Observation['status'];
  derivedFrom?: string[];
  hasMember?: string[];
  value?: Partial<Observation>;
}

export function observation(options: ObservationOptions): Observation {
  return {
    resourceType: 'Observation',
    id: options.id,
    status: options.status ?? 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
    code: { coding: [{ system: LOINC_SYSTEM, code: options.code }] },
    subject: { reference: 'Patient/pat-1' },
    ...(options.effective === undefined ? { effectiveDateTime: '2024-03-01T10:00:00-05:00' } : { effectiveDateTime: options.effective }),
    ...(options.derivedFrom ? { derivedFrom: options.derivedFrom.map((reference) => ({ reference })) } : {}),
    ...(options.hasMember ? { hasMember: options.hasMember.map((reference) => ({ reference })) } : {}),
    ...options.value,
  } as Observation;
}

export const totalQuantity = (value: number): Partial<Observation> => ({
  valueQuantity: { value, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' },
});

export const itemConcept = (score: number): Partial<Observation> => ({ valueCodeableConcept: { coding: [laCoding(score)] } });
