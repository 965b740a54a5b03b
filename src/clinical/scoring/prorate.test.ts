import { describe, expect, it } from 'vitest';
import { mayProrate, proratedTotal } from './prorate.ts';

describe('proratedTotal', () => {
  it('is the mean of the answered items times the item count, rounded', () => {
    expect(proratedTotal([1, 1, 1, 1, 1, 1, 1], 9)).toBe(9);
    expect(proratedTotal([2, 1, 2, 1, 2, 1, 1, 1], 9)).toBe(12); // 11/8*9 = 12.375
    expect(proratedTotal([3, 3, 3, 3, 3, 3, 2], 9)).toBe(26); // 20/7*9 = 25.71
    expect(proratedTotal([1, 2, 2, 1, 2, 2], 7)).toBe(12); // 10/6*7 = 11.67
    expect(proratedTotal([1, 2], 4)).toBe(6); // exactly 6
    expect(proratedTotal([1, 2, 2, 2], 6)).toBe(11); // 10.5 rounds half up
  });

  it('gives nothing without answers', () => {
    expect(proratedTotal([], 9)).toBeUndefined();
  });
});

describe('mayProrate', () => {
  it.each([
    [0, 2, false],
    [1, 2, true],
    [2, 2, true],
    [3, 2, false],
    [1, 1, true],
    [2, 1, false],
    [1, 0, false],
  ])('%i missing with limit %i: %s', (missing, limit, expected) => {
    expect(mayProrate(missing, limit)).toBe(expected);
  });
});
