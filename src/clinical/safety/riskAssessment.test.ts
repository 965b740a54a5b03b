import { describe, expect, it } from 'vitest';
import type { ActiveFlag } from '../flags/activeFlags.ts';
import { r4Errors as validateR4 } from '../records/r4Validation.testkit.ts';
import { buildRiskAssessmentObservation, readRiskAssessments, safetyState } from './riskAssessment.ts';
import type { SafetyFinding } from './safetyFindings.ts';

const now = new Date('2026-11-20T15:00:00Z');

function finding(id: string, localDate: string, sources = [`QuestionnaireResponse/${id}`]): SafetyFinding {
  return {
    administrationId: id,
    instrument: 'phq9',
    effective: `${localDate}T10:00:00-05:00`,
    localDate,
    instant: Date.parse(`${localDate}T15:00:00Z`),
    item9: 1,
    answerDisplay: 'Several days',
    total: 12,
    status: 'final',
    completeness: 'complete',
    daysAgo: 1,
    sources,
    problems: [],
  };
}

function flag(id: string, since: string): ActiveFlag {
  return { reference: `Flag/${id}`, text: 'Suicide risk', category: 'Safety', since, safety: true };
}

function assessed(answers: string[], when = '2026-11-20T10:05:00-05:00', id = 'ra1') {
  return {
    ...buildRiskAssessmentObservation({ actionId: id, patientId: 'p1', answers, outcome: 'low', plan: ' Safety plan reviewed; call tomorrow ', by: 'Practitioner/pcp', when, now }),
    id,
  };
}

describe('suicide risk assessment', () => {
  it('builds a valid record naming what it answers, and reads it back', () => {
    const obs = assessed(['QuestionnaireResponse/a', 'Flag/f']);
    expect(validateR4(obs)).toEqual([]);
    expect(obs.identifier).toEqual([{ system: 'urn:cocm-registry:registry', value: 'ra1/risk-assessment' }]);
    expect(obs.valueString).toBe('Low risk. Plan: Safety plan reviewed; call tomorrow');
    expect(readRiskAssessments([obs])).toEqual([
      {
        reference: 'Observation/ra1',
        answers: ['QuestionnaireResponse/a', 'Flag/f'],
        outcome: 'low',
        plan: 'Safety plan reviewed; call tomorrow',
        by: 'Practitioner/pcp',
        date: '2026-11-20',
        time: '10:05',
      },
    ]);
    // Entered in error, or naming nothing: not an assessment.
    expect(
      readRiskAssessments([
        { ...obs, status: 'entered-in-error' },
        { ...obs, derivedFrom: [] },
      ]),
    ).toEqual([]);
    // The R4 validator loads slowly on a busy machine.
  }, 30_000);

  it('one item per finding: the safety flag of the same day is that finding’s, not a second one', () => {
    const state = safetyState([finding('a', '2026-11-19')], [flag('f', '2026-11-19T10:00:00-05:00'), flag('g', '2026-10-01')], []);
    expect(state.open.map((i) => [i.key, i.flags.map((f) => f.reference)])).toEqual([
      ['a', ['Flag/f']],
      ['Flag/g', ['Flag/g']],
    ]);
    expect(state.open[0]?.answers).toEqual(['QuestionnaireResponse/a', 'Flag/f']);
  });

  it('closes the alert of the finding it answers only, and keeps it with its assessment', () => {
    const findings = [finding('a', '2026-11-19'), finding('b', '2026-11-05', ['Observation/b', 'QuestionnaireResponse/b'])];
    const state = safetyState(findings, [], readRiskAssessments([assessed(['QuestionnaireResponse/b'])]));
    expect(state.open.map((i) => i.key)).toEqual(['a']);
    expect(state.assessed.map((a) => [a.item.key, a.assessment.outcome])).toEqual([['b', 'low']]);
    // An assessment of a lone safety flag closes that flag's item.
    const lone = safetyState([], [flag('g', '2026-10-01')], readRiskAssessments([assessed(['Flag/g'])]));
    expect(lone.open).toEqual([]);
    expect(lone.assessed).toHaveLength(1);
  });
});
