/**
 * The registry's own code system, for the facts no standard terminology names: enrollment
 * events and phases of a Collaborative Care episode, discharge reasons, the psychiatric case
 * review and the flags the caseload works from. No verified SNOMED CT or LOINC code exists for
 * these registry facts (docs/fhir-mapping.md), so they are ours, in one documented system.
 */
import type { Coding } from '@medplum/fhirtypes';

export const REGISTRY_SYSTEM = 'http://cocm-registry.example/fhir/CodeSystem/registry';

/** Identifier system of every enrollment, review and flag record the app writes. */
export const REGISTRY_IDENTIFIER_SYSTEM = 'urn:cocm-registry:registry';

/** Extensions on the enrollment Observation: who cares for the patient in this episode. */
export const CARE_MANAGER_EXTENSION = 'http://cocm-registry.example/fhir/StructureDefinition/care-manager';
export const TREATING_PCP_EXTENSION = 'http://cocm-registry.example/fhir/StructureDefinition/treating-pcp';

export const FLAG_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/flag-category';

function coding(code: string, display: string): Coding {
  return { system: REGISTRY_SYSTEM, code, display };
}

/** Observation.code of the records. */
export const ENROLLMENT_EVENT = coding('enrollment-event', 'Collaborative care enrollment event');
export const PSYCHIATRIC_REVIEW = coding('psychiatric-review', 'Psychiatric case review recommendation');
/** Someone on the team (the PCP) has read a review's recommendation: ends its "new" mark. */
export const RECOMMENDATION_SEEN = coding('recommendation-seen', 'Psychiatric recommendation seen');
/** A clinician assessed suicide risk after a safety finding (outcome and plan): closes its alert. */
export const RISK_ASSESSMENT = coding('suicide-risk-assessment', 'Suicide risk assessed after a safety finding');
/** Components of the risk assessment. */
export const RISK_OUTCOME = coding('risk-outcome', 'Outcome of the suicide risk assessment');
export const RISK_PLAN = coding('risk-plan', 'Plan after the suicide risk assessment');
/** Observation.category of every registry Observation. */
export const REGISTRY_CATEGORY = coding('registry', 'Collaborative care registry');

/** Component codes. */
export const DISCHARGE_REASON = coding('discharge-reason', 'Reason for discharge from collaborative care');
export const RELAPSE_PLAN_DATE = coding('relapse-prevention-plan-date', 'Relapse prevention plan date');
export const NEXT_REVIEW_DATE = coding('next-review-date', 'Next psychiatric case review');
/** The structured parts of a recommendation (each a valueString component of the review). */
export const RECOMMENDATION_MEDICATION = coding('recommendation-medication', 'Recommended medication change');
export const RECOMMENDATION_PSYCHOTHERAPY = coding('recommendation-psychotherapy', 'Recommended psychotherapy');
export const RECOMMENDATION_REFERRAL = coding('recommendation-referral', 'Recommended referral');

/** Flag.code: membership of the registry (the caseload's cross-patient index), and a review request. */
export const ENROLLED_FLAG = coding('enrolled', 'Enrolled in collaborative care');
export const REVIEW_REQUEST_FLAG = coding('review-requested', 'Discuss at psychiatric case review');

export const ADMIN_FLAG_CATEGORY: Coding = { system: FLAG_CATEGORY_SYSTEM, code: 'admin', display: 'Administrative' };
export const CLINICAL_FLAG_CATEGORY: Coding = { system: FLAG_CATEGORY_SYSTEM, code: 'clinical', display: 'Clinical' };

export type EventKind = 'referred' | 'enrolled' | 'active-treatment' | 'relapse-prevention' | 'discharged';
export type DischargeReason = 'goals-met' | 'referred-to-specialty' | 'declined' | 'lost-to-follow-up';

export const EVENT_DISPLAY: Readonly<Record<EventKind, string>> = {
  referred: 'Referred to collaborative care',
  enrolled: 'Enrolled in collaborative care (active treatment)',
  'active-treatment': 'Returned to active treatment',
  'relapse-prevention': 'Moved to relapse prevention',
  discharged: 'Discharged from collaborative care',
};

export const DISCHARGE_DISPLAY: Readonly<Record<DischargeReason, string>> = {
  'goals-met': 'Treatment goals met',
  'referred-to-specialty': 'Referred to specialty care',
  declined: 'Declined further care',
  'lost-to-follow-up': 'Lost to follow-up',
};

export const EVENT_KINDS = Object.keys(EVENT_DISPLAY) as EventKind[];
export const DISCHARGE_REASONS = Object.keys(DISCHARGE_DISPLAY) as DischargeReason[];

export function eventCoding(kind: EventKind): Coding {
  return coding(kind, EVENT_DISPLAY[kind]);
}

export function dischargeCoding(reason: DischargeReason): Coding {
  return coding(reason, DISCHARGE_DISPLAY[reason]);
}

/** Codes of the Observations the caseload reads per patient (`code=` of a search). */
export const REGISTRY_OBSERVATION_CODES: readonly Coding[] = [ENROLLMENT_EVENT, PSYCHIATRIC_REVIEW, RECOMMENDATION_SEEN, RISK_ASSESSMENT];

/** `system|code`, as a token search value. */
export function tokenOf(c: Coding): string {
  return `${c.system ?? ''}|${c.code ?? ''}`;
}

export function hasCoding(codings: readonly Coding[] | undefined, wanted: Coding): boolean {
  return (codings ?? []).some((c) => c.system === wanted.system && c.code === wanted.code);
}
