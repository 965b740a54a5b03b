import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GAD2, GAD7, PHQ2, PHQ9 } from '../instruments/definitions.ts';
import { screenResult, severityOf } from './severity.ts';

describe('severity at every band edge', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately-severe'],
    [19, 'moderately-severe'],
    [20, 'severe'],
    [27, 'severe'],
  ])('PHQ-9 %i is %s', (total, band) => {
    expect(severityOf(PHQ9, total)?.id).toBe(band);
  });

  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ])('GAD-7 %i is %s', (total, band) => {
    expect(severityOf(GAD7, total)?.id).toBe(band);
  });

  it.each([-1, 28, 31, Number.NaN, undefined])('PHQ-9 %s has no severity', (total) => {
    expect(severityOf(PHQ9, total)).toBeUndefined();
  });

  it('GAD-7 22 has no severity', () => expect(severityOf(GAD7, 22)).toBeUndefined());

  it('severity never goes down as the total goes up', () => {
    for (const def of [PHQ9, GAD7]) {
      const order = def.severityBands.map((b) => b.id);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: def.maxScore }), fc.integer({ min: 0, max: def.maxScore }), (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const rank = (t: number) => order.indexOf(severityOf(def, t)?.id ?? 'minimal');
          expect(rank(lo)).toBeLessThanOrEqual(rank(hi));
        }),
      );
    }
  });
});

describe('screening', () => {
  it.each([
    [PHQ2, 2, 'negative'],
    [PHQ2, 3, 'positive'],
    [PHQ2, 6, 'positive'],
    [GAD2, 0, 'negative'],
    [GAD2, 2, 'negative'],
    [GAD2, 3, 'positive'],
  ] as const)('$name %i is %s', (def, total, result) => {
    expect(screenResult(def, total)).toBe(result);
  });

  it('is undefined for full forms and impossible totals', () => {
    expect(screenResult(PHQ9, 12)).toBeUndefined();
    expect(screenResult(PHQ2, 7)).toBeUndefined();
  });
});
