import { describe, expect, it } from 'vitest';
import { addMonths } from './calendar.ts';
import { deriveEnrollment, phaseLabel, treatmentStart } from './episodes.ts';
import { readRegistryRecords } from './readRegistryRecords.ts';
import { eventObs } from './testing.ts';
import type { Observation } from '@medplum/fhirtypes';

function state(observations: Observation[], today: string, serviceDates: string[] = []) {
  const { events } = readRegistryRecords(observations, []);
  return deriveEnrollment(events, { today, serviceDates });
}

describe('episodes of care', () => {
  it('starts at the referral and moves referred -> active -> relapse prevention -> discharged', () => {
    const obs = [
      eventObs('referred', '2024-01-02', { pcp: 'Practitioner/pcp1' }),
      eventObs('enrolled', '2024-01-10', { careManager: 'Practitioner/cm1' }),
      eventObs('relapse-prevention', '2024-05-01', { planDate: '2024-04-28' }),
      eventObs('discharged', '2024-07-01', { reason: 'goals-met' }),
    ];
    const s = state(obs, '2024-08-01');
    expect(s.episodes).toHaveLength(1);
    const e = s.current!;
    expect(e).toMatchObject({
      start: '2024-01-02',
      referredOn: '2024-01-02',
      enrolledOn: '2024-01-10',
      phase: 'discharged',
      end: '2024-07-01',
      dischargeReason: 'goals-met',
      relapsePreventionPlanDate: '2024-04-28',
      careManager: 'Practitioner/cm1',
      pcp: 'Practitioner/pcp1',
    });
    expect(s.open).toBe(false);
    expect(treatmentStart(e)).toBe('2024-01-10');
  });

  it('is referred until enrolled; the phase before any event is "not enrolled"', () => {
    expect(state([eventObs('referred', '2024-03-01')], '2024-03-05').current?.phase).toBe('referred');
    expect(state([], '2024-03-05').current).toBeUndefined();
    expect(phaseLabel(undefined)).toBe('Not enrolled');
  });

  it('ends an episode after 6 months without CoCM services (inactive), counting scores as services', () => {
    const obs = [eventObs('enrolled', '2024-01-10')];
    expect(state(obs, '2024-07-10').current?.phase).toBe('active');
    const lapsed = state(obs, '2024-07-11');
    expect(lapsed.current).toMatchObject({ phase: 'inactive', end: '2024-07-10' });
    expect(lapsed.open).toBe(false);
    // A score in March keeps it open until September.
    expect(state(obs, '2024-09-01', ['2024-03-15']).current?.phase).toBe('active');
    expect(state(obs, '2024-09-16', ['2024-03-15']).current).toMatchObject({ phase: 'inactive', end: '2024-09-15' });
    // Scores before the episode started do not count.
    expect(state(obs, '2024-07-11', ['2023-12-01']).current?.phase).toBe('inactive');
  });

  it('starts a new episode on re-enrollment after a discharge or after the gap', () => {
    const obs = [eventObs('enrolled', '2023-01-10'), eventObs('discharged', '2023-06-01', { reason: 'declined' }), eventObs('enrolled', '2024-02-01')];
    const s = state(obs, '2024-03-01');
    expect(s.episodes.map((e) => [e.start, e.phase])).toEqual([
      ['2023-01-10', 'discharged'],
      ['2024-02-01', 'active'],
    ]);
    const gap = state([eventObs('enrolled', '2022-01-10'), eventObs('enrolled', '2023-03-01')], '2023-04-01');
    expect(gap.episodes.map((e) => e.phase)).toEqual(['inactive', 'active']);
    expect(gap.current?.start).toBe('2023-03-01');
  });

  it('a second enrollment inside an open episode keeps the episode and its start', () => {
    const s = state([eventObs('enrolled', '2024-01-10'), eventObs('enrolled', '2024-02-10')], '2024-03-01');
    expect(s.episodes).toHaveLength(1);
    expect(s.current?.enrolledOn).toBe('2024-01-10');
  });

  it('records the discharge of a lapsed episode, and reports events outside any episode', () => {
    const s = state([eventObs('enrolled', '2023-01-10'), eventObs('discharged', '2024-01-15', { reason: 'lost-to-follow-up' })], '2024-02-01');
    expect(s.current).toMatchObject({ phase: 'discharged', dischargeReason: 'lost-to-follow-up', end: '2023-07-10' });
    const orphan = state([eventObs('relapse-prevention', '2024-01-15')], '2024-02-01');
    expect(orphan.current).toBeUndefined();
    expect(orphan.problems[0]).toMatch(/no episode is open/);
  });

  it('returns to active treatment from relapse prevention (a relapse)', () => {
    const s = state([eventObs('enrolled', '2024-01-10'), eventObs('relapse-prevention', '2024-04-01'), eventObs('active-treatment', '2024-05-01')], '2024-05-10');
    expect(s.current).toMatchObject({ phase: 'active', phaseSince: '2024-05-01' });
  });

  it('adds calendar months clamped to the month end', () => {
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2024-01-15', 6)).toBe('2024-07-15');
  });
});
