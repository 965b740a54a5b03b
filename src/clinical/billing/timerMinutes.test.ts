import { describe, expect, it } from 'vitest';
import { DEFAULT_BILLING_SETTINGS, resolveBillingSettings } from './settings.ts';
import { timerMinutes, timerRoundingRule } from './timerMinutes.ts';

const s = (min: number, sec: number) => (min * 60 + sec) * 1000;

describe('contact timer minutes', () => {
  it('by default count whole minutes only: seconds are dropped', () => {
    expect(DEFAULT_BILLING_SETTINGS.timerRounding).toBe('down');
    expect(timerMinutes(s(1, 7), 'down')).toBe(1);
    expect(timerMinutes(s(1, 59), 'down')).toBe(1);
    expect(timerMinutes(s(23, 31), 'down')).toBe(23);
    expect(timerMinutes(s(0, 20), 'down')).toBe(0);
    expect(timerRoundingRule('down')).toMatch(/whole minutes only.*1:59 gives 1 minute/);
  });

  it('a program may round to the nearest minute instead', () => {
    expect(resolveBillingSettings({ timerRounding: 'nearest' }).timerRounding).toBe('nearest');
    expect(timerMinutes(s(1, 29), 'nearest')).toBe(1);
    expect(timerMinutes(s(1, 30), 'nearest')).toBe(2);
    expect(timerMinutes(s(23, 31), 'nearest')).toBe(24);
    expect(timerRoundingRule('nearest')).toMatch(/nearest minute/);
  });

  it('a negative elapsed time (clock set back) gives 0', () => {
    expect(timerMinutes(-5000, 'down')).toBe(0);
  });
});
