import type { DischargeReason, EventKind } from './codes.ts';

/** One enrollment event as recorded (a registry Observation). */
export interface EnrollmentEvent {
  /** `Observation/123`. */
  readonly reference: string;
  readonly kind: EventKind;
  /** yyyy-MM-dd as written (the clinic's date). */
  readonly date: string;
  /** For ordering events of the same day. */
  readonly instant: number;
  readonly careManager: string | undefined;
  readonly pcp: string | undefined;
  readonly recordedBy: string | undefined;
  /** Relapse prevention: the date of the relapse prevention plan. */
  readonly planDate: string | undefined;
  readonly dischargeReason: DischargeReason | undefined;
}

/** A psychiatric case review with its recommendation to the PCP. */
export interface PsychiatricReview {
  readonly reference: string;
  readonly date: string;
  readonly instant: number;
  readonly recommendation: string;
  readonly nextReviewDate: string | undefined;
  /** `Practitioner/123`: the reviewer. */
  readonly reviewer: string | undefined;
  /** The structured parts, where the review carries them. */
  readonly plan: { readonly medicationChange?: string; readonly psychotherapy?: string; readonly referral?: string };
}

/** Someone read a review's recommendation (a `recommendation-seen` Observation). */
export interface RecommendationSeen {
  /** The review it answers, `Observation/123`. */
  readonly review: string;
  readonly by: string | undefined;
  readonly date: string;
}

/** A registry Flag (membership or a review request). */
export interface RegistryFlag {
  readonly reference: string;
  readonly id: string | undefined;
  readonly active: boolean;
  /** yyyy-MM-dd of period.start. */
  readonly since: string | undefined;
  readonly versionId: string | undefined;
}

export interface RegistryRecords {
  /** Oldest first. */
  readonly events: readonly EnrollmentEvent[];
  /** Oldest first. */
  readonly reviews: readonly PsychiatricReview[];
  readonly seen: readonly RecommendationSeen[];
  readonly membershipFlags: readonly RegistryFlag[];
  readonly reviewRequests: readonly RegistryFlag[];
  /** Registry records that could not be used, with the reason. */
  readonly unreadable: readonly { reference: string; reason: string }[];
}

/** Where a patient stands in Collaborative Care. */
export type EpisodePhase =
  | 'referred'
  | 'active'
  | 'relapse-prevention'
  | 'discharged'
  /** Ended by the gap rule: 6 months without CoCM services, no discharge recorded. */
  | 'inactive';

export interface Episode {
  /** Start of the episode of care: the referral, else the enrollment (CPT: starts at referral). */
  readonly start: string;
  readonly referredOn: string | undefined;
  readonly enrolledOn: string | undefined;
  readonly phase: EpisodePhase;
  readonly phaseSince: string;
  readonly careManager: string | undefined;
  readonly pcp: string | undefined;
  readonly relapsePreventionPlanDate: string | undefined;
  /** Last day of the episode: the discharge, or the day the 6-month gap ran out. */
  readonly end: string | undefined;
  readonly dischargeReason: DischargeReason | undefined;
  /** Latest CoCM service (registry event, score, review) counted in this episode. */
  readonly lastServiceDate: string;
  readonly events: readonly EnrollmentEvent[];
}

export interface EnrollmentState {
  /** Oldest first. */
  readonly episodes: readonly Episode[];
  /** The latest episode (open or ended); undefined when never referred or enrolled. */
  readonly current: Episode | undefined;
  /** True when the current episode is open (referred, active or relapse prevention). */
  readonly open: boolean;
  /** Events that could not be placed in an episode, in words. */
  readonly problems: readonly string[];
}
