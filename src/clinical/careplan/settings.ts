/**
 * When the treat-to-target goals fall due, in weeks from the plan's start. Defaults, each a
 * setting (docs/clinical-rules.md): response (a 50% drop) by week 12, the end of IMPACT's
 * first step (10-12 weeks); remission (PHQ-9 < 5) by week 24, the 6-month remission window of
 * the program measures.
 */
export interface PlanSettings {
  readonly responseWeeks: number;
  readonly remissionWeeks: number;
}

export const DEFAULT_PLAN_SETTINGS: PlanSettings = { responseWeeks: 12, remissionWeeks: 24 };

/** yyyy-MM-dd plus whole weeks, on the calendar (no clock, no time zone). */
export function addWeeks(date: string, weeks: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + weeks * 7)).toISOString().slice(0, 10);
}
