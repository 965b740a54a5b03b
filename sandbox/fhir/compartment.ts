import type { Reference, Resource } from '@medplum/fhirtypes';

/**
 * The element that places a resource of each type in a patient's compartment, for the types
 * the app reads per patient. For each, the R4 `patient` search parameter means exactly this
 * element referring to a Patient, so the index can answer `patient=` and `subject=Patient/`.
 */
export const PATIENT_FIELD: Readonly<Record<string, string>> = {
  Observation: 'subject',
  QuestionnaireResponse: 'subject',
  Flag: 'subject',
  Condition: 'subject',
  MedicationRequest: 'subject',
  MedicationStatement: 'subject',
  Encounter: 'subject',
  CarePlan: 'subject',
  Goal: 'subject',
  List: 'subject',
  Procedure: 'subject',
  ServiceRequest: 'subject',
  DocumentReference: 'subject',
  Communication: 'subject',
  EpisodeOfCare: 'patient',
  AllergyIntolerance: 'patient',
  Immunization: 'patient',
};

/**
 * Types that hold no patient's data (people who treat, shared definitions): readable with
 * patient-level scopes. Anything neither here nor in PATIENT_FIELD (a Group above all, which
 * lists the program's patients) is refused to a patient-level token.
 */
export const PATIENT_FREE_TYPES: ReadonlySet<string> = new Set([
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'Questionnaire',
  'Medication',
  'ValueSet',
  'CodeSystem',
]);

/** The search parameters answered from the patient index (and what they mean here). */
export const PATIENT_PARAMS: ReadonlySet<string> = new Set(['patient', 'subject']);

/** The patient id a resource belongs to, or undefined (not in a patient compartment). */
export function patientOf(resource: Resource): string | undefined {
  if (resource.resourceType === 'Patient') return resource.id;
  const field = PATIENT_FIELD[resource.resourceType];
  if (!field) return undefined;
  const ref = (resource as unknown as Record<string, Reference | undefined>)[field]?.reference;
  return patientIdFromReference(ref);
}

/** `Patient/123`, `http://x/fhir/Patient/123` -> `123`; anything else -> undefined. */
export function patientIdFromReference(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const match = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(ref);
  return match?.[1];
}
