import type { Encounter, Patient, Reference } from '@medplum/fhirtypes';

/**
 * A reference to the signed-in user, only when its type is one the element allows: a SMART
 * `fhirUser` may be a Person or RelatedPerson, which some elements refuse.
 */
export function userReference<T extends Reference>(fhirUser: string | undefined, allowedTypes: readonly string[]): T | undefined {
  if (!fhirUser) return undefined;
  const type = fhirUser.split('/')[0] ?? '';
  return allowedTypes.includes(type) ? ({ reference: fhirUser } as T) : undefined;
}

export function patientReference(patientId: string): Reference<Patient> {
  return { reference: `Patient/${patientId}` };
}

export function encounterReference(encounterId: string | undefined): Reference<Encounter> | undefined {
  return encounterId ? { reference: `Encounter/${encounterId}` } : undefined;
}

/**
 * The patient id a reference names: `Patient/123`, or an absolute URL ending in it. Undefined
 * for any other reference (a version, another type, an id FHIR does not allow).
 */
export function patientIdOfReference(reference: string | undefined): string | undefined {
  return reference ? /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(reference)?.[1] : undefined;
}
