import type { CarePlan, Goal } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { CourseSummary } from '../course/course.ts';
import { r4Errors } from '../records/r4Validation.testkit.ts';
import {
  buildPatientGoal,
  buildPlanNote,
  buildRelapseCarePlan,
  buildTargetGoal,
  buildTreatmentCarePlan,
  changeNote,
  CRISIS_LINES,
  describePlanChanges,
  planProblems,
  readPlanNotes,
  readPlans,
  relapsePlanProblems,
  targetGoals,
  targetProgress,
  type TreatmentPlanContent,
} from './index.ts';

const PLAN_ID = '6f1c0d2e-1111-4aaa-8bbb-000000000001';
const WHEN = '2026-11-03T10:00:00-05:00';
const CONTENT: TreatmentPlanContent = {
  problems: [
    { reference: 'Condition/dep', text: 'Major depressive disorder, recurrent, moderate' },
    { reference: 'Condition/dm', text: 'Type 2 diabetes' },
  ],
  ownGoals: [{ key: 'a1', text: 'Walk with my sister three times a week' }],
  parts: [
    { key: 'p1', kind: 'medication', description: 'sertraline 50 mg daily', owner: 'pcp', status: 'in-progress' },
    { key: 'p2', kind: 'psychotherapy', description: 'Behavioural activation, 6 sessions', owner: 'care-manager', status: 'not-started' },
    { key: 'p3', kind: 'physical-health', description: 'HbA1c check', owner: 'pcp', status: 'not-started' },
  ],
};

function course(baseline: number | undefined, latest: number | undefined, date = '2026-12-01'): CourseSummary {
  const admin = (total: number | undefined, localDate: string) => ({ total, localDate }) as unknown as CourseSummary['latest'];
  return {
    baseline: baseline === undefined ? undefined : admin(baseline, '2026-11-01'),
    latest: latest === undefined ? undefined : admin(latest, date),
  } as unknown as CourseSummary;
}

/** The resources as a FHIR server gives them back: ids, versions. */
function saved(): { plan: CarePlan; goals: Goal[] } {
  const targets = targetGoals('2026-11-03', 16);
  const goals = [...targets.map((t) => buildTargetGoal(PLAN_ID, 'pat1', '2026-11-03', t)), ...CONTENT.ownGoals.map((g) => buildPatientGoal(PLAN_ID, 'pat1', '2026-11-03', g))].map(
    (g, i) => ({ ...g, id: `g${i}` }),
  );
  const plan = buildTreatmentCarePlan({
    planId: PLAN_ID,
    patientId: 'pat1',
    start: '2026-11-03',
    when: WHEN,
    author: 'Practitioner/pcp1',
    change: 'Plan written',
    content: CONTENT,
    targets,
    goalReferences: goals.map((g) => `Goal/${g.id}`),
  });
  return { plan: { ...plan, id: 'cp1', meta: { ...plan.meta, versionId: '1', lastUpdated: '2026-11-03T15:00:00Z' } }, goals };
}

describe('treatment plan builders', () => {
  it('builds a valid US Core shaped CarePlan and Goals', () => {
    const { plan, goals } = saved();
    expect(r4Errors(plan)).toEqual([]);
    for (const g of goals) expect(r4Errors(g)).toEqual([]);
    expect(plan).toMatchObject({
      status: 'active',
      intent: 'plan',
      subject: { reference: 'Patient/pat1' },
      addresses: [{ reference: 'Condition/dep' }, { reference: 'Condition/dm' }],
    });
    expect(plan.category?.[0]?.coding?.[0]?.code).toBe('assess-plan');
    expect(plan.text?.div).toContain('sertraline 50 mg daily');
    expect(plan.activity?.[0]?.detail?.performer?.[0]?.display).toBe('Primary care provider');
  });

  it('sets the response goal to half the baseline by week 12 and remission below 5 by week 24', () => {
    const [response, remission] = targetGoals('2026-11-03', 16);
    expect(response).toEqual({ kind: 'response', due: '2027-01-26', baseline: 16 });
    expect(remission?.due).toBe('2027-04-20');
    const goal = buildTargetGoal(PLAN_ID, 'pat1', '2026-11-03', response!);
    expect(goal.target?.[0]).toMatchObject({ measure: { coding: [{ code: '44261-6' }] }, detailQuantity: { value: 8, comparator: '<=' }, dueDate: '2027-01-26' });
    const noBaseline = buildTargetGoal(PLAN_ID, 'pat1', '2026-11-03', { kind: 'response', due: '2027-01-26', baseline: undefined });
    expect(noBaseline.target?.[0]?.detailString).toMatch(/50%/);
    expect(r4Errors(noBaseline)).toEqual([]);
  });

  it('keeps the patient goal in their words, expressed by the patient', () => {
    const goal = buildPatientGoal(PLAN_ID, 'pat1', '2026-11-03', { key: 'a1', text: '  Sleep through the night ' });
    expect(goal).toMatchObject({ description: { text: 'Sleep through the night' }, expressedBy: { reference: 'Patient/pat1' } });
  });

  it('says what is missing before saving', () => {
    expect(planProblems(CONTENT)).toEqual([]);
    expect(planProblems({ ...CONTENT, parts: [{ ...CONTENT.parts[0]!, description: ' ' }], ownGoals: [{ key: 'x', text: '' }] })).toEqual([
      'Part 1 (medication) needs a description.',
      "The patient's goal 1 is empty: write it or remove it.",
    ]);
  });
});

describe('revisions', () => {
  it('describes a dose change, a new part from a recommendation and a removed goal', () => {
    const after: TreatmentPlanContent = {
      ...CONTENT,
      ownGoals: [],
      parts: [
        { ...CONTENT.parts[0]!, description: 'sertraline 100 mg daily' },
        { ...CONTENT.parts[1]!, status: 'in-progress' },
        CONTENT.parts[2]!,
        {
          key: 'p4',
          kind: 'referral',
          description: 'Refer to psychotherapy',
          owner: 'care-manager',
          status: 'not-started',
          recommendedBy: 'Practitioner/psy',
          recommendation: 'Observation/rev1',
        },
      ],
    };
    expect(changeNote(describePlanChanges(CONTENT, after))).toBe(
      'Plan changed: Medication: sertraline 50 mg daily -> sertraline 100 mg daily; Psychotherapy "Behavioural activation, 6 sessions": planned -> in progress; Referral added: Refer to psychotherapy (from a psychiatric recommendation); Patient\'s goal removed: Walk with my sister three times a week',
    );
    expect(changeNote(describePlanChanges(undefined, CONTENT))).toBe('Plan written');
  });

  it('keeps earlier history notes when revising', () => {
    const { plan } = saved();
    const revised = buildTreatmentCarePlan({
      planId: PLAN_ID,
      patientId: 'pat1',
      start: '2026-11-03',
      when: '2026-11-20T09:00:00-05:00',
      author: 'Practitioner/pcp2',
      change: 'Plan changed: x',
      content: CONTENT,
      targets: targetGoals('2026-11-03', 16),
      goalReferences: [],
      previous: plan,
    });
    expect(revised.id).toBe('cp1');
    expect(revised.author).toEqual({ reference: 'Practitioner/pcp1' });
    expect(revised.note?.map((n) => [n.text, n.authorReference?.reference])).toEqual([
      ['Plan written', 'Practitioner/pcp1'],
      ['Plan changed: x', 'Practitioner/pcp2'],
    ]);
  });
});

describe('reading plans back', () => {
  it('reads the app plan: content, targets with progress, history; other systems apart', () => {
    const { plan, goals } = saved();
    const other: CarePlan = { resourceType: 'CarePlan', id: 'ext', status: 'active', intent: 'plan', subject: { reference: 'Patient/pat1' }, title: 'Diabetes plan' };
    const model = readPlans({ carePlans: [plan, other], goals, documents: [], phq9: course(16, 9), today: '2026-12-02' });
    expect(model.treatment?.content).toEqual(CONTENT);
    expect(model.treatment?.versionId).toBe('1');
    expect(model.treatment?.history).toEqual([{ date: '2026-11-03', instant: Date.parse(WHEN), author: 'Practitioner/pcp1', text: 'Plan written' }]);
    expect(model.treatment?.targets.map((t) => [t.target.kind, t.met, t.words])).toEqual([
      ['response', false, 'Not yet: latest PHQ-9 9 on 2026-12-01 is 44% below baseline 16 (target 50%); due 2027-01-26.'],
      ['remission', false, 'Not yet: latest PHQ-9 9 on 2026-12-01 (target below 5); due 2027-04-20.'],
    ]);
    expect(model.others.plans.map((p) => p.title)).toEqual(['Diabetes plan']);
    // The app's own goals are not listed again as "other goals".
    expect(model.others.goals).toEqual([]);
  });

  it('shows a plan with unknown codes and missing parts as far as it can be read', () => {
    const { plan, goals } = saved();
    const broken: CarePlan = {
      ...plan,
      activity: [{ detail: { status: 'in-progress', description: 'Something else', code: { coding: [{ system: 'urn:x', code: 'y' }] } } }, { detail: { status: 'in-progress' } }],
      goal: [...(plan.goal ?? []), { reference: 'Goal/gone' }],
    };
    const model = readPlans({ carePlans: [broken], goals, documents: [], phq9: undefined, today: '2026-12-02' });
    expect(model.treatment?.content.parts).toEqual([{ key: 'part-1', kind: 'follow-up', description: 'Something else', owner: 'care-manager', status: 'in-progress' }]);
    expect(model.treatment?.problems).toEqual([
      'Part 2 of the plan has no description and is not shown.',
      '1 part is of a kind the app does not know and is shown as care manager follow-up.',
      '1 part names no owner role the app knows; shown as owned by the care manager.',
      "1 of the plan's goals could not be found in the EHR.",
    ]);
    expect(model.treatment?.targets[0]?.words).toBe('No PHQ-9 in this episode yet; due 2027-01-26.');
  });

  it('progress: met, overdue, and no baseline', () => {
    const [response, remission] = targetGoals('2026-08-01', 20);
    expect(targetProgress(response!, course(20, 8), '2026-12-01')).toMatchObject({ met: true, overdue: false });
    expect(targetProgress(remission!, course(20, 8), '2027-02-01')).toMatchObject({ met: false, overdue: true });
    expect(targetProgress(remission!, course(20, 4), '2027-02-01').words).toBe('Met: latest PHQ-9 4 on 2026-12-01.');
    expect(targetProgress({ kind: 'response', due: '2026-10-24', baseline: undefined }, course(undefined, 8), '2026-12-01').met).toBeUndefined();
  });
});

describe('relapse prevention plan', () => {
  const content = {
    'keeps-me-well': 'Keep taking sertraline; walk daily',
    'warning-signs': 'Sleeping badly, skipping meals',
    'managing-stress': 'Call my sister',
    'care-team': 'Care manager Ana Ortiz 555-0100, weekdays',
    appointments: 'PCP on 2027-01-10',
  };
  it('is a valid CarePlan with every section and the crisis lines in its text', () => {
    const plan = buildRelapseCarePlan({ planId: PLAN_ID, patientId: 'pat1', start: '2026-12-01', when: WHEN, change: 'Relapse prevention plan written', content });
    expect(r4Errors(plan)).toEqual([]);
    expect(plan.activity).toHaveLength(5);
    for (const line of CRISIS_LINES) expect(plan.text?.div).toContain(line.replace(/&/g, '&amp;'));
    const model = readPlans({ carePlans: [{ ...plan, id: 'r1' }], goals: [], documents: [], phq9: undefined, today: '2026-12-02' });
    expect(model.relapse?.content).toEqual(content);
    expect(model.treatment).toBeUndefined();
  });
  it('asks for the sections a plan needs', () => {
    expect(relapsePlanProblems({ ...content, 'warning-signs': ' ' })).toEqual(['"My warning signs" is empty: write it with the patient.']);
  });
});

describe('plan of care note', () => {
  it('is a valid DocumentReference whose text reads back, accents and all', () => {
    const note = buildPlanNote({ noteId: PLAN_ID, patientId: 'pat1', kind: 'treatment', text: 'Plan für José: sertraline 50 mg', author: 'Practitioner/pcp1', when: WHEN });
    expect(r4Errors(note)).toEqual([]);
    const [read] = readPlanNotes([{ ...note, id: 'd1' }]);
    expect(read).toMatchObject({ reference: 'DocumentReference/d1', kind: 'treatment', date: '2026-11-03', text: 'Plan für José: sertraline 50 mg', author: 'Practitioner/pcp1' });
    // Another system's plan of care note is listed as theirs; other document types are not.
    expect(readPlanNotes([{ ...note, id: 'd2', identifier: [] }])[0]?.kind).toBeUndefined();
    expect(readPlanNotes([{ ...note, id: 'd3', type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }] } }])).toEqual([]);
  });
});
