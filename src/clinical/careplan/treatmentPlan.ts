/**
 * Pure builders of the treatment plan (docs/fhir-mapping.md, "Treatment plan"): a US Core
 * CarePlan whose `addresses` are the Conditions on record, whose `goal`s are the
 * treat-to-target Goals (PHQ-9 < 5; a 50% drop from baseline) and the patient's own, and whose
 * activities are the parts of the plan with their owner role and status. No I/O, no clock.
 */
import type { CarePlan, CarePlanActivity, Extension, Goal } from '@medplum/fhirtypes';
import {
  GOAL_CATEGORY_BEHAVIORAL,
  GOAL_KIND_SYSTEM,
  OWNER_ROLE_EXTENSION,
  OWNER_ROLE_LABEL,
  PART_KIND_LABEL,
  PART_KIND_SYSTEM,
  PART_STATUS_LABEL,
  PHQ9_TOTAL,
  RECOMMENDED_BY_EXTENSION,
  type TargetKind,
  US_CORE_GOAL_PROFILE,
} from './codes.ts';
import { narrative, planIdentifier, planShell, type PlanShell } from './planResource.ts';
import { addWeeks, DEFAULT_PLAN_SETTINGS, type PlanSettings } from './settings.ts';
import type { PatientGoal, PlanPart, TargetGoal, TreatmentPlanContent } from './types.ts';

/** The two treat-to-target goals of a plan starting on `start` (yyyy-MM-dd). */
export function targetGoals(start: string, baseline: number | undefined, settings: PlanSettings = DEFAULT_PLAN_SETTINGS): TargetGoal[] {
  return [
    { kind: 'response', due: addWeeks(start, settings.responseWeeks), baseline },
    { kind: 'remission', due: addWeeks(start, settings.remissionWeeks), baseline },
  ];
}

/** "PHQ-9 at least 50% below baseline (16): 8 or less, by 2027-02-01". */
export function targetWords(target: TargetGoal): string {
  if (target.kind === 'remission') return `PHQ-9 below 5 (remission) by ${target.due}`;
  const limit = target.baseline !== undefined ? Math.floor(target.baseline / 2) : undefined;
  return `PHQ-9 at least 50% below baseline${target.baseline !== undefined ? ` (${target.baseline}): ${limit} or less` : ''} (response) by ${target.due}`;
}

const GOAL_KIND_DISPLAY: Readonly<Record<TargetKind | 'patient', string>> = {
  remission: 'Remission: PHQ-9 below 5',
  response: 'Response: PHQ-9 at least 50% below baseline',
  patient: "The patient's own goal",
};

function goalBase(planId: string, key: string, patientId: string, start: string, kind: TargetKind | 'patient'): Goal {
  return {
    resourceType: 'Goal',
    meta: { profile: [US_CORE_GOAL_PROFILE] },
    identifier: [planIdentifier(planId, key)],
    lifecycleStatus: 'active',
    category: [{ coding: [GOAL_CATEGORY_BEHAVIORAL] }, { coding: [{ system: GOAL_KIND_SYSTEM, code: kind, display: GOAL_KIND_DISPLAY[kind] }] }],
    description: { text: '' },
    subject: { reference: `Patient/${patientId}` },
    startDate: start,
  };
}

export function buildTargetGoal(planId: string, patientId: string, start: string, target: TargetGoal): Goal {
  const goal = goalBase(planId, `goal-${target.kind}`, patientId, start, target.kind);
  const detail =
    target.kind === 'remission'
      ? { detailQuantity: { value: 5, comparator: '<' as const, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' } }
      : target.baseline !== undefined
        ? { detailQuantity: { value: Math.floor(target.baseline / 2), comparator: '<=' as const, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' } }
        : { detailString: 'at least 50% below the baseline PHQ-9' };
  return { ...goal, description: { text: targetWords(target) }, target: [{ measure: { coding: [PHQ9_TOTAL] }, ...detail, dueDate: target.due }] };
}

export function buildPatientGoal(planId: string, patientId: string, start: string, own: PatientGoal): Goal {
  const goal = goalBase(planId, `own-${own.key}`, patientId, start, 'patient');
  return { ...goal, description: { text: own.text.trim() }, expressedBy: { reference: `Patient/${patientId}` } };
}

function activityOf(part: PlanPart): CarePlanActivity {
  const extension: Extension[] = [{ url: OWNER_ROLE_EXTENSION, valueCode: part.owner }];
  if (part.recommendedBy) extension.push({ url: RECOMMENDED_BY_EXTENSION, valueReference: { reference: part.recommendedBy } });
  return {
    id: part.key,
    detail: {
      extension,
      code: { coding: [{ system: PART_KIND_SYSTEM, code: part.kind, display: PART_KIND_LABEL[part.kind] }], text: PART_KIND_LABEL[part.kind] },
      ...(part.recommendation ? { reasonReference: [{ reference: part.recommendation, display: 'Psychiatric case review' }] } : {}),
      status: part.status,
      performer: [{ display: OWNER_ROLE_LABEL[part.owner] }],
      description: part.description.trim(),
    },
  };
}

/** The plan in words, line by line: the narrative, the note text and the copy-ready text share it. */
export function treatmentPlanLines(content: TreatmentPlanContent, targets: readonly TargetGoal[], start: string): string[] {
  return [
    `Collaborative care treatment plan, started ${start}.`,
    ...(content.problems.length ? [`Problems addressed: ${content.problems.map((p) => p.text).join('; ')}.`] : []),
    ...targets.map((t) => `Goal: ${targetWords(t)}.`),
    ...content.ownGoals.map((g) => `Patient's goal: ${g.text.trim()}`),
    ...content.parts.map(
      (p) =>
        `${PART_KIND_LABEL[p.kind]}: ${p.description.trim()} (owner: ${OWNER_ROLE_LABEL[p.owner]}; ${PART_STATUS_LABEL[p.status].toLowerCase()}${p.recommendedBy ? '; from a psychiatric recommendation' : ''}).`,
    ),
  ];
}

export interface TreatmentPlanInput extends Omit<PlanShell, 'kind'> {
  readonly content: TreatmentPlanContent;
  readonly targets: readonly TargetGoal[];
  /** `Goal/123` for each Goal of the plan, in the plan's order (targets, then the patient's own). */
  readonly goalReferences: readonly string[];
}

export function buildTreatmentCarePlan(input: TreatmentPlanInput): CarePlan {
  const plan = planShell({ ...input, kind: 'treatment' });
  return {
    ...plan,
    text: narrative(treatmentPlanLines(input.content, input.targets, input.start)),
    ...(input.content.problems.length ? { addresses: input.content.problems.map((p) => ({ reference: p.reference, display: p.text })) } : {}),
    ...(input.goalReferences.length ? { goal: input.goalReferences.map((reference) => ({ reference })) } : {}),
    ...(input.content.parts.length ? { activity: input.content.parts.map(activityOf) } : {}),
    description: 'Measurement-based collaborative care plan made with the patient.',
  };
}

/** Words for the problems a content misses before it can be saved; empty when it can. */
export function planProblems(content: TreatmentPlanContent): string[] {
  const problems: string[] = [];
  content.parts.forEach((p, i) => {
    if (!p.description.trim()) problems.push(`Part ${i + 1} (${PART_KIND_LABEL[p.kind].toLowerCase()}) needs a description.`);
  });
  content.ownGoals.forEach((g, i) => {
    if (!g.text.trim()) problems.push(`The patient's goal ${i + 1} is empty: write it or remove it.`);
  });
  return problems;
}
