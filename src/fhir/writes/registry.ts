/**
 * Every registry write the app makes (enrollment events, the membership Flag, psychiatric
 * reviews, "recommendation seen", review requests, suicide risk assessments), in one module that knows what this EHR allows: each record's
 * target is checked against the session's write capabilities first, creates go through
 * `createOnce` (identifier + If-None-Exist, so a retry never duplicates), and Flag updates
 * carry If-Match. A refusal is learned for the session and reported in words; nothing the
 * user typed is lost (the caller keeps the form and offers the note text).
 */
import type { Flag, Observation } from '@medplum/fhirtypes';
import {
  buildEnrollmentObservation,
  buildRecommendationSeenObservation,
  buildFollowUpReferral,
  buildMembershipFlag,
  buildReviewObservation,
  buildReviewRequestFlag,
  ENROLLED_FLAG,
  ENROLLMENT_EVENT,
  endFlag,
  type EnrollmentEventInput,
  FLAG_CATEGORY_SYSTEM,
  hasCoding,
  PATIENT_REFERRAL_CATEGORY,
  PSYCHIATRIC_REVIEW,
  RECOMMENDATION_SEEN,
  REFER_TO_MENTAL_HEALTH_WORKER,
  REGISTRY_CATEGORY,
  RISK_ASSESSMENT,
  REVIEW_REQUEST_FLAG,
  type ReviewInput,
} from '../../clinical/enrollment';
import { buildRiskAssessmentObservation, type RiskAssessmentInput } from '../../clinical/safety/riskAssessment';
import type { WriteTarget } from '../capabilities';
import { writeCapabilitiesFor } from '../capabilities';
import type { FhirApi } from '../fhirApi';
import type { GrantedScopes } from '../scopes';
import { createOnce } from './createOnce';

export interface RegistryWriter {
  api: FhirApi;
  granted: GrantedScopes;
}

export const ENROLLMENT_TARGET: WriteTarget = { resourceType: 'Observation', categories: [REGISTRY_CATEGORY], codes: [ENROLLMENT_EVENT], label: 'enrollment record' };
export const MEMBERSHIP_TARGET: WriteTarget = {
  resourceType: 'Flag',
  categories: [{ system: FLAG_CATEGORY_SYSTEM, code: 'admin' }],
  codes: [ENROLLED_FLAG],
  label: 'registry flag',
};
export const REVIEW_TARGET: WriteTarget = { resourceType: 'Observation', categories: [REGISTRY_CATEGORY], codes: [PSYCHIATRIC_REVIEW], label: 'psychiatric review' };
export const RECOMMENDATION_SEEN_TARGET: WriteTarget = {
  resourceType: 'Observation',
  categories: [REGISTRY_CATEGORY],
  codes: [RECOMMENDATION_SEEN],
  label: '"recommendation seen" record',
};
export const RISK_ASSESSMENT_TARGET: WriteTarget = { resourceType: 'Observation', categories: [REGISTRY_CATEGORY], codes: [RISK_ASSESSMENT], label: 'risk assessment' };
export const FOLLOW_UP_REFERRAL_TARGET: WriteTarget = {
  resourceType: 'ServiceRequest',
  categories: [PATIENT_REFERRAL_CATEGORY],
  codes: [REFER_TO_MENTAL_HEALTH_WORKER],
  label: 'follow-up referral',
};
export const REVIEW_REQUEST_TARGET: WriteTarget = {
  resourceType: 'Flag',
  categories: [{ system: FLAG_CATEGORY_SYSTEM, code: 'clinical' }],
  codes: [REVIEW_REQUEST_FLAG],
  label: 'review request flag',
};

/** One record's outcome: saved, or not saved with the reason in words. */
export type RecordOutcome = { label: string; saved: true } | { label: string; saved: false; reason: string };

async function attempt(writer: RegistryWriter, target: WriteTarget, write: () => Promise<unknown>): Promise<RecordOutcome> {
  const label = target.label ?? target.resourceType;
  const store = writeCapabilitiesFor(writer);
  await store.load();
  const verdict = store.getSnapshot().verdict(target);
  if (verdict.status === 'not-allowed') return { label, saved: false, reason: verdict.reason };
  try {
    await write();
    return { label, saved: true };
  } catch (error) {
    const learned = store.learnFromError(target, error);
    const reason =
      learned?.status === 'not-allowed'
        ? learned.reason
        : error instanceof Error && 'userMessage' in error
          ? String((error as { userMessage: unknown }).userMessage)
          : 'The EHR did not save it.';
    return { label, saved: false, reason };
  }
}

function activeFlagsWithCode(flags: readonly Flag[], code: { system?: string; code?: string }): (Flag & { id: string })[] {
  return flags.filter((f): f is Flag & { id: string } => f.status === 'active' && f.id !== undefined && hasCoding(f.code?.coding, code));
}

async function endFlags(api: FhirApi, flags: readonly (Flag & { id: string })[], end: string): Promise<void> {
  for (const flag of flags) {
    const etag = flag.meta?.versionId ? `W/"${flag.meta.versionId}"` : undefined;
    await api.update(endFlag(flag, end), etag ? { ifMatch: etag } : {});
  }
}

/**
 * Records an enrollment event. Referral or enrollment starts membership (an active Flag)
 * when none is active; discharge ends it. `flags` are the patient's current Flags.
 */
export async function recordEnrollmentEvent(writer: RegistryWriter, input: EnrollmentEventInput, flags: readonly Flag[]): Promise<RecordOutcome[]> {
  const observation: Observation = buildEnrollmentObservation(input);
  const outcomes = [await attempt(writer, ENROLLMENT_TARGET, () => createOnce(writer.api, observation, observation.identifier![0]!))];
  const active = activeFlagsWithCode(flags, ENROLLED_FLAG);
  if ((input.kind === 'referred' || input.kind === 'enrolled') && active.length === 0) {
    const flag = buildMembershipFlag({ actionId: input.actionId, patientId: input.patientId, start: input.date, ...(input.recordedBy ? { author: input.recordedBy } : {}) });
    outcomes.push(await attempt(writer, MEMBERSHIP_TARGET, () => createOnce(writer.api, flag, flag.identifier![0]!)));
  } else if (input.kind === 'discharged' && active.length > 0) {
    outcomes.push(await attempt(writer, MEMBERSHIP_TARGET, () => endFlags(writer.api, active, input.date)));
  }
  // The follow-up CMS2 counts after a positive screen. Where the EHR takes no ServiceRequest
  // from the app, the step's note text is the record of the referral, so a refusal is no error.
  const referral = buildFollowUpReferral(input);
  if (referral && outcomes[0]?.saved) {
    const outcome = await attempt(writer, FOLLOW_UP_REFERRAL_TARGET, () => createOnce(writer.api, referral, referral.identifier![0]!));
    if (outcome.saved || writeCapabilitiesFor(writer).getSnapshot().verdict(FOLLOW_UP_REFERRAL_TARGET).status !== 'not-allowed') outcomes.push(outcome);
  }
  return outcomes;
}

/** Records a psychiatric review and closes the open review requests it answers. */
export async function recordReview(writer: RegistryWriter, input: ReviewInput, flags: readonly Flag[]): Promise<RecordOutcome[]> {
  const observation = buildReviewObservation(input);
  const outcomes = [await attempt(writer, REVIEW_TARGET, () => createOnce(writer.api, observation, observation.identifier![0]!))];
  const open = activeFlagsWithCode(flags, REVIEW_REQUEST_FLAG);
  if (outcomes[0]?.saved && open.length > 0) outcomes.push(await attempt(writer, REVIEW_REQUEST_TARGET, () => endFlags(writer.api, open, input.when)));
  return outcomes;
}

/** "Flag for review": one active request per patient is enough. */
export async function requestReview(
  writer: RegistryWriter,
  input: { actionId: string; patientId: string; when: string; author?: string },
  flags: readonly Flag[],
): Promise<RecordOutcome[]> {
  if (activeFlagsWithCode(flags, REVIEW_REQUEST_FLAG).length > 0) return [{ label: 'review request flag', saved: true }];
  const flag = buildReviewRequestFlag(input);
  return [await attempt(writer, REVIEW_REQUEST_TARGET, () => createOnce(writer.api, flag, flag.identifier![0]!))];
}

/** "Mark as seen" on a recommendation: one record per user action (a retry finds the first copy). */
export async function recordRecommendationSeen(writer: RegistryWriter, input: Parameters<typeof buildRecommendationSeenObservation>[0]): Promise<RecordOutcome> {
  const observation = buildRecommendationSeenObservation(input);
  return attempt(writer, RECOMMENDATION_SEEN_TARGET, () => createOnce(writer.api, observation, observation.identifier![0]!));
}

/** "Risk assessed" for a safety finding: closes its alert; the finding stays in the history. */
export async function recordRiskAssessment(writer: RegistryWriter, input: RiskAssessmentInput): Promise<RecordOutcome> {
  const observation = buildRiskAssessmentObservation(input);
  return attempt(writer, RISK_ASSESSMENT_TARGET, () => createOnce(writer.api, observation, observation.identifier![0]!));
}
