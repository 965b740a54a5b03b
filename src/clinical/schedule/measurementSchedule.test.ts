import { describe, expect, it } from 'vitest';
import { DEFAULT_MEASUREMENT_SCHEDULE, intervalWords, measurementDue, programMeasurementSchedule, type ScheduleEpisode } from './measurementSchedule.ts';

const active = (enrolledOn: string): ScheduleEpisode => ({ phase: 'active', start: enrolledOn, enrolledOn });

describe('measurement schedule', () => {
  it('defaults: weekly in the first month, every 2 weeks in active treatment, monthly in relapse prevention', () => {
    expect(DEFAULT_MEASUREMENT_SCHEDULE).toEqual({ firstMonthDays: 7, firstMonthLength: 30, activeDays: 14, relapsePreventionDays: 30 });
  });

  it('first month: due 7 days after the last measurement', () => {
    const due = measurementDue({ today: '2026-03-10', episode: active('2026-03-01'), measuredOn: ['2026-03-03'] });
    expect(due).toMatchObject({ status: 'due', intervalDays: 7, nextDue: '2026-03-10', lastMeasured: '2026-03-03', askNow: true });
  });

  it('counts from the enrollment when nothing was measured since (as the registry does); overdue the day after', () => {
    expect(measurementDue({ today: '2026-03-01', episode: active('2026-03-01'), measuredOn: [] })).toMatchObject({ status: 'not-yet', nextDue: '2026-03-08' });
    expect(measurementDue({ today: '2026-03-08', episode: active('2026-03-01'), measuredOn: [] }).status).toBe('due');
    // A score before this episode does not count for it.
    const late = measurementDue({ today: '2026-03-09', episode: active('2026-03-01'), measuredOn: ['2026-02-20'] });
    expect(late).toMatchObject({ status: 'overdue', nextDue: '2026-03-08', daysOverdue: 1, lastMeasured: undefined });
  });

  it('a baseline at the referral, before the enrollment, belongs to the episode', () => {
    const episode: ScheduleEpisode = { phase: 'active', start: '2026-02-25', enrolledOn: '2026-03-01' };
    expect(measurementDue({ today: '2026-03-05', episode, measuredOn: ['2026-02-26'] })).toMatchObject({ lastMeasured: '2026-02-26', nextDue: '2026-03-08' });
  });

  it('after the first month: every 14 days; not yet due the day before', () => {
    const episode = active('2026-01-01');
    expect(measurementDue({ today: '2026-03-14', episode, measuredOn: ['2026-03-01'] })).toMatchObject({
      status: 'not-yet',
      nextDue: '2026-03-15',
      intervalDays: 14,
      askNow: false,
    });
    expect(measurementDue({ today: '2026-03-16', episode, measuredOn: ['2026-03-01', '2026-02-01'] })).toMatchObject({ status: 'overdue', daysOverdue: 1 });
  });

  it('the interval is the one in force on the day of the last measurement (day 29 is still the first month)', () => {
    const due = measurementDue({ today: '2026-02-10', episode: active('2026-01-01'), measuredOn: ['2026-01-30'] });
    expect(due.nextDue).toBe('2026-02-06');
    expect(due.intervalDays).toBe(14);
  });

  it('relapse prevention: monthly', () => {
    const episode: ScheduleEpisode = { phase: 'relapse-prevention', start: '2025-06-01', enrolledOn: '2025-06-01', phaseSince: '2026-02-15' };
    expect(measurementDue({ today: '2026-03-20', episode, measuredOn: ['2026-03-01'] })).toMatchObject({ status: 'not-yet', nextDue: '2026-03-31', intervalDays: 30 });
    // From the start of relapse prevention when nothing was measured since.
    expect(measurementDue({ today: '2026-03-20', episode, measuredOn: ['2026-02-01'] }).nextDue).toBe('2026-03-17');
  });

  it('nothing is scheduled without an open treatment episode', () => {
    for (const phase of ['referred', 'discharged', 'inactive'] as const) {
      expect(measurementDue({ today: '2026-03-20', episode: { phase, start: '2026-01-01', enrolledOn: '2026-01-01' }, measuredOn: [] }).status).toBe('not-scheduled');
    }
    expect(measurementDue({ today: '2026-03-20', episode: undefined, measuredOn: [] }).askNow).toBe(false);
  });

  it('program settings change the defaults and a patient setting overrides the program', () => {
    const episode = active('2026-01-01');
    const program = { activeDays: 28 };
    expect(measurementDue({ today: '2026-03-20', episode, measuredOn: ['2026-03-01'], program }).nextDue).toBe('2026-03-29');
    expect(measurementDue({ today: '2026-03-20', episode, measuredOn: ['2026-03-01'], program, patient: { activeDays: 7 } })).toMatchObject({
      status: 'overdue',
      nextDue: '2026-03-08',
    });
  });

  it('measurements dated after today (a clock skew) do not push the due date', () => {
    expect(measurementDue({ today: '2026-03-20', episode: active('2026-01-01'), measuredOn: ['2026-03-01', '2026-04-01'] }).lastMeasured).toBe('2026-03-01');
  });

  it("takes the program's registry cadence (the caseload's scale cadence), with program.measurementSchedule over it", () => {
    expect(programMeasurementSchedule({ activeCadenceDays: 21 }, undefined)).toEqual({ activeDays: 21 });
    expect(programMeasurementSchedule({ activeCadenceDays: 21, relapsePreventionCadenceDays: 45 }, { activeDays: 7 })).toEqual({ activeDays: 7, relapsePreventionDays: 45 });
  });

  it('says the interval in plain words', () => {
    expect([7, 14, 30, 10].map(intervalWords)).toEqual(['every week', 'every 2 weeks', 'every month', 'every 10 days']);
  });
});
