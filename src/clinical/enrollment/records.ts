/**
 * Pure builders of what the registry writes to the EHR (docs/fhir-mapping.md, "Registry"):
 * an Observation per enrollment event, an active Flag marking membership (what the caseload
 * searches across patients), a review Observation per psychiatric case review, and a Flag
 * asking for a review. Every record carries an identifier made once per user action, so a
 * retried create finds the first copy. No I/O, no clock: `when` is passed in.
 */
import type { Extension, Flag, Identifier, Observation, ObservationComponent } from '@medplum/fhirtypes';
import {
  ADMIN_FLAG_CATEGORY,
  CARE_MANAGER_EXTENSION,
  CLINICAL_FLAG_CATEGORY,
  DISCHARGE_DISPLAY,
  DISCHARGE_REASON,
  type DischargeReason,
  dischargeCoding,
  ENROLLED_FLAG,
  ENROLLMENT_EVENT,
  EVENT_DISPLAY,
  eventCoding,
  type EventKind,
  NEXT_REVIEW_DATE,
  PSYCHIATRIC_REVIEW,
  RECOMMENDATION_MEDICATION,
  RECOMMENDATION_PSYCHOTHERAPY,
  RECOMMENDATION_REFERRAL,
  RECOMMENDATION_SEEN,
  REGISTRY_CATEGORY,
  REGISTRY_IDENTIFIER_SYSTEM,
  RELAPSE_PLAN_DATE,
  REVIEW_REQUEST_FLAG,
  TREATING_PCP_EXTENSION,
} from './codes.ts';

const PERFORMER_TYPES = ['Practitioner', 'PractitionerRole', 'Organization', 'CareTeam', 'Patient', 'RelatedPerson'];
const AUTHOR_TYPES = ['Device', 'Organization', 'Patient', 'Practitioner', 'PractitionerRole'];

export function registryIdentifier(actionId: string, key: string): Identifier {
  return { system: REGISTRY_IDENTIFIER_SYSTEM, value: `${actionId}/${key}` };
}

function userRef(user: string | undefined, allowed: readonly string[]): { reference: string } | undefined {
  if (!user) return undefined;
  return allowed.includes(user.split('/')[0] ?? '') ? { reference: user } : undefined;
}

export interface EnrollmentEventInput {
  /** A UUID made once per user action (kept with the form, so a resend reuses it). */
  readonly actionId: string;
  readonly patientId: string;
  readonly kind: EventKind;
  /** yyyy-MM-dd, the date the event took effect (chosen by the user). */
  readonly date: string;
  readonly careManager?: string;
  readonly pcp?: string;
  /** The signed-in user. */
  readonly recordedBy?: string;
  readonly planDate?: string;
  readonly dischargeReason?: DischargeReason;
  /** When it was recorded (issued). */
  readonly now: Date;
}

export function buildEnrollmentObservation(input: EnrollmentEventInput): Observation {
  const extension: Extension[] = [];
  if (input.careManager) extension.push({ url: CARE_MANAGER_EXTENSION, valueReference: { reference: input.careManager } });
  if (input.pcp) extension.push({ url: TREATING_PCP_EXTENSION, valueReference: { reference: input.pcp } });
  const component: ObservationComponent[] = [];
  if (input.kind === 'relapse-prevention' && input.planDate) component.push({ code: { coding: [RELAPSE_PLAN_DATE] }, valueDateTime: input.planDate });
  if (input.kind === 'discharged' && input.dischargeReason) {
    component.push({
      code: { coding: [DISCHARGE_REASON] },
      valueCodeableConcept: { coding: [dischargeCoding(input.dischargeReason)], text: DISCHARGE_DISPLAY[input.dischargeReason] },
    });
  }
  const performer = userRef(input.recordedBy, PERFORMER_TYPES);
  return {
    resourceType: 'Observation',
    identifier: [registryIdentifier(input.actionId, 'event')],
    status: 'final',
    category: [{ coding: [REGISTRY_CATEGORY] }],
    code: { coding: [ENROLLMENT_EVENT], text: 'Collaborative care enrollment' },
    subject: { reference: `Patient/${input.patientId}` },
    effectiveDateTime: input.date,
    issued: input.now.toISOString(),
    ...(performer ? { performer: [performer] } : {}),
    valueCodeableConcept: { coding: [eventCoding(input.kind)], text: EVENT_DISPLAY[input.kind] },
    ...(component.length ? { component } : {}),
    ...(extension.length ? { extension } : {}),
  };
}

/** The membership Flag of an episode: active while the patient is on the caseload. */
export function buildMembershipFlag(input: { actionId: string; patientId: string; start: string; author?: string }): Flag {
  const author = userRef(input.author, AUTHOR_TYPES);
  return {
    resourceType: 'Flag',
    identifier: [registryIdentifier(input.actionId, 'membership')],
    status: 'active',
    category: [{ coding: [ADMIN_FLAG_CATEGORY] }],
    code: { coding: [ENROLLED_FLAG], text: 'Enrolled in collaborative care' },
    subject: { reference: `Patient/${input.patientId}` },
    period: { start: input.start },
    ...(author ? { author } : {}),
  };
}

/** The structured parts of a recommendation to the PCP; each optional, in the consultant's words. */
export interface RecommendationPlan {
  readonly medicationChange?: string;
  readonly psychotherapy?: string;
  readonly referral?: string;
}

const PLAN_PARTS = [
  { key: 'medicationChange', label: 'Medication', coding: RECOMMENDATION_MEDICATION },
  { key: 'psychotherapy', label: 'Psychotherapy', coding: RECOMMENDATION_PSYCHOTHERAPY },
  { key: 'referral', label: 'Referral', coding: RECOMMENDATION_REFERRAL },
] as const;

export interface ReviewInput {
  readonly actionId: string;
  readonly patientId: string;
  /** Free text to the PCP (beside the structured parts). */
  readonly recommendation: string;
  readonly plan?: RecommendationPlan;
  readonly nextReviewDate?: string;
  /** The signed-in user: the reviewer. */
  readonly reviewer?: string;
  /** Local dateTime of the review (`fhirDateTime` in the clinic's offset). */
  readonly when: string;
  readonly now: Date;
}

function planEntries(plan: RecommendationPlan | undefined) {
  return PLAN_PARTS.map((p) => ({ ...p, text: plan?.[p.key]?.trim() ?? '' })).filter((p) => p.text !== '');
}

/** True when the review says something to the PCP (a structured part or free text). */
export function hasRecommendation(input: Pick<ReviewInput, 'recommendation' | 'plan'>): boolean {
  return input.recommendation.trim() !== '' || planEntries(input.plan).length > 0;
}

/**
 * The whole recommendation as one text (the review's valueString): what an EHR that shows
 * only the value, and the PCP, read. One line per structured part, then the free text.
 */
export function recommendationText(input: Pick<ReviewInput, 'recommendation' | 'plan' | 'nextReviewDate'>): string {
  const lines = planEntries(input.plan).map((p) => `${p.label}: ${p.text}`);
  if (lines.length && input.nextReviewDate) lines.push(`Follow up by: ${input.nextReviewDate}`);
  const free = input.recommendation.trim();
  if (free) lines.push(lines.length ? `Note: ${free}` : free);
  return lines.join('\n');
}

export function buildReviewObservation(input: ReviewInput): Observation {
  const performer = userRef(input.reviewer, PERFORMER_TYPES);
  const component: ObservationComponent[] = planEntries(input.plan).map((p) => ({ code: { coding: [p.coding] }, valueString: p.text }));
  if (input.nextReviewDate) component.push({ code: { coding: [NEXT_REVIEW_DATE] }, valueDateTime: input.nextReviewDate });
  return {
    resourceType: 'Observation',
    identifier: [registryIdentifier(input.actionId, 'review')],
    status: 'final',
    category: [{ coding: [REGISTRY_CATEGORY] }],
    code: { coding: [PSYCHIATRIC_REVIEW], text: 'Psychiatric case review' },
    subject: { reference: `Patient/${input.patientId}` },
    effectiveDateTime: input.when,
    issued: input.now.toISOString(),
    ...(performer ? { performer: [performer] } : {}),
    valueString: recommendationText(input),
    ...(component.length ? { component } : {}),
  };
}

/** "Seen": the signed-in user read the review's recommendation (ends its "new" mark). */
export function buildRecommendationSeenObservation(input: { actionId: string; patientId: string; review: string; by?: string; when: string; now: Date }): Observation {
  const performer = userRef(input.by, PERFORMER_TYPES);
  return {
    resourceType: 'Observation',
    identifier: [registryIdentifier(input.actionId, 'recommendation-seen')],
    status: 'final',
    category: [{ coding: [REGISTRY_CATEGORY] }],
    code: { coding: [RECOMMENDATION_SEEN], text: 'Psychiatric recommendation seen' },
    subject: { reference: `Patient/${input.patientId}` },
    effectiveDateTime: input.when,
    issued: input.now.toISOString(),
    ...(performer ? { performer: [performer] } : {}),
    derivedFrom: [{ reference: input.review }],
  };
}

export function buildReviewRequestFlag(input: { actionId: string; patientId: string; when: string; author?: string }): Flag {
  const author = userRef(input.author, AUTHOR_TYPES);
  return {
    resourceType: 'Flag',
    identifier: [registryIdentifier(input.actionId, 'review-request')],
    status: 'active',
    category: [{ coding: [CLINICAL_FLAG_CATEGORY] }],
    code: { coding: [REVIEW_REQUEST_FLAG], text: 'Discuss at psychiatric case review' },
    subject: { reference: `Patient/${input.patientId}` },
    period: { start: input.when },
    ...(author ? { author } : {}),
  };
}

/** The same Flag, ended: status inactive and period.end (discharge; review done). */
export function endFlag(flag: Flag, end: string): Flag & { id: string } {
  if (!flag.id) throw new Error('endFlag needs a stored Flag (with an id)');
  return { ...flag, id: flag.id, status: 'inactive', period: { ...flag.period, end } };
}
