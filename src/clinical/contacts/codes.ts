/**
 * Codes of the contact log, in the registry's own code system (the one enrollment uses,
 * docs/fhir-mapping.md "Registry"): no standard terminology names a Collaborative Care
 * contact, its type in the program, or whether its time is billed elsewhere.
 */
import type { Coding } from '@medplum/fhirtypes';
import { REGISTRY_SYSTEM } from '../enrollment/codes.ts';

/** Identifier system of contact Observations; the value is a UUID made once per logged contact. */
export const CONTACT_IDENTIFIER_SYSTEM = 'urn:cocm-registry:contact';

function coding(code: string, display: string): Coding {
  return { system: REGISTRY_SYSTEM, code, display };
}

/** Observation.code of a contact. */
export const CONTACT_CODE = coding('cocm-contact', 'Collaborative care contact');

/** Component codes. */
export const CONTACT_TYPE = coding('contact-type', 'Type of collaborative care contact');
export const CONTACT_MODALITY = coding('contact-modality', 'How the contact took place');
export const CONTACT_OUTCOME = coding('contact-outcome', 'Whether the contact took place');
export const SCALE_GIVEN = coding('scale-given', 'A rating scale was given at the contact');
export const SEPARATELY_BILLED = coding('separately-billed', 'Time belongs to a separately billed service');

export type ContactType = 'initial-assessment' | 'follow-up' | 'psychiatric-consultation' | 'relapse-prevention';
export type ContactModality = 'phone' | 'video' | 'in-person' | 'message';
export type ContactOutcome = 'completed' | 'no-show' | 'attempt';

export const CONTACT_TYPE_DISPLAY: Readonly<Record<ContactType, string>> = {
  'initial-assessment': 'Initial assessment',
  'follow-up': 'Follow-up',
  'psychiatric-consultation': 'Psychiatric consultation',
  'relapse-prevention': 'Relapse prevention',
};

export const CONTACT_MODALITY_DISPLAY: Readonly<Record<ContactModality, string>> = {
  phone: 'Phone',
  video: 'Video',
  'in-person': 'In person',
  message: 'Message',
};

export const CONTACT_OUTCOME_DISPLAY: Readonly<Record<ContactOutcome, string>> = {
  completed: 'Completed',
  'no-show': 'No-show',
  attempt: 'Attempt (not reached)',
};

export const CONTACT_TYPES = Object.keys(CONTACT_TYPE_DISPLAY) as ContactType[];
export const CONTACT_MODALITIES = Object.keys(CONTACT_MODALITY_DISPLAY) as ContactModality[];
export const CONTACT_OUTCOMES = Object.keys(CONTACT_OUTCOME_DISPLAY) as ContactOutcome[];

export function contactTypeCoding(type: ContactType): Coding {
  return coding(type, CONTACT_TYPE_DISPLAY[type]);
}
export function modalityCoding(modality: ContactModality): Coding {
  return coding(modality, CONTACT_MODALITY_DISPLAY[modality]);
}
export function outcomeCoding(outcome: ContactOutcome): Coding {
  return coding(outcome, CONTACT_OUTCOME_DISPLAY[outcome]);
}

/** UCUM minutes, the unit of valueQuantity. */
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
export const MINUTES_UNIT = { unit: 'min', system: UCUM_SYSTEM, code: 'min' } as const;
