/**
 * The demographics the program stratifies by, from a FHIR Patient: US Core race and
 * ethnicity extensions (OMB categories), preferred language (Patient.communication), sex,
 * birth date, clinic (managingOrganization) and PCP (generalPractitioner).
 */
import type { Extension, Patient } from '@medplum/fhirtypes';
import { summarizePatient } from '../demographics/patientSummary.ts';
import type { Demographics } from './types.ts';

export const US_CORE_RACE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race';
export const US_CORE_ETHNICITY = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity';
export const OMB_SYSTEM = 'urn:oid:2.16.840.1.113883.6.238';

const OMB_DISPLAY: Readonly<Record<string, string>> = {
  '1002-5': 'American Indian or Alaska Native',
  '2028-9': 'Asian',
  '2054-5': 'Black or African American',
  '2076-8': 'Native Hawaiian or Other Pacific Islander',
  '2106-3': 'White',
  '2135-2': 'Hispanic or Latino',
  '2186-5': 'Not Hispanic or Latino',
};

/** The OMB categories of a US Core race or ethnicity extension (unknown / declined: none). */
function ombCategories(extension: Extension | undefined): string[] {
  const out: string[] = [];
  for (const sub of extension?.extension ?? []) {
    if (sub.url !== 'ombCategory') continue;
    const display = OMB_DISPLAY[sub.valueCoding?.code ?? ''];
    if (display && !out.includes(display)) out.push(display);
  }
  return out;
}

function languageOf(patient: Patient): string | undefined {
  const chosen = patient.communication?.find((c) => c.preferred) ?? patient.communication?.[0];
  const coding = chosen?.language?.coding?.[0];
  if (coding?.display) return coding.display;
  if (chosen?.language?.text) return chosen.language.text;
  if (!coding?.code) return undefined;
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(coding.code) ?? coding.code;
  } catch {
    return coding.code;
  }
}

export function demographicsOf(patient: Patient | undefined): Demographics {
  if (!patient) return { birthDate: undefined, sex: 'Unknown', race: undefined, ethnicity: undefined, language: undefined, clinic: undefined, generalPractitioner: undefined };
  const races = ombCategories(patient.extension?.find((e) => e.url === US_CORE_RACE));
  const ethnicity = ombCategories(patient.extension?.find((e) => e.url === US_CORE_ETHNICITY))[0];
  const gp = patient.generalPractitioner?.find((r) => r.reference?.startsWith('Practitioner/'))?.reference;
  return {
    birthDate: patient.birthDate,
    sex: summarizePatient(patient, new Date(0)).sex,
    race: races.length > 1 ? 'Two or more races' : races[0],
    ethnicity,
    language: languageOf(patient),
    clinic: patient.managingOrganization?.reference,
    generalPractitioner: gp,
  };
}
