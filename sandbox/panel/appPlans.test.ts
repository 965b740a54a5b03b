import type { CarePlan, Goal } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { readPlans } from '../../src/clinical/careplan/index.ts';
import { r4Errors } from '../../src/clinical/records/r4Validation.testkit.ts';
import { generatePanel } from './index.ts';

describe('app-written treatment plans in the synthetic panel', () => {
  it('some patients have one, with its goals and a revision in its history; others keep only other systems plans', () => {
    const panel = generatePanel({ patients: 100, seed: 'app-plans', now: new Date('2026-11-20T00:00:00Z') });
    const plans = panel.resources.filter((r): r is CarePlan => r.resourceType === 'CarePlan');
    const goals = panel.resources.filter((r): r is Goal => r.resourceType === 'Goal');
    const ours = plans.filter((p) => p.identifier?.some((i) => i.system === 'urn:cocm-registry:care-plan'));
    expect(ours.length).toBeGreaterThan(3);
    expect(ours.length).toBeLessThan(plans.length);
    const first = ours[0]!;
    expect(r4Errors(first)).toEqual([]);
    const model = readPlans({
      carePlans: plans.filter((p) => p.subject?.reference === first.subject?.reference),
      goals: goals.filter((g) => g.subject.reference === first.subject?.reference),
      documents: [],
      phq9: undefined,
      today: '2026-11-20',
    });
    expect(model.treatment?.targets.map((t) => t.target.kind)).toEqual(['response', 'remission']);
    expect(model.treatment?.content.ownGoals).toHaveLength(1);
    expect(model.treatment?.history.map((h) => h.text)).toEqual(['Plan written', 'Plan changed: Psychotherapy "Behavioural activation, 6 sessions": planned -> in progress']);
    expect(model.treatment?.problems).toEqual([]);
  });
});
