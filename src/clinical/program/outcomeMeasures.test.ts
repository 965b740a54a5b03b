import { describe, expect, it } from 'vitest';
import { computeMeasure, figuresOf } from './measures.ts';
import { day, programPatient } from './testPatients.ts';
import type { MeasureId, Period } from './types.ts';

const E = '2026-01-01';
const YEAR: Period = { start: '2026-01-01', end: '2026-12-31' };

function result(id: MeasureId, spec: Parameters<typeof programPatient>[0], period: Period = YEAR) {
  return computeMeasure(id, [programPatient({ episodes: [{ enrolledOn: E }], ...spec })], period);
}

describe('Improved at 70 days', () => {
  const withFollowUp = (d: number, total: number, baseline = 20) =>
    result('improved-70', {
      scores: [
        ['phq9', E, baseline],
        ['phq9', day(E, d), total],
      ],
    });

  it('counts the PHQ-9 in days 56-84 and not on day 55 or 85', () => {
    expect(figuresOf(withFollowUp(55, 4).cases)).toEqual({ numerator: 0, denominator: 1 });
    expect(figuresOf(withFollowUp(56, 4).cases)).toEqual({ numerator: 1, denominator: 1 });
    expect(figuresOf(withFollowUp(84, 4).cases)).toEqual({ numerator: 1, denominator: 1 });
    expect(figuresOf(withFollowUp(85, 4).cases)).toEqual({ numerator: 0, denominator: 1 });
    expect(withFollowUp(85, 4).cases[0]?.why).toMatch(/no PHQ-9 in days 56-84/);
  });

  it('is improved below 10 or at most half the baseline', () => {
    expect(withFollowUp(70, 9).cases[0]?.inNumerator).toBe(true);
    expect(withFollowUp(70, 10, 20).cases[0]?.inNumerator).toBe(true);
    expect(withFollowUp(70, 11, 20).cases[0]?.inNumerator).toBe(false);
    expect(withFollowUp(70, 11, 22).cases[0]?.inNumerator).toBe(true);
  });

  it('takes the nearest to day 70, ties toward the later administration', () => {
    const tie = result('improved-70', {
      scores: [
        ['phq9', E, 20],
        ['phq9', day(E, 66), 4],
        ['phq9', day(E, 74), 15],
      ],
    });
    expect(tie.cases[0]?.inNumerator).toBe(false);
    expect(tie.cases[0]?.why).toContain(day(E, 74));
    const sameDay = result('improved-70', {
      scores: [
        ['phq9', E, 20],
        ['phq9', day(E, 70), 4, '09:00'],
        ['phq9', day(E, 70), 15, '15:00'],
      ],
    });
    expect(sameDay.cases[0]?.inNumerator).toBe(false);
    const nearer = result('improved-70', {
      scores: [
        ['phq9', E, 20],
        ['phq9', day(E, 69), 4],
        ['phq9', day(E, 74), 15],
      ],
    });
    expect(nearer.cases[0]?.inNumerator).toBe(true);
  });

  it('leaves out episodes without a baseline or with a baseline below 10, and says why', () => {
    const none = result('improved-70', { scores: [['phq9', day(E, -15), 20]] });
    expect(none.cases).toHaveLength(0);
    expect(none.excluded[0]?.why).toBe('no baseline PHQ-9 in the episode');
    const low = result('improved-70', {
      scores: [
        ['phq9', day(E, -14), 9],
        ['phq9', day(E, 70), 4],
      ],
    });
    expect(low.cases).toHaveLength(0);
    expect(low.excluded[0]?.why).toMatch(/baseline PHQ-9 9 .* below 10/);
  });

  it('counts an episode whose day 70 is in the period only', () => {
    const scores: ['phq9', string, number][] = [
      ['phq9', E, 20],
      ['phq9', day(E, 70), 4],
    ];
    expect(result('improved-70', { scores }, { start: day(E, 71), end: '2026-12-31' }).cases).toHaveLength(0);
    expect(result('improved-70', { scores }, { start: day(E, 70), end: day(E, 70) }).cases).toHaveLength(1);
  });

  it('measures each episode of a re-enrolled patient from its own enrollment and baseline', () => {
    const second = '2026-08-01';
    const r = result('improved-70', {
      episodes: [{ enrolledOn: E, end: '2026-04-30' }, { enrolledOn: second }],
      scores: [
        ['phq9', E, 20],
        ['phq9', day(E, 70), 15],
        ['phq9', day(second, -3), 12],
        ['phq9', day(second, 70), 5],
      ],
    });
    expect(r.cases.map((c) => [c.unit, c.inNumerator])).toEqual([
      [`Episode enrolled ${E}`, false],
      [`Episode enrolled ${second}`, true],
    ]);
  });

  it('counts nobody whose records could not be read, and lists them', () => {
    const r = result('improved-70', { recordsProblem: 'Observations: could not be read', scores: [['phq9', E, 20]] });
    expect(r.cases).toHaveLength(0);
    expect(r.couldNotRead).toEqual(['p1']);
  });
});

describe('Psychiatric review of non-improvers', () => {
  const notImproved: ['phq9', string, number][] = [
    ['phq9', E, 20],
    ['phq9', day(E, 70), 18],
  ];
  const reviewOn = (d: number) => result('review-non-improvers', { scores: notImproved, reviews: [day(E, d)] });

  it('counts a review on day 56 to day 130', () => {
    expect(reviewOn(55).cases[0]?.inNumerator).toBe(false);
    expect(reviewOn(56).cases[0]?.inNumerator).toBe(true);
    expect(reviewOn(129).cases[0]?.inNumerator).toBe(true);
    expect(reviewOn(130).cases[0]?.inNumerator).toBe(true);
    expect(reviewOn(131).cases[0]?.inNumerator).toBe(false);
  });

  it('has as denominator the improved row denominator minus its numerator', () => {
    const improved = result('review-non-improvers', {
      scores: [
        ['phq9', E, 20],
        ['phq9', day(E, 70), 4],
      ],
    });
    expect(improved.cases).toHaveLength(0);
    expect(improved.excluded[0]?.why).toMatch(/^improved at 70 days/);
    const noScore = result('review-non-improvers', { scores: [['phq9', E, 20]] });
    expect(noScore.cases).toHaveLength(1);
  });
});

describe('Remission at 6 and 12 months', () => {
  it('counts the PHQ-9 nearest day 182 within 30 days, below 5', () => {
    const at = (d: number, total: number) =>
      result('remission-6', {
        scores: [
          ['phq9', E, 15],
          ['phq9', day(E, d), total],
        ],
      }).cases[0]?.inNumerator;
    expect(at(151, 2)).toBe(false);
    expect(at(152, 2)).toBe(true);
    expect(at(212, 4)).toBe(true);
    expect(at(213, 2)).toBe(false);
    expect(at(182, 5)).toBe(false);
  });

  it('counts the PHQ-9 nearest day 365 within 60 days', () => {
    const at = (d: number) =>
      result(
        'remission-12',
        {
          scores: [
            ['phq9', E, 15],
            ['phq9', day(E, d), 3],
          ],
        },
        { start: '2026-01-01', end: '2027-12-31' },
      ).cases[0]?.inNumerator;
    expect(at(304)).toBe(false);
    expect(at(305)).toBe(true);
    expect(at(425)).toBe(true);
    expect(at(426)).toBe(false);
  });

  it('still counts a remission PHQ-9 taken after a discharge', () => {
    const r = result('remission-6', {
      episodes: [{ enrolledOn: E, end: day(E, 150) }],
      scores: [
        ['phq9', E, 15],
        ['phq9', day(E, 180), 3],
      ],
    });
    expect(r.cases[0]?.inNumerator).toBe(true);
  });
});
