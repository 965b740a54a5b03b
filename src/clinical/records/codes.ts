import type { Coding } from '@medplum/fhirtypes';
import { LOINC_SYSTEM } from '../instruments/definitions.ts';
import type { InstrumentId } from '../instruments/types.ts';

export const OBSERVATION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const FLAG_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/flag-category';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

/** US Core screening assessment: category `survey`. */
export const SURVEY_CATEGORY: Coding = { system: OBSERVATION_CATEGORY_SYSTEM, code: 'survey', display: 'Survey' };

export const SAFETY_FLAG_CATEGORY: Coding = { system: FLAG_CATEGORY_SYSTEM, code: 'safety', display: 'Safety' };

/**
 * The Flag's code. A positive item 9 is the trigger for a suicide risk assessment; SNOMED CT
 * 225444004 "At risk for suicide" is the finding EHR safety flags and problem lists use for
 * that (FHIR's own examples use it too). The flag's text says what it rests on.
 */
export const SUICIDE_RISK_CODING: Coding = { system: SNOMED_SYSTEM, code: '225444004', display: 'At risk for suicide (finding)' };

/**
 * Codes that mean "this patient already has a suicide-risk flag": ours, and SNOMED CT
 * 6471006 "Suicidal thoughts", which other tools put on such flags.
 */
export const SUICIDE_RISK_CODES: readonly Coding[] = [SUICIDE_RISK_CODING, { system: SNOMED_SYSTEM, code: '6471006', display: 'Suicidal thoughts (finding)' }];

/** LOINC long names of the total-score codes the app writes. */
const TOTAL_DISPLAY: Partial<Record<InstrumentId, string>> = {
  phq9: 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]',
  phq2: 'Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]',
  gad7: 'Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]',
};

export function totalCoding(instrument: InstrumentId, code: string): Coding {
  const display = TOTAL_DISPLAY[instrument];
  return { system: LOINC_SYSTEM, code, ...(display ? { display } : {}) };
}

/**
 * CMS2 (depression screening and follow-up plan) counts a screening only as its own
 * Observation: LOINC 73831-0 (adolescent) or 73832-8 (adult) with a SNOMED CT positive or
 * negative finding as its value. Codes as CMS2FHIR v0.4.001's CQL names them.
 */
export const ADOLESCENT_DEPRESSION_SCREENING: Coding = { system: 'http://loinc.org', code: '73831-0', display: 'Adolescent depression screening assessment' };
export const ADULT_DEPRESSION_SCREENING: Coding = { system: 'http://loinc.org', code: '73832-8', display: 'Adult depression screening assessment' };
export const DEPRESSION_SCREEN_POSITIVE: Coding = { system: SNOMED_SYSTEM, code: '428181000124104', display: 'Depression screening positive (finding)' };
export const DEPRESSION_SCREEN_NEGATIVE: Coding = { system: SNOMED_SYSTEM, code: '428171000124102', display: 'Depression screening negative (finding)' };
