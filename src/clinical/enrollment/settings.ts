/**
 * Registry rules that are settings (docs/clinical-rules.md, "Enrollment, caseload and case
 * review"). Defaults from clinical-reference.md: the CPT episode of care, IMPACT / COMPASS
 * contact cadence and the AIMS systematic case review.
 */
export interface RegistrySettings {
  /** An episode ends after this many consecutive months without CoCM services (CPT). */
  readonly episodeGapMonths: number;
  /** Days from referral to the initial assessment before the scale is overdue. */
  readonly initialAssessmentDays: number;
  /** Days between scales in active treatment (IMPACT: about every 2 weeks). */
  readonly activeCadenceDays: number;
  /** Days between scales in relapse prevention (continuation: about monthly). */
  readonly relapsePreventionCadenceDays: number;
  /** Not improving patients come back to review when not reviewed within this many weeks. */
  readonly reviewRecencyWeeks: number;
  /** "New" in the review queue: enrolled this many weeks ago or less, with no review yet. */
  readonly newPatientWeeks: number;
}

export const DEFAULT_REGISTRY_SETTINGS: RegistrySettings = {
  episodeGapMonths: 6,
  initialAssessmentDays: 14,
  activeCadenceDays: 14,
  relapsePreventionCadenceDays: 30,
  reviewRecencyWeeks: 4,
  newPatientWeeks: 4,
};

export function resolveRegistrySettings(override?: Partial<RegistrySettings>): RegistrySettings {
  return override ? { ...DEFAULT_REGISTRY_SETTINGS, ...override } : DEFAULT_REGISTRY_SETTINGS;
}
