/**
 * The follow-up CMS2 recognizes after a positive depression screen, recorded when a patient
 * is referred to or enrolled in collaborative care: a ServiceRequest coded SNOMED CT 183583007
 * "Refer to mental health worker (procedure)", which is in both CMS2 referral value sets
 * (Referral for Adult Depression 2.16.840.1.113883.3.526.3.1571, Referral for Adolescent
 * Depression ...1570), dated the day of the step. CMS2 counts it when authored on the visit's
 * day or up to 2 days after. Mapping: docs/fhir-mapping.md.
 */
import type { Coding, ServiceRequest } from '@medplum/fhirtypes';
import { registryIdentifier, type EnrollmentEventInput } from './records.ts';

export const REFER_TO_MENTAL_HEALTH_WORKER: Coding = { system: 'http://snomed.info/sct', code: '183583007', display: 'Refer to mental health worker (procedure)' };
export const PATIENT_REFERRAL_CATEGORY: Coding = { system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' };

const REQUESTER_TYPES = ['Practitioner', 'PractitionerRole', 'Organization', 'Patient', 'RelatedPerson', 'Device'];

/** Undefined for steps that are not a referral or an enrollment. */
export function buildFollowUpReferral(input: EnrollmentEventInput): ServiceRequest | undefined {
  if (input.kind !== 'referred' && input.kind !== 'enrolled') return undefined;
  const requester = input.recordedBy && REQUESTER_TYPES.includes(input.recordedBy.split('/')[0] ?? '') ? { reference: input.recordedBy } : undefined;
  const performer = input.careManager ? [{ reference: input.careManager }] : undefined;
  return {
    resourceType: 'ServiceRequest',
    identifier: [registryIdentifier(input.actionId, 'follow-up-referral')],
    // Enrolled: the referral has been acted on.
    status: input.kind === 'enrolled' ? 'completed' : 'active',
    intent: 'order',
    category: [{ coding: [PATIENT_REFERRAL_CATEGORY] }],
    code: {
      coding: [REFER_TO_MENTAL_HEALTH_WORKER],
      text: input.kind === 'enrolled' ? 'Enrolled in collaborative care (behavioral health care manager)' : 'Referred to collaborative care (behavioral health care manager)',
    },
    subject: { reference: `Patient/${input.patientId}` },
    authoredOn: input.date,
    ...(requester ? { requester } : {}),
    ...(performer ? { performer } : {}),
  };
}
