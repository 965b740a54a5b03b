/**
 * Who gave an administration: the clinic (answers recorded by staff at a visit or on the
 * phone) or the patient (answers the patient sent from home through the patient app). The
 * record says so itself: a patient-reported form is authored by the patient
 * (QuestionnaireResponse.author = Patient), its total performed by the patient
 * (Observation.performer = Patient only). docs/fhir-mapping.md.
 */
import type { Observation, QuestionnaireResponse } from '@medplum/fhirtypes';

export type ReportSource = 'clinic' | 'patient';

const PATIENT_REFERENCE = /(?:^|\/)Patient\/[A-Za-z0-9\-.]{1,64}$/;

function isPatientReference(ref: string | undefined): boolean {
  // The substring test first: nearly every reference read (a Practitioner, a form) is not a
  // patient's, and the pattern, anchored at the end, scans the whole string to say so.
  return ref !== undefined && ref.includes('Patient/') && PATIENT_REFERENCE.test(ref);
}

export function reportSourceOfResponse(qr: QuestionnaireResponse): ReportSource {
  return isPatientReference(qr.author?.reference) ? 'patient' : 'clinic';
}

export function reportSourceOfObservation(obs: Observation): ReportSource {
  const performers = obs.performer ?? [];
  if (performers.length === 0) return 'clinic';
  for (const p of performers) if (!isPatientReference(p.reference)) return 'clinic';
  return 'patient';
}

/** An administration read from several records is patient-reported when any of its records says so. */
export function reportSourceOf(references: readonly string[], byReference: ReadonlyMap<string, ReportSource>): ReportSource {
  return references.some((r) => byReference.get(r) === 'patient') ? 'patient' : 'clinic';
}
