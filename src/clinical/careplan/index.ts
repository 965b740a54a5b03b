// The treatment plan, the relapse prevention plan and their notes: pure builders and readers.
export * from './codes.ts';
export { buildPlanNote, readPlanNotes, type PlanNote, type PlanNoteInput } from './planNote.ts';
export { planIdentifier } from './planResource.ts';
export {
  buildRelapseCarePlan,
  CRISIS_LINES,
  EMPTY_RELAPSE_PLAN,
  readRelapseContent,
  RELAPSE_FIELD_HINT,
  RELAPSE_FIELD_LABEL,
  RELAPSE_FIELDS,
  relapsePlanLines,
  relapsePlanProblems,
  type RelapseField,
  type RelapsePlanContent,
} from './relapsePlan.ts';
export {
  readPlans,
  targetProgress,
  type PlansInput,
  type PlansModel,
  type StoredPlan,
  type StoredRelapsePlan,
  type StoredTreatmentPlan,
  type TargetProgress,
} from './readPlans.ts';
export { changeNote, describePlanChanges, describeRelapseChanges } from './revisions.ts';
export { addWeeks, DEFAULT_PLAN_SETTINGS, type PlanSettings } from './settings.ts';
export { buildPatientGoal, buildTargetGoal, buildTreatmentCarePlan, planProblems, targetGoals, targetWords, treatmentPlanLines, type TreatmentPlanInput } from './treatmentPlan.ts';
export type { PatientGoal, PlanPart, PlanProblem, PlanRevision, TargetGoal, TreatmentPlanContent } from './types.ts';
