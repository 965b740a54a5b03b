import type { CarePlan, Condition, Goal } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { summarizeCarePlans } from './carePlans.ts';
import { CONDITION_CATEGORY_SYSTEM, CONDITION_CLINICAL_SYSTEM, CONDITION_VERIFICATION_SYSTEM, ICD10_CM_SYSTEM, SNOMED_SYSTEM } from './codes/systems.ts';
import { readDiagnoses } from './diagnoses.ts';

function condition(id: string, code: Condition['code'], extra: Partial<Condition> = {}, category = 'problem-list-item'): Condition {
  return {
    resourceType: 'Condition',
    id,
    subject: { reference: 'Patient/p1' },
    code,
    category: [{ coding: [{ system: CONDITION_CATEGORY_SYSTEM, code: category }] }],
    clinicalStatus: { coding: [{ system: CONDITION_CLINICAL_SYSTEM, code: 'active' }] },
    ...extra,
  };
}

const f331 = {
  coding: [
    { system: ICD10_CM_SYSTEM, code: 'F33.1', display: 'Major depressive disorder, recurrent, moderate' },
    { system: SNOMED_SYSTEM, code: '370143000', display: 'Major depressive disorder' },
  ],
};

describe('readDiagnoses', () => {
  it('splits behavioural health diagnoses from other conditions, with onset, status and code', () => {
    const result = readDiagnoses([
      condition('dep', f331, { onsetDateTime: '2024-03-02T10:00:00-05:00' }),
      condition('htn', { coding: [{ system: ICD10_CM_SYSTEM, code: 'I10', display: 'Essential hypertension' }] }),
    ]);
    expect(result.behavioral).toEqual([
      expect.objectContaining({
        name: 'Major depressive disorder, recurrent, moderate',
        codeLabel: 'ICD-10-CM F33.1',
        category: 'depressive',
        categoryLabel: 'Depressive disorder',
        recognisedBy: 'icd-10-cm',
        clinicalStatus: 'active',
        active: true,
        onset: '2024-03-02',
        sources: ['problem-list-item'],
      }),
    ]);
    expect(result.other.map((o) => o.name)).toEqual(['Essential hypertension']);
  });

  it('merges the problem list entry with encounter diagnoses of the same code', () => {
    const result = readDiagnoses([
      condition('e1', f331, { onsetDateTime: '2024-05-01', clinicalStatus: undefined }, 'encounter-diagnosis'),
      condition('p', f331, { onsetDateTime: '2024-03-02' }),
      condition('e2', { coding: [{ system: ICD10_CM_SYSTEM, code: 'F331' }] }, {}, 'encounter-diagnosis'),
    ]);
    expect(result.behavioral).toHaveLength(1);
    expect(result.behavioral[0]).toMatchObject({
      onset: '2024-03-02',
      encounterCount: 2,
      sources: ['encounter-diagnosis', 'problem-list-item'],
      references: ['Condition/e1', 'Condition/p', 'Condition/e2'],
    });
  });

  it('shows a free-text-only condition by its text, and recognises it by name', () => {
    const result = readDiagnoses([condition('t', { text: 'Anxiety with panic attacks' }, { onsetString: 'since college' })]);
    expect(result.behavioral[0]).toMatchObject({
      name: 'Anxiety with panic attacks',
      codeLabel: undefined,
      recognisedBy: 'name',
      onset: 'since college',
      problems: ['free text only, no code'],
    });
  });

  it('leaves out entered-in-error and refuted, counts the nameless, and puts active first', () => {
    const result = readDiagnoses([
      condition(
        'old',
        { coding: [{ system: ICD10_CM_SYSTEM, code: 'F41.1', display: 'GAD' }] },
        { clinicalStatus: { coding: [{ system: CONDITION_CLINICAL_SYSTEM, code: 'resolved' }] }, onsetDateTime: '2025-01-01' },
      ),
      condition('cur', f331, { onsetDateTime: '2020-01-01' }),
      condition('eie', f331, { verificationStatus: { coding: [{ system: CONDITION_VERIFICATION_SYSTEM, code: 'entered-in-error' }] } }),
      condition('ref', { text: 'Bipolar disorder' }, { verificationStatus: { coding: [{ system: CONDITION_VERIFICATION_SYSTEM, code: 'refuted' }] } }),
      condition('none', {}),
      { resourceType: 'Condition', id: 'junk', subject: { reference: 'Patient/p1' }, code: { coding: 'x' as never } },
    ]);
    expect(result.behavioral.map((b) => [b.references[0], b.active])).toEqual([
      ['Condition/cur', true],
      ['Condition/old', false],
    ]);
    expect(result.ignored.map((i) => i.reason)).toEqual(['marked entered in error', 'refuted']);
    expect(result.unreadable.map((u) => u.reference)).toEqual(['Condition/none', 'Condition/junk']);
  });
});

describe('summarizeCarePlans', () => {
  const goal: Goal = {
    resourceType: 'Goal',
    id: 'g1',
    lifecycleStatus: 'active',
    description: { text: 'PHQ-9 below 5' },
    subject: { reference: 'Patient/p1' },
    target: [{ measure: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] }, detailQuantity: { value: 5, comparator: '<', unit: '{score}' }, dueDate: '2025-09-01' }],
  };
  const plan: CarePlan = {
    resourceType: 'CarePlan',
    id: 'cp',
    status: 'active',
    intent: 'plan',
    title: 'Collaborative care plan',
    subject: { reference: 'Patient/p1' },
    period: { start: '2025-03-01' },
    goal: [{ reference: 'Goal/g1' }],
    activity: [{ detail: { status: 'in-progress', code: { text: 'Behavioral activation' } } }],
  };

  it('lists active plans with their goals and targets, and loose goals apart', () => {
    const loose: Goal = { ...goal, id: 'g2', description: { text: 'Walk daily' }, target: [] };
    const done: Goal = { ...goal, id: 'g3', lifecycleStatus: 'completed' };
    const result = summarizeCarePlans([plan, { ...plan, id: 'old', status: 'completed' }], [goal, loose, done]);
    expect(result.plans).toEqual([
      expect.objectContaining({
        title: 'Collaborative care plan',
        period: 'from 2025-03-01',
        activities: ['Behavioral activation'],
        goals: [expect.objectContaining({ text: 'PHQ-9 below 5', targets: ['PHQ-9 total < 5 by 2025-09-01'] })],
      }),
    ]);
    expect(result.goals.map((g) => g.text)).toEqual(['Walk daily']);
  });
});
