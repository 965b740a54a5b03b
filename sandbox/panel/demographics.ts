/**
 * Race, ethnicity (US Core extensions, OMB categories) and preferred language for synthetic
 * patients, drawn from their own generator so the rest of the panel stays as it was. Some
 * patients have none recorded, as in real records.
 */
import type { Extension, Patient, PatientCommunication } from '@medplum/fhirtypes';
import type { Rng } from './prng.ts';

const OMB = 'urn:oid:2.16.840.1.113883.6.238';
const RACES = {
  '2106-3': 'White',
  '2054-5': 'Black or African American',
  '2028-9': 'Asian',
  '1002-5': 'American Indian or Alaska Native',
  '2076-8': 'Native Hawaiian or Other Pacific Islander',
} as const;
const RACE_WEIGHTS: Record<keyof typeof RACES | 'none' | 'two', number> = { '2106-3': 52, '2054-5': 16, '2028-9': 7, '1002-5': 2, '2076-8': 1, two: 4, none: 18 };
const LANGUAGES = { en: 'English', es: 'Spanish', zh: 'Chinese', vi: 'Vietnamese', ar: 'Arabic' } as const;
const LANGUAGE_WEIGHTS: Record<keyof typeof LANGUAGES | 'none', number> = { en: 68, es: 18, zh: 3, vi: 2, ar: 2, none: 7 };

function category(code: keyof typeof RACES | '2135-2' | '2186-5', display: string): Extension {
  return { url: 'ombCategory', valueCoding: { system: OMB, code, display } };
}

export function withDemographics(patient: Patient, rng: Rng): Patient {
  const extension: Extension[] = [];
  const race = rng.weighted(RACE_WEIGHTS);
  if (race !== 'none') {
    const codes = race === 'two' ? (['2106-3', rng.pick(['2054-5', '2028-9', '1002-5'] as const)] as const) : ([race] as const);
    extension.push({
      url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
      extension: [...codes.map((c) => category(c, RACES[c])), { url: 'text', valueString: codes.map((c) => RACES[c]).join(', ') }],
    });
  }
  const ethnicity = rng.weighted({ hispanic: 19, not: 66, none: 15 });
  if (ethnicity !== 'none') {
    const [code, display] = ethnicity === 'hispanic' ? (['2135-2', 'Hispanic or Latino'] as const) : (['2186-5', 'Not Hispanic or Latino'] as const);
    extension.push({ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity', extension: [category(code, display), { url: 'text', valueString: display }] });
  }
  const language = rng.weighted(LANGUAGE_WEIGHTS);
  const communication: PatientCommunication[] | undefined =
    language === 'none'
      ? undefined
      : [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: language, display: LANGUAGES[language] }], text: LANGUAGES[language] }, preferred: true }];
  return { ...patient, ...(extension.length ? { extension } : {}), ...(communication ? { communication } : {}) };
}
