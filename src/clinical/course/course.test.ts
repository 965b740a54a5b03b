import { describe, expect, it } from 'vitest';
import { readAdministrations } from '../read/readAdministrations.ts';
import type { Administration } from '../read/types.ts';
import { observation, totalQuantity } from '../testing/fhirBuilders.ts';
import { summarizeCourse } from './course.ts';

/** PHQ-9 totals on the given local dates, as total-score Observations. */
function history(points: [string, number, ('final' | 'preliminary')?][], code = '44261-6'): Administration[] {
  const observations = points.map(([date, total, status], i) => observation({ id: `s${i}`, code, effective: date, status: status ?? 'final', value: totalQuantity(total) }));
  return readAdministrations({ observations }).administrations;
}

describe('summarizeCourse', () => {
  it('not enrolled: baseline is the first score on record', () => {
    const s = summarizeCourse(
      history([
        ['2024-01-01', 18],
        ['2024-02-01', 12],
        ['2024-03-01', 8],
      ]),
      'phq9',
      { now: '2024-03-10' },
    );
    expect(s.baseline?.total).toBe(18);
    expect(s.latest?.total).toBe(8);
    expect(s.change).toEqual({ points: -10, percent: -55.6 });
    expect(s).toMatchObject({ response: true, remission: false, significantImprovement: true, weeksInTreatment: 9, notImproving: false, trend: 'stable' });
  });

  it('enrolled: a score within 14 days before enrollment is the baseline, older ones are not counted', () => {
    const admins = history([
      ['2023-06-01', 22],
      ['2024-01-20', 16],
      ['2024-02-20', 12],
    ]);
    const s = summarizeCourse(admins, 'phq9', { now: '2024-03-01', enrollment: { start: '2024-02-01' } });
    expect(s.baseline?.total).toBe(16);
    expect(s.scores).toHaveLength(2);
    expect(s.weeksInTreatment).toBe(4);
    expect(s.notes).toContain('1 earlier score(s) belong to a previous period and are not counted');
  });

  it.each([
    ['2024-01-18', 16, true], // exactly 14 days before
    ['2024-01-17', 16, false], // 15 days before: previous period
  ])('baseline window edge: score on %s counts: %s', (date, _total, counts) => {
    const s = summarizeCourse(
      history([
        [date, 16],
        ['2024-02-15', 10],
      ]),
      'phq9',
      { now: '2024-03-01', enrollment: { start: '2024-02-01' } },
    );
    expect(s.baseline?.total).toBe(counts ? 16 : 10);
  });

  it.each([
    [20, 10, true], // exactly 50%
    [20, 11, false], // 45%
    [10, 4, true],
  ])('response: %i -> %i is %s', (baseline, latest, response) => {
    const s = summarizeCourse(
      history([
        ['2024-01-01', baseline],
        ['2024-02-01', latest],
      ]),
      'phq9',
      { now: '2024-02-02' },
    );
    expect(s.response).toBe(response);
  });

  it.each([
    [4, true],
    [5, false],
  ])('remission: latest %i is %s (< 5)', (latest, remission) => {
    const s = summarizeCourse(
      history([
        ['2024-01-01', 15],
        ['2024-02-01', latest],
      ]),
      'phq9',
      { now: '2024-02-02' },
    );
    expect(s.remission).toBe(remission);
  });

  it('a zero baseline gives no percent and no response, without dividing by zero', () => {
    const s = summarizeCourse(
      history([
        ['2024-01-01', 0],
        ['2024-02-01', 3],
      ]),
      'phq9',
      { now: '2024-02-02' },
    );
    expect(s.change).toEqual({ points: 3, percent: undefined });
    expect(s.response).toBe(false);
    expect(s.notes).toContain('baseline is 0, so there is no percent change');
  });

  it('one score: response and remission wait for a follow-up', () => {
    const s = summarizeCourse(history([['2024-01-01', 12]]), 'phq9', { now: '2024-01-02' });
    expect(s).toMatchObject({ response: undefined, remission: undefined, change: undefined, trend: 'insufficient-data' });
    expect(s.baseline).toBe(s.latest);
  });

  it.each([
    ['2024-03-10', 9, false], // 69 days: 9 weeks
    ['2024-03-11', 10, true], // 70 days: 10 weeks
  ])('not improving at 10 weeks without response (now %s)', (now, weeks, notImproving) => {
    const s = summarizeCourse(
      history([
        ['2024-01-01', 16],
        ['2024-02-15', 14],
      ]),
      'phq9',
      { now, enrollment: { start: '2024-01-01' } },
    );
    expect(s.weeksInTreatment).toBe(weeks);
    expect(s.notImproving).toBe(notImproving);
  });

  it('enrolled with no follow-up for 10 weeks is not improving', () => {
    const s = summarizeCourse(history([['2024-01-01', 16]]), 'phq9', { now: '2024-03-15', enrollment: { start: '2024-01-01' } });
    expect(s.notImproving).toBe(true);
  });

  it.each([
    [15, 10, 'improving'],
    [15, 11, 'stable'],
    [10, 15, 'worsening'],
  ])('trend %i -> %i is %s', (a, b, trend) => {
    expect(
      summarizeCourse(
        history([
          ['2024-01-01', a],
          ['2024-02-01', b],
        ]),
        'phq9',
        { now: '2024-02-02' },
      ).trend,
    ).toBe(trend);
  });

  it('preliminary and incomplete scores are not counted by default; preliminary can be', () => {
    const admins = history([
      ['2024-01-01', 20],
      ['2024-02-01', 6, 'preliminary'],
    ]);
    expect(summarizeCourse(admins, 'phq9', { now: '2024-02-02' }).latest?.total).toBe(20);
    expect(summarizeCourse(admins, 'phq9', { now: '2024-02-02', settings: { countPreliminaryInCourse: true } }).latest?.total).toBe(6);
  });

  it('thresholds are settings', () => {
    const admins = history([
      ['2024-01-01', 20],
      ['2024-02-01', 12],
    ]);
    const s = summarizeCourse(admins, 'phq9', { now: '2024-02-02', settings: { responseDropPercent: 40, remissionBelow: { phq9: 13 } } });
    expect(s.response).toBe(true);
    expect(s.remission).toBe(true);
  });

  it('GAD-7 uses its own thresholds and ignores other instruments', () => {
    const admins = [
      ...history(
        [
          ['2024-01-01', 14],
          ['2024-02-01', 4],
        ],
        '70274-6',
      ),
      ...history([['2024-01-15', 27]]),
    ];
    const s = summarizeCourse(admins, 'gad7', { now: '2024-02-02' });
    expect(s.scores.map((a) => a.total)).toEqual([14, 4]);
    expect(s).toMatchObject({ response: true, remission: true });
  });

  it('weeks in treatment use the clinic time zone for today', () => {
    const admins = history([['2024-01-01', 14]]);
    const now = new Date('2024-03-11T03:00:00Z'); // still 10 March in New York
    expect(summarizeCourse(admins, 'phq9', { now, enrollment: { start: '2024-01-01' }, timeZone: 'America/New_York' }).weeksInTreatment).toBe(9);
    expect(summarizeCourse(admins, 'phq9', { now, enrollment: { start: '2024-01-01' } }).weeksInTreatment).toBe(10);
  });
});
