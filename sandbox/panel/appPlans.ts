/**
 * Treatment plans as the app itself writes them (the app's identifiers and codes), for some
 * synthetic patients, so the Treatment plan region has plans to show and revise from the first
 * launch: built with the app's own pure builders (src/clinical/careplan), with a history of
 * one revision. Patients without one still have the "other system" plans of treatment.ts.
 */
import type { Resource } from '@medplum/fhirtypes';
import {
  buildPatientGoal,
  buildTargetGoal,
  buildTreatmentCarePlan,
  changeNote,
  describePlanChanges,
  targetGoals,
  type TreatmentPlanContent,
} from '../../src/clinical/careplan/index.ts';

export interface AppPlanInput {
  patient: string;
  key: string;
  pcp: string;
  /** yyyy-MM-dd the plan started (the episode's start). */
  start: string;
  /** yyyy-MM-dd of the revision (about week 4). */
  revised: string;
  onMedication: boolean;
  depressionCondition: string;
}

export function appTreatmentPlan(input: AppPlanInput): Resource[] {
  const planId = `sandbox-plan-${input.key}`;
  const targets = targetGoals(input.start, undefined);
  const first: TreatmentPlanContent = {
    problems: [{ reference: `Condition/${input.depressionCondition}`, text: 'Depression' }],
    ownGoals: [{ key: 'own1', text: 'Get back to walking with my neighbour in the mornings' }],
    parts: [
      { key: 'p1', kind: 'follow-up', description: 'Care manager call every 2 weeks with a PHQ-9', owner: 'care-manager', status: 'in-progress' },
      { key: 'p2', kind: 'psychotherapy', description: 'Behavioural activation, 6 sessions', owner: 'care-manager', status: 'not-started' },
      ...(input.onMedication
        ? [{ key: 'p3', kind: 'medication' as const, description: 'Antidepressant as prescribed by the PCP', owner: 'pcp' as const, status: 'in-progress' as const }]
        : []),
      { key: 'p4', kind: 'physical-health', description: 'Check sleep and thyroid at the next visit', owner: 'pcp', status: 'not-started' },
    ],
  };
  const revised: TreatmentPlanContent = { ...first, parts: first.parts.map((p) => (p.key === 'p2' ? { ...p, status: 'in-progress' as const } : p)) };
  const goals = [
    ...targets.map((t) => buildTargetGoal(planId, input.patient, input.start, t)),
    ...first.ownGoals.map((g) => buildPatientGoal(planId, input.patient, input.start, g)),
  ].map((g, i) => ({
    ...g,
    id: `goal-${input.key}-app-${i + 1}`,
  }));
  const base = { planId, patientId: input.patient, start: input.start, targets, author: `Practitioner/${input.pcp}`, goalReferences: goals.map((g) => `Goal/${g.id}`) };
  const written = buildTreatmentCarePlan({ ...base, content: first, when: `${input.start}T10:00:00-05:00`, change: 'Plan written' });
  const plan = buildTreatmentCarePlan({
    ...base,
    content: revised,
    when: `${input.revised}T10:00:00-05:00`,
    change: changeNote(describePlanChanges(first, revised)),
    previous: written,
  });
  return [...goals, { ...plan, id: `careplan-${input.key}-app` }];
}
