import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codesForMonth, codesLabel, type EpisodeMonth } from './codesForMonth.ts';

type Case = [minutes: number, month: EpisodeMonth, codes: string, nextCode: string | undefined, toNext: number | undefined];

// Every edge of clinical-reference.md's table, defaults (G2214 off).
const CASES: Case[] = [
  [0, 'first', '', '99492', 36],
  [15, 'first', '', '99492', 21],
  [16, 'first', '', '99492', 20],
  [30, 'first', '', '99492', 6],
  [31, 'first', '', '99492', 5],
  [35, 'first', '', '99492', 1],
  [36, 'first', '99492', '99494', 50],
  [40, 'first', '99492', '99494', 46], // the example
  [75, 'first', '99492', '99494', 11],
  [76, 'first', '99492', '99494', 10],
  [85, 'first', '99492', '99494', 1],
  [86, 'first', '99492, 99494', '99494', 30],
  [105, 'first', '99492, 99494', '99494', 11],
  [106, 'first', '99492, 99494', '99494', 10],
  [115, 'first', '99492, 99494', '99494', 1],
  [116, 'first', '99492, 99494 x2', '99494', 30],
  [146, 'first', '99492, 99494 x3', '99494', 30],
  [0, 'later', '', '99493', 31],
  [15, 'later', '', '99493', 16],
  [16, 'later', '', '99493', 15],
  [30, 'later', '', '99493', 1],
  [31, 'later', '99493', '99494', 45],
  [35, 'later', '99493', '99494', 41],
  [36, 'later', '99493', '99494', 40],
  [75, 'later', '99493', '99494', 1],
  [76, 'later', '99493, 99494', '99494', 30],
  [85, 'later', '99493, 99494', '99494', 21],
  [86, 'later', '99493, 99494', '99494', 20],
  [105, 'later', '99493, 99494', '99494', 1],
  [106, 'later', '99493, 99494 x2', '99494', 30],
  [115, 'later', '99493, 99494 x2', '99494', 21],
  [116, 'later', '99493, 99494 x2', '99494', 20],
  [136, 'later', '99493, 99494 x3', '99494', 30],
];

describe('codesForMonth: defaults at every edge', () => {
  it.each(CASES)('%i min, %s month -> [%s], next %s in %s', (minutes, episodeMonth, codes, nextCode, toNext) => {
    const result = codesForMonth({ minutes, episodeMonth });
    expect(codesLabel(result.codes)).toBe(codes);
    expect(result.belowThreshold).toBe(codes === '');
    expect(result.nextCode).toBe(nextCode);
    expect(result.minutesToNextCode).toBe(toNext);
  });

  it('gives units, not repeated codes', () => {
    expect(codesForMonth({ minutes: 116, episodeMonth: 'first' }).codes).toEqual([
      { code: '99492', units: 1 },
      { code: '99494', units: 2 },
    ]);
  });

  it('reads nonsense minutes as none and fractions as whole minutes', () => {
    expect(codesForMonth({ minutes: -5, episodeMonth: 'first' }).codes).toEqual([]);
    expect(codesForMonth({ minutes: Number.NaN, episodeMonth: 'later' }).minutesToNextCode).toBe(31);
    expect(codesForMonth({ minutes: 35.9, episodeMonth: 'first' }).codes).toEqual([]);
  });
});

describe('codesForMonth: G2214 where configured', () => {
  const g = { g2214: { enabled: true } };
  const G_CASES: Case[] = [
    [0, 'first', '', 'G2214', 16],
    [15, 'first', '', 'G2214', 1],
    [16, 'first', 'G2214', '99492', 20],
    [35, 'first', 'G2214', '99492', 1],
    [36, 'first', '99492', '99494', 50],
    [15, 'later', '', 'G2214', 1],
    [16, 'later', 'G2214', '99493', 15],
    [30, 'later', 'G2214', '99493', 1],
    [31, 'later', '99493', '99494', 45],
  ];
  it.each(G_CASES)('%i min, %s month -> [%s], next %s in %s', (minutes, episodeMonth, codes, nextCode, toNext) => {
    const result = codesForMonth({ minutes, episodeMonth, settings: g });
    expect(codesLabel(result.codes)).toBe(codes);
    expect(result.belowThreshold).toBe(codes === '');
    expect(result.nextCode).toBe(nextCode);
    expect(result.minutesToNextCode).toBe(toNext);
  });
});

describe('codesForMonth: settings', () => {
  it('caps add-on units where a payer limits them, and then names no next code', () => {
    const result = codesForMonth({ minutes: 200, episodeMonth: 'later', settings: { addOn: { maxUnits: 2 } } });
    expect(codesLabel(result.codes)).toBe('99493, 99494 x2');
    expect(result.nextCode).toBeUndefined();
    expect(result.minutesToNextCode).toBeUndefined();
  });

  it('takes other thresholds', () => {
    expect(codesLabel(codesForMonth({ minutes: 60, episodeMonth: 'first', settings: { firstMonth: { minMinutes: 61 } } }).codes)).toBe('');
  });
});

describe('codesForMonth: invariants', () => {
  const month = fc.constantFrom<EpisodeMonth>('first', 'later');
  const enabled = fc.boolean();

  it('never reports both month codes, and 99494 only with a month code', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), month, enabled, (minutes, m, g) => {
        const codes = codesForMonth({ minutes, episodeMonth: m, settings: { g2214: { enabled: g } } }).codes.map((c) => c.code);
        expect(codes.includes('99492') && codes.includes('99493')).toBe(false);
        if (codes.includes('99494')) expect(codes.some((c) => c === '99492' || c === '99493')).toBe(true);
        if (codes.includes('G2214')) expect(codes).toEqual(['G2214']);
        expect(codes.includes(m === 'first' ? '99493' : '99492')).toBe(false);
      }),
    );
  });

  it('more minutes never bill fewer units, and the next code is reached exactly then', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), month, enabled, (minutes, m, g) => {
        const settings = { g2214: { enabled: g } };
        const units = (n: number) => codesForMonth({ minutes: n, episodeMonth: m, settings }).codes.reduce((s, c) => s + c.units, 0);
        expect(units(minutes + 1)).toBeGreaterThanOrEqual(units(minutes));
        const now = codesForMonth({ minutes, episodeMonth: m, settings });
        const toNext = now.minutesToNextCode as number;
        expect(toNext).toBeGreaterThan(0);
        const before = codesForMonth({ minutes: minutes + toNext - 1, episodeMonth: m, settings });
        const at = codesForMonth({ minutes: minutes + toNext, episodeMonth: m, settings });
        expect(codesLabel(before.codes)).toBe(codesLabel(now.codes));
        expect(at.codes.some((c) => c.code === now.nextCode)).toBe(true);
      }),
    );
  });

  it('add-on units follow the midpoint rule: floor((minutes - covered - 16) / 30) + 1 past the threshold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), month, (minutes, m) => {
        const covered = m === 'first' ? 70 : 60;
        const expected = minutes >= covered + 16 ? Math.floor((minutes - covered - 16) / 30) + 1 : 0;
        const addOn = codesForMonth({ minutes, episodeMonth: m }).codes.find((c) => c.code === '99494')?.units ?? 0;
        expect(addOn).toBe(expected);
      }),
    );
  });
});
