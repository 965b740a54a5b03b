/**
 * The depression screening result as CMS2 counts it: its own Observation, LOINC 73831-0
 * (adolescent) or 73832-8 (adult), valued with the SNOMED CT positive or negative finding,
 * status final, category survey, effective at the screening, derived from the form (and the
 * total). A PHQ-9 total alone does not satisfy CMS2. Mapping: docs/fhir-mapping.md.
 */
import type { Coding, Observation } from '@medplum/fhirtypes';
import type { InstrumentId } from '../instruments/types.ts';
import { ADOLESCENT_DEPRESSION_SCREENING, ADULT_DEPRESSION_SCREENING, DEPRESSION_SCREEN_NEGATIVE, DEPRESSION_SCREEN_POSITIVE, SURVEY_CATEGORY } from './codes.ts';
import { recordIdentifier } from './identifiers.ts';
import { encounterReference, patientReference, userReference } from './references.ts';
import { scoreOf } from './score.ts';
import { fhirDateTime } from './time.ts';
import type { AdministeredInstrument, CompletedScreening, RecordClock, RecordSpec } from './types.ts';

export const SCREENING_RESULT_KEY = 'depression-screening-result';

/**
 * A PHQ-9 screen is positive from 10 (the "moderate" band, Kroenke 2001: the usual cut-off
 * for major depression); a PHQ-2 from 3, its own screening cut-off.
 */
export const PHQ9_SCREEN_POSITIVE_AT_OR_ABOVE = 10;

/** CMS2's tools are for patients 12 and older (its initial population). */
export const CMS2_MINIMUM_AGE = 12;

const DEPRESSION_SCREENS: readonly InstrumentId[] = ['phq2', 'phq9'];
const PERFORMER_TYPES = ['Practitioner', 'PractitionerRole', 'Organization', 'CareTeam', 'Patient', 'RelatedPerson'];

export const SCREENING_RESULT_SPEC: RecordSpec = {
  key: SCREENING_RESULT_KEY,
  kind: 'result',
  resourceType: 'Observation',
  label: 'depression screening result (counted by CMS2)',
  categories: [SURVEY_CATEGORY],
  codes: [ADULT_DEPRESSION_SCREENING, ADOLESCENT_DEPRESSION_SCREENING],
};

/** The PHQ this screening used (at most one: PHQ-2 or PHQ-9). */
export function depressionScreenOf(screening: CompletedScreening): AdministeredInstrument | undefined {
  return screening.administered.find((a) => DEPRESSION_SCREENS.includes(a.instrument));
}

export function depressionScreenResult(administered: AdministeredInstrument): 'positive' | 'negative' {
  const score = scoreOf(administered);
  if (administered.instrument === 'phq9') return score.total >= PHQ9_SCREEN_POSITIVE_AT_OR_ABOVE ? 'positive' : 'negative';
  return score.screen === 'positive' ? 'positive' : 'negative';
}

/** Whole years from a birth date (yyyy-MM-dd) to a date (yyyy-MM-dd); undefined if unreadable. */
export function ageInYears(birthDate: string, on: string): number | undefined {
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate);
  const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(on);
  if (!b || !d) return undefined;
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [dy, dm, dd] = [Number(d[1]), Number(d[2]), Number(d[3])];
  return dy - by - (dm < bm || (dm === bm && dd < bd) ? 1 : 0);
}

/**
 * CMS2 reads the adolescent code for patients 12-16 at the start of its measurement period,
 * either code at 17, the adult code from 18. Screened before 18 the patient is at most 17 at
 * the start of the period the screening falls in, so 73831-0 counts; screened at 18 or older,
 * the patient is at least 17 there, so 73832-8 counts. Undefined under 12 (CMS2 does not
 * count them) or when the age is unknown.
 */
export function screeningCodeFor(birthDate: string | undefined, on: string): Coding | undefined {
  const age = birthDate ? ageInYears(birthDate, on) : undefined;
  if (age === undefined || age < CMS2_MINIMUM_AGE) return undefined;
  return age < 18 ? ADOLESCENT_DEPRESSION_SCREENING : ADULT_DEPRESSION_SCREENING;
}

export function buildScreeningResultObservation(screening: CompletedScreening, clock: RecordClock, derivedFrom: readonly string[]): Observation | undefined {
  const administered = depressionScreenOf(screening);
  const when = fhirDateTime(clock.now, clock.utcOffsetMinutes);
  const code = screeningCodeFor(screening.patientBirthDate, when.slice(0, 10));
  if (!administered || !code) return undefined;
  const result = depressionScreenResult(administered);
  const encounter = encounterReference(screening.encounterId);
  const performer = userReference<NonNullable<Observation['performer']>[number]>(screening.author, PERFORMER_TYPES);
  const name = administered.instrument === 'phq9' ? 'PHQ-9' : 'PHQ-2';
  return {
    resourceType: 'Observation',
    identifier: [recordIdentifier(screening.screeningId, SCREENING_RESULT_KEY)],
    status: 'final',
    category: [{ coding: [SURVEY_CATEGORY] }],
    code: { coding: [code], text: `Depression screening (${name})` },
    subject: patientReference(screening.patientId),
    ...(encounter ? { encounter } : {}),
    effectiveDateTime: when,
    issued: clock.now.toISOString(),
    ...(performer ? { performer: [performer] } : {}),
    valueCodeableConcept: { coding: [result === 'positive' ? DEPRESSION_SCREEN_POSITIVE : DEPRESSION_SCREEN_NEGATIVE], text: `${name} screen ${result}` },
    ...(derivedFrom.length > 0 ? { derivedFrom: derivedFrom.map((reference) => ({ reference })) } : {}),
  };
}
