/**
 * The minutes a running contact timer offers for the contact, by the program's rounding rule
 * (`BillingSettings.timerRounding`), and that rule in words for the screen. Pure.
 */
import type { TimerRounding } from './settings.ts';

/** Minutes for `elapsedMs` of timed contact: whole minutes (`down`) or to the nearest minute. */
export function timerMinutes(elapsedMs: number, rounding: TimerRounding): number {
  const minutes = Math.max(0, elapsedMs) / 60_000;
  return rounding === 'nearest' ? Math.round(minutes) : Math.floor(minutes);
}

/** The rule as the care manager reads it beside the timer. */
export function timerRoundingRule(rounding: TimerRounding): string {
  return rounding === 'nearest'
    ? 'The timer rounds to the nearest minute: 30 seconds or more count as a minute (1:29 gives 1, 1:30 gives 2).'
    : 'The timer counts whole minutes only: seconds are dropped (1:59 gives 1 minute).';
}
