/** The treatment plan as the team edits and reads it; what the CarePlan and its Goals hold. */
import type { OwnerRole, PartKind, PartStatus, TargetKind } from './codes.ts';

/** A problem the plan addresses: a Condition on record (behavioural, or physical bearing on it). */
export interface PlanProblem {
  readonly reference: string;
  readonly text: string;
}

/** One part of the plan (a CarePlan.activity). `key` is stable across revisions. */
export interface PlanPart {
  readonly key: string;
  readonly kind: PartKind;
  readonly description: string;
  readonly owner: OwnerRole;
  readonly status: PartStatus;
  /** Accepted from a psychiatric recommendation: the reviewer (`Practitioner/1`) and the review. */
  readonly recommendedBy?: string;
  readonly recommendation?: string;
}

/** A goal in the patient's own words. `key` is stable across revisions. */
export interface PatientGoal {
  readonly key: string;
  readonly text: string;
}

/** What the team writes; the treat-to-target goals follow from the plan's start. */
export interface TreatmentPlanContent {
  readonly problems: readonly PlanProblem[];
  readonly ownGoals: readonly PatientGoal[];
  readonly parts: readonly PlanPart[];
}

/** A treat-to-target goal: PHQ-9 < 5 (remission) or a 50% drop from baseline (response). */
export interface TargetGoal {
  readonly kind: TargetKind;
  /** yyyy-MM-dd. */
  readonly due: string;
  /** The baseline PHQ-9 the response target was set from, when known. */
  readonly baseline: number | undefined;
}

/** One entry of the plan's history (a CarePlan.note): "Plan changed: …". */
export interface PlanRevision {
  /** yyyy-MM-dd as written. */
  readonly date: string;
  readonly instant: number;
  readonly author: string | undefined;
  readonly text: string;
}
