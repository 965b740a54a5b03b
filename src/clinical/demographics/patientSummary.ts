/**
 * What a patient banner shows, read from a FHIR Patient: name, age and sex, birth date, MRN.
 * Pure: the caller passes `now` (age depends on it).
 */
import type { HumanName, Identifier, Patient } from '@medplum/fhirtypes';
import { differenceInYears, isValid, parseISO } from 'date-fns';

export interface PatientSummary {
  id: string;
  name: string;
  birthDate?: string;
  age?: number;
  sex: string;
  mrn?: string;
}

const MRN_TYPE = 'MR';

function officialName(names: HumanName[] | undefined): HumanName | undefined {
  if (!names?.length) return undefined;
  const usable = names.filter((n) => !n.period?.end);
  const pool = usable.length ? usable : names;
  return pool.find((n) => n.use === 'official') ?? pool.find((n) => n.use === 'usual') ?? pool[0];
}

export function formatName(name: HumanName | undefined): string {
  if (!name) return 'Name not recorded';
  if (name.family || name.given?.length) {
    const given = (name.given ?? []).join(' ');
    return [name.family, given].filter(Boolean).join(', ');
  }
  return name.text?.trim() || 'Name not recorded';
}

/** The medical record number: an identifier typed MR (v2-0203), else the first usual one. */
export function findMrn(identifiers: Identifier[] | undefined): string | undefined {
  if (!identifiers?.length) return undefined;
  const typed = identifiers.find((i) => i.type?.coding?.some((c) => c.code === MRN_TYPE));
  return (typed ?? identifiers.find((i) => i.use === 'usual') ?? identifiers.find((i) => i.use === 'official'))?.value;
}

const SEX_LABEL: Record<string, string> = { male: 'Male', female: 'Female', other: 'Other', unknown: 'Unknown' };

export function summarizePatient(patient: Patient, now: Date): PatientSummary {
  const birth = patient.birthDate ? parseISO(patient.birthDate) : undefined;
  const age = birth && isValid(birth) ? differenceInYears(now, birth) : undefined;
  const mrn = findMrn(patient.identifier);
  return {
    id: patient.id ?? '',
    name: formatName(officialName(patient.name)),
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    ...(age !== undefined && age >= 0 ? { age } : {}),
    sex: SEX_LABEL[patient.gender ?? 'unknown'] ?? 'Unknown',
    ...(mrn ? { mrn } : {}),
  };
}

/** Display name of a Practitioner (or any resource with `name`). */
export function practitionerName(resource: { name?: HumanName[] } | undefined): string {
  const name = officialName(resource?.name);
  if (!name) return 'Unknown user';
  if (name.text) return name.text;
  const given = (name.given ?? []).join(' ');
  return [name.prefix?.join(' '), given, name.family, name.suffix?.join(' ')].filter(Boolean).join(' ') || 'Unknown user';
}
