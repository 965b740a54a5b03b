// Enrollment in Collaborative Care: the registry's records, episodes of care and phases.
// Pure: no I/O, no clock reads. Rules: docs/clinical-rules.md; mapping: docs/fhir-mapping.md.
export * from './codes.ts';
export type * from './types.ts';
export { readRegistryRecords } from './readRegistryRecords.ts';
export { careManagerHint } from './careManagerHint.ts';
export { deriveEnrollment, isOpenPhase, phaseLabel, treatmentStart, type EpisodeOptions } from './episodes.ts';
export { DEFAULT_REGISTRY_SETTINGS, resolveRegistrySettings, type RegistrySettings } from './settings.ts';
export { addDays, addMonths, daysBetween } from './calendar.ts';
export {
  buildEnrollmentObservation,
  buildMembershipFlag,
  buildRecommendationSeenObservation,
  buildReviewObservation,
  buildReviewRequestFlag,
  endFlag,
  hasRecommendation,
  recommendationText,
  registryIdentifier,
  type RecommendationPlan,
  type EnrollmentEventInput,
  type ReviewInput,
} from './records.ts';
export { enrollmentNoteText, reviewNoteText, type NamedPeople } from './noteText.ts';
export { buildFollowUpReferral, PATIENT_REFERRAL_CATEGORY, REFER_TO_MENTAL_HEALTH_WORKER } from './followUpReferral.ts';
