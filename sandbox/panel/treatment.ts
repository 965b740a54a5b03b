import type { Condition, MedicationRequest } from '@medplum/fhirtypes';

/**
 * Diagnoses and an SSRI course, so the app's treatment-context timeline has something to draw.
 * Codes: ICD-10-CM F32.1 / F41.1; RxNorm SCDs for sertraline 50 and 100 mg tablets.
 */
const ICD10 = 'http://hl7.org/fhir/sid/icd-10-cm';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

export function diagnosis(id: string, patient: string, kind: 'depression' | 'anxiety', onset: string, recorder: string): Condition {
  const code =
    kind === 'depression'
      ? { system: ICD10, code: 'F32.1', display: 'Major depressive disorder, single episode, moderate' }
      : { system: ICD10, code: 'F41.1', display: 'Generalized anxiety disorder' };
  return {
    resourceType: 'Condition',
    id,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] }],
    code: { coding: [code], text: code.display },
    subject: { reference: `Patient/${patient}` },
    onsetDateTime: onset,
    recordedDate: onset,
    recorder: { reference: `Practitioner/${recorder}` },
  };
}

export function sertraline(id: string, patient: string, mg: 50 | 100, start: string, prescriber: string, stoppedAt?: string): MedicationRequest {
  const display = `sertraline ${mg} MG Oral Tablet`;
  return {
    resourceType: 'MedicationRequest',
    id,
    status: stoppedAt ? 'stopped' : 'active',
    intent: 'order',
    medicationCodeableConcept: { coding: [{ system: RXNORM, code: mg === 50 ? '312940' : '312941', display }], text: display },
    subject: { reference: `Patient/${patient}` },
    authoredOn: start,
    requester: { reference: `Practitioner/${prescriber}` },
    dosageInstruction: [{ text: `${mg} mg by mouth once daily` }],
    ...(stoppedAt ? { dispenseRequest: { validityPeriod: { start, end: stoppedAt } } } : {}),
  };
}
