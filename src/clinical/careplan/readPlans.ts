/**
 * The patient's plans as the Treatment plan and Relapse prevention plan regions show them:
 * the app's own treatment plan (content, treat-to-target goals with progress against the
 * latest PHQ-9, history), its relapse prevention plan, the plans and goals other systems
 * wrote, and plan of care notes. A plan with unknown codes or missing parts is read as far as
 * it can be, and what could not be read is said. Pure.
 */
import type { CarePlan, Goal } from '@medplum/fhirtypes';
import type { CourseSummary } from '../course/course.ts';
import { parseFhirDate } from '../time/fhirDate.ts';
import { type CarePlansResult, summarizeCarePlans } from '../treatment/carePlans.ts';
import {
  codeIn,
  GOAL_KIND_SYSTEM,
  OWNER_ROLE_EXTENSION,
  OWNER_ROLES,
  type OwnerRole,
  PART_KIND_SYSTEM,
  PART_KINDS,
  type PartKind,
  PART_STATUSES,
  type PartStatus,
  PLAN_IDENTIFIER_SYSTEM,
  PLAN_KIND_SYSTEM,
  type PlanKind,
  RECOMMENDED_BY_EXTENSION,
  type TargetKind,
} from './codes.ts';
import { type PlanNote, readPlanNotes } from './planNote.ts';
import { readRelapseContent, type RelapsePlanContent } from './relapsePlan.ts';
import type { PatientGoal, PlanPart, PlanRevision, TargetGoal, TreatmentPlanContent } from './types.ts';
import type { DocumentReference } from '@medplum/fhirtypes';

/** Where the app's own CarePlan stands on the server (what a revision must send with If-Match). */
export interface StoredPlan {
  readonly id: string;
  readonly versionId: string | undefined;
  /** The UUID of its identifier (Goals and notes of the plan derive theirs from it). */
  readonly planId: string;
  readonly start: string;
  readonly resource: CarePlan;
  readonly history: readonly PlanRevision[];
  /** What could not be read, in words ("1 part of an unknown kind is shown as follow-up"). */
  readonly problems: readonly string[];
}

export interface TargetProgress {
  readonly target: TargetGoal;
  /** True when met by the latest score; undefined when there is no score to judge by. */
  readonly met: boolean | undefined;
  /** Past its due date and not met. */
  readonly overdue: boolean;
  readonly words: string;
}

export interface StoredTreatmentPlan extends StoredPlan {
  readonly content: TreatmentPlanContent;
  readonly targets: readonly TargetProgress[];
  /** The patient's own Goals as read, by key (a removed goal is closed with its version). */
  readonly ownGoalResources: ReadonlyMap<string, Goal>;
  /** Every Goal of the plan as read, by reference. */
  readonly goalResources: ReadonlyMap<string, Goal>;
}

export interface StoredRelapsePlan extends StoredPlan {
  readonly content: RelapsePlanContent;
}

export interface PlansModel {
  readonly treatment: StoredTreatmentPlan | undefined;
  readonly relapse: StoredRelapsePlan | undefined;
  /** Active plans and goals other systems wrote (shown, never edited). */
  readonly others: CarePlansResult;
  readonly notes: readonly PlanNote[];
}

export interface PlansInput {
  readonly carePlans: readonly CarePlan[];
  readonly goals: readonly Goal[];
  readonly documents: readonly DocumentReference[];
  /** The current PHQ-9 course (baseline and latest in this episode). */
  readonly phq9: CourseSummary | undefined;
  /** The clinic's date today, yyyy-MM-dd. */
  readonly today: string;
}

function planIdOf(plan: CarePlan): string | undefined {
  return (plan.identifier ?? []).find((i) => i?.system === PLAN_IDENTIFIER_SYSTEM && typeof i.value === 'string' && !i.value.includes('/'))?.value;
}

function kindOf(plan: CarePlan): PlanKind | undefined {
  return codeIn(
    (plan.category ?? []).flatMap((c) => c?.coding ?? []),
    PLAN_KIND_SYSTEM,
  ) as PlanKind | undefined;
}

function historyOf(plan: CarePlan): PlanRevision[] {
  return (Array.isArray(plan.note) ? plan.note : [])
    .filter((n) => typeof n?.text === 'string')
    .map((n) => {
      const parsed = parseFhirDate(n.time);
      return { date: parsed?.localDate ?? 'date not recorded', instant: parsed?.instant ?? 0, author: n.authorReference?.reference ?? n.authorString, text: n.text };
    })
    .sort((a, b) => a.instant - b.instant);
}

function extensionOf(extensions: CarePlan['extension'], url: string) {
  return (Array.isArray(extensions) ? extensions : []).find((e) => e?.url === url);
}

function stored(plan: CarePlan & { id: string }, planId: string, problems: string[]): StoredPlan {
  return {
    id: plan.id,
    versionId: plan.meta?.versionId,
    planId,
    start: plan.period?.start?.slice(0, 10) ?? plan.created?.slice(0, 10) ?? 'unknown',
    resource: plan,
    history: historyOf(plan),
    problems,
  };
}

function readParts(plan: CarePlan, problems: string[]): PlanPart[] {
  let unknownKind = 0;
  let unknownOwner = 0;
  const parts: PlanPart[] = [];
  (Array.isArray(plan.activity) ? plan.activity : []).forEach((activity, index) => {
    const detail = activity?.detail;
    const description = typeof detail?.description === 'string' ? detail.description : (detail?.code?.text ?? activity?.reference?.display);
    if (!description) {
      problems.push(`Part ${index + 1} of the plan has no description and is not shown.`);
      return;
    }
    const kindCode = codeIn(detail?.code?.coding, PART_KIND_SYSTEM) as PartKind | undefined;
    const kind = kindCode && PART_KINDS.includes(kindCode) ? kindCode : undefined;
    if (!kind) unknownKind++;
    const ownerCode = extensionOf(detail?.extension, OWNER_ROLE_EXTENSION)?.valueCode as OwnerRole | undefined;
    const owner = ownerCode && OWNER_ROLES.includes(ownerCode) ? ownerCode : undefined;
    if (!owner) unknownOwner++;
    const status = PART_STATUSES.includes(detail?.status as PartStatus) ? (detail?.status as PartStatus) : 'in-progress';
    const recommendedBy = extensionOf(detail?.extension, RECOMMENDED_BY_EXTENSION)?.valueReference?.reference;
    const recommendation = detail?.reasonReference?.[0]?.reference;
    parts.push({
      key: typeof activity.id === 'string' && activity.id ? activity.id : `part-${index + 1}`,
      kind: kind ?? 'follow-up',
      description,
      owner: owner ?? 'care-manager',
      status,
      ...(recommendedBy ? { recommendedBy } : {}),
      ...(recommendation ? { recommendation } : {}),
    });
  });
  if (unknownKind)
    problems.push(
      `${unknownKind} ${unknownKind === 1 ? 'part is' : 'parts are'} of a kind the app does not know and ${unknownKind === 1 ? 'is' : 'are'} shown as care manager follow-up.`,
    );
  if (unknownOwner) problems.push(`${unknownOwner} ${unknownOwner === 1 ? 'part names' : 'parts name'} no owner role the app knows; shown as owned by the care manager.`);
  return parts;
}

/** How a target stands against the latest PHQ-9 of the current episode. */
export function targetProgress(target: TargetGoal, phq9: CourseSummary | undefined, today: string): TargetProgress {
  const latest = phq9?.latest;
  const baseline = phq9?.baseline?.total ?? target.baseline;
  const dueWords = `due ${target.due}`;
  if (!latest || latest.total === undefined) return { target, met: undefined, overdue: false, words: `No PHQ-9 in this episode yet; ${dueWords}.` };
  const on = latest.localDate ? ` on ${latest.localDate}` : '';
  let met: boolean | undefined;
  let words: string;
  if (target.kind === 'remission') {
    met = latest.total < 5;
    words = met ? `Met: latest PHQ-9 ${latest.total}${on}.` : `Not yet: latest PHQ-9 ${latest.total}${on} (target below 5); ${dueWords}.`;
  } else if (baseline === undefined || baseline === 0) {
    met = undefined;
    words = `No baseline PHQ-9 to measure the drop from; latest ${latest.total}${on}; ${dueWords}.`;
  } else {
    const drop = Math.round(((baseline - latest.total) / baseline) * 100);
    met = drop >= 50;
    const change = drop >= 0 ? `${drop}% below` : `${-drop}% above`;
    words = met
      ? `Met: latest PHQ-9 ${latest.total}${on} is ${change} baseline ${baseline}.`
      : `Not yet: latest PHQ-9 ${latest.total}${on} is ${change} baseline ${baseline} (target 50%); ${dueWords}.`;
  }
  return { target, met, overdue: met === false && target.due < today, words };
}

function targetOf(goal: Goal, kind: TargetKind): TargetGoal {
  const t = goal.target?.[0];
  const due = t?.dueDate ?? goal.startDate ?? 'unknown';
  const q = t?.detailQuantity?.value;
  // The response goal's limit is half the baseline (rounded down): the baseline is not stored.
  return { kind, due, baseline: kind === 'response' && typeof q === 'number' ? q * 2 : undefined };
}

function readTreatment(plan: CarePlan & { id: string }, planId: string, goalsByRef: Map<string, Goal>, input: PlansInput): StoredTreatmentPlan {
  const problems: string[] = [];
  const parts = readParts(plan, problems);
  const targets: TargetProgress[] = [];
  const ownGoals: PatientGoal[] = [];
  const ownGoalResources = new Map<string, Goal>();
  const goalResources = new Map<string, Goal>();
  let missingGoals = 0;
  for (const ref of (plan.goal ?? []).map((g) => g?.reference).filter((r): r is string => typeof r === 'string')) {
    const key = ref.replace(/^.*\/(Goal\/[^/]+)$/, '$1');
    const goal = goalsByRef.get(key);
    if (!goal) {
      missingGoals++;
      continue;
    }
    goalResources.set(key, goal);
    const kind = codeIn(
      (goal.category ?? []).flatMap((c) => c?.coding ?? []),
      GOAL_KIND_SYSTEM,
    );
    if (kind === 'remission' || kind === 'response') targets.push(targetProgress(targetOf(goal, kind), input.phq9, input.today));
    else {
      const ownKey = (goal.identifier ?? []).find((i) => i?.system === PLAN_IDENTIFIER_SYSTEM)?.value?.split('/own-')[1] ?? goal.id ?? key;
      ownGoals.push({ key: ownKey, text: goal.description?.text ?? '' });
      ownGoalResources.set(ownKey, goal);
    }
  }
  if (missingGoals) problems.push(`${missingGoals} of the plan's goals could not be found in the EHR.`);
  targets.sort((a, b) => (a.target.kind === b.target.kind ? 0 : a.target.kind === 'response' ? -1 : 1));
  const content: TreatmentPlanContent = {
    problems: (plan.addresses ?? []).filter((a) => typeof a?.reference === 'string').map((a) => ({ reference: a.reference as string, text: a.display ?? (a.reference as string) })),
    ownGoals,
    parts,
  };
  return { ...stored(plan, planId, problems), content, targets, ownGoalResources, goalResources };
}

function newest<T extends { resource: CarePlan }>(list: T[]): T | undefined {
  return [...list].sort((a, b) => (b.resource.meta?.lastUpdated ?? '').localeCompare(a.resource.meta?.lastUpdated ?? ''))[0];
}

export function readPlans(input: PlansInput): PlansModel {
  const goalsByRef = new Map(input.goals.filter((g) => g?.id).map((g) => [`Goal/${g.id as string}`, g]));
  const treatment: StoredTreatmentPlan[] = [];
  const relapse: StoredRelapsePlan[] = [];
  const others: CarePlan[] = [];
  const ourGoals = new Set<string>();
  for (const plan of input.carePlans) {
    if (!plan || typeof plan !== 'object') continue;
    const planId = planIdOf(plan);
    const kind = kindOf(plan);
    if (!planId || !kind || !plan.id || plan.status !== 'active') {
      others.push(plan);
      continue;
    }
    const withId = plan as CarePlan & { id: string };
    if (kind === 'treatment') {
      const read = readTreatment(withId, planId, goalsByRef, input);
      read.goalResources.forEach((_g, ref) => ourGoals.add(ref));
      treatment.push(read);
    } else {
      const { content, unknown } = readRelapseContent(plan);
      relapse.push({ ...stored(withId, planId, unknown ? [`${unknown} section${unknown === 1 ? '' : 's'} of the plan could not be read.`] : []), content });
    }
  }
  // The app's own goals belong to its plan; every other active goal is shown with the other systems' plans.
  const otherGoals = input.goals.filter((g) => !ourGoals.has(`Goal/${g?.id ?? ''}`) && !(g?.identifier ?? []).some((i) => i?.system === PLAN_IDENTIFIER_SYSTEM));
  return { treatment: newest(treatment), relapse: newest(relapse), others: summarizeCarePlans(others, otherGoals), notes: readPlanNotes(input.documents) };
}
