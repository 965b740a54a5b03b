/**
 * Active CarePlans and their goals, as short text: the plan's title and activities, each
 * goal with its targets ("PHQ-9 total < 5 by 2025-09-01"). Goals no active plan names are
 * listed on their own.
 */
import type { CarePlan, CodeableConcept, Goal, GoalTarget } from '@medplum/fhirtypes';
import type { IgnoredRecord } from '../read/types.ts';
import { INSTRUMENTS } from '../instruments/index.ts';

export interface GoalSummary {
  reference: string;
  text: string;
  status: string;
  achievement: string | undefined;
  targets: string[];
  start: string | undefined;
}

export interface CarePlanSummary {
  reference: string;
  title: string;
  status: string;
  period: string | undefined;
  description: string | undefined;
  activities: string[];
  goals: GoalSummary[];
}

export interface CarePlansResult {
  plans: CarePlanSummary[];
  /** Active goals that no active plan names. */
  goals: GoalSummary[];
  ignored: IgnoredRecord[];
}

const OPEN_GOAL = new Set(['proposed', 'planned', 'accepted', 'active', 'on-hold']);

function text(concept: CodeableConcept | undefined): string | undefined {
  if (!concept) return undefined;
  if (typeof concept.text === 'string' && concept.text.trim()) return concept.text.trim();
  return (Array.isArray(concept.coding) ? concept.coding : []).find((c) => typeof c?.display === 'string' && c.display.trim())?.display?.trim();
}

const TOTAL_CODES = new Map(
  Object.values(INSTRUMENTS)
    .filter((d) => d.totalCode)
    .map((d) => [d.totalCode as string, `${d.name} total`]),
);

function measureName(measure: CodeableConcept | undefined): string | undefined {
  const coded = (Array.isArray(measure?.coding) ? measure.coding : []).map((c) => (c?.code ? TOTAL_CODES.get(c.code) : undefined)).find(Boolean);
  return coded ?? text(measure);
}

function targetWords(target: GoalTarget): string | undefined {
  const measure = measureName(target.measure);
  const q = target.detailQuantity;
  let detail: string | undefined;
  if (q && typeof q.value === 'number') detail = `${q.comparator ?? '='} ${q.value}${q.unit && q.unit !== '{score}' ? ` ${q.unit}` : ''}`;
  else if (target.detailRange) detail = `${target.detailRange.low?.value ?? ''}-${target.detailRange.high?.value ?? ''}`;
  else if (typeof target.detailString === 'string') detail = target.detailString;
  else if (target.detailCodeableConcept) detail = text(target.detailCodeableConcept);
  const due = target.dueDate ? ` by ${target.dueDate}` : '';
  const words = [measure, detail].filter(Boolean).join(' ');
  return words ? `${words}${due}` : due ? `due${due}` : undefined;
}

export function summarizeGoal(goal: Goal): GoalSummary {
  return {
    reference: `Goal/${goal.id ?? '?'}`,
    text: text(goal.description) ?? 'Goal without a description',
    status: goal.lifecycleStatus ?? 'unknown',
    achievement: text(goal.achievementStatus),
    targets: (Array.isArray(goal.target) ? goal.target : []).map(targetWords).filter((t): t is string => Boolean(t)),
    start: goal.startDate,
  };
}

export function summarizeCarePlans(carePlans: readonly CarePlan[], goals: readonly Goal[]): CarePlansResult {
  const ignored: IgnoredRecord[] = [];
  const openGoals = new Map<string, GoalSummary>();
  for (const goal of goals) {
    if (!goal || typeof goal !== 'object') continue;
    if (goal.lifecycleStatus === 'entered-in-error') ignored.push({ reference: `Goal/${goal.id ?? '?'}`, reason: 'marked entered in error' });
    else if (OPEN_GOAL.has(goal.lifecycleStatus ?? '')) openGoals.set(`Goal/${goal.id ?? '?'}`, summarizeGoal(goal));
  }
  const attached = new Set<string>();
  const plans: CarePlanSummary[] = [];
  for (const plan of carePlans) {
    if (!plan || typeof plan !== 'object') continue;
    if (plan.status === 'entered-in-error') {
      ignored.push({ reference: `CarePlan/${plan.id ?? '?'}`, reason: 'marked entered in error' });
      continue;
    }
    if (plan.status !== 'active') continue;
    const goalRefs = (Array.isArray(plan.goal) ? plan.goal : []).map((g) => g?.reference).filter((r): r is string => typeof r === 'string');
    const planGoals = goalRefs.map((r) => openGoals.get(r.replace(/^.*\/(Goal\/[^/]+)$/, '$1'))).filter((g): g is GoalSummary => Boolean(g));
    planGoals.forEach((g) => attached.add(g.reference));
    const activities = (Array.isArray(plan.activity) ? plan.activity : [])
      .map((a) => text(a?.detail?.code) ?? (typeof a?.detail?.description === 'string' ? a.detail.description : undefined) ?? a?.reference?.display)
      .filter((t): t is string => Boolean(t));
    const start = plan.period?.start?.slice(0, 10);
    const end = plan.period?.end?.slice(0, 10);
    plans.push({
      reference: `CarePlan/${plan.id ?? '?'}`,
      title: plan.title ?? text(plan.category?.[0]) ?? 'Care plan',
      status: plan.status,
      period: start ? `from ${start}${end ? ` to ${end}` : ''}` : undefined,
      description: plan.description,
      activities,
      goals: planGoals,
    });
  }
  return { plans, goals: [...openGoals.values()].filter((g) => !attached.has(g.reference)), ignored };
}
