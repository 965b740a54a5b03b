/**
 * The codes one patient's minutes in one calendar month reach (clinical-reference.md,
 * "Billing"). Time-based codes follow the CPT midpoint rule: a code is reported once more than
 * half its time is spent, so the first-month code (70 min) from 36, the later-month code
 * (60 min) from 31, and each add-on unit (30 min) from 16 minutes into its block: first month
 * 86, 116, 146 ...; later months 76, 106, 136 ... The first-month and later-month codes are
 * never reported in the same month, because a month is one or the other.
 */
import { type BillingSettings, type BillingSettingsOverride, resolveBillingSettings } from './settings.ts';

export type EpisodeMonth = 'first' | 'later';

export interface CodeUnits {
  readonly code: string;
  readonly units: number;
}

export interface MonthCodes {
  /** Primary code first, then the add-on; empty below every threshold. */
  readonly codes: readonly CodeUnits[];
  /** No code reached (G2214 counts as reached when enabled). */
  readonly belowThreshold: boolean;
  /** The next code (or next unit of the add-on) these minutes could reach; undefined: none left. */
  readonly nextCode: string | undefined;
  readonly minutesToNextCode: number | undefined;
}

export interface CodesForMonthInput {
  readonly minutes: number;
  readonly episodeMonth: EpisodeMonth;
  readonly settings?: BillingSettingsOverride | BillingSettings;
}

/** Minutes at which add-on unit `n` (1-based) is reported. */
export function addOnThreshold(coveredMinutes: number, n: number, settings: BillingSettings): number {
  return coveredMinutes + (n - 1) * settings.addOn.blockMinutes + settings.addOn.midpointMinutes;
}

export function codesForMonth(input: CodesForMonthInput): MonthCodes {
  const settings = resolveBillingSettings(input.settings);
  // Whole minutes only: a fraction of a minute never crosses a threshold.
  const minutes = Number.isFinite(input.minutes) && input.minutes > 0 ? Math.floor(input.minutes) : 0;
  const primary = input.episodeMonth === 'first' ? settings.firstMonth : settings.laterMonth;
  const g2214 = settings.g2214;

  if (minutes < primary.minMinutes) {
    const gReached = g2214.enabled && minutes >= g2214.minMinutes;
    if (g2214.enabled && !gReached) {
      return { codes: [], belowThreshold: true, nextCode: g2214.code, minutesToNextCode: g2214.minMinutes - minutes };
    }
    return {
      codes: gReached ? [{ code: g2214.code, units: 1 }] : [],
      belowThreshold: !gReached,
      nextCode: primary.code,
      minutesToNextCode: primary.minMinutes - minutes,
    };
  }

  let units = 0;
  while (minutes >= addOnThreshold(primary.coveredMinutes, units + 1, settings)) units += 1;
  const max = settings.addOn.maxUnits;
  if (max !== undefined) units = Math.min(units, Math.max(0, max));
  const codes: CodeUnits[] = [{ code: primary.code, units: 1 }];
  if (units > 0) codes.push({ code: settings.addOn.code, units });
  const capped = max !== undefined && units >= max;
  return {
    codes,
    belowThreshold: false,
    nextCode: capped ? undefined : settings.addOn.code,
    minutesToNextCode: capped ? undefined : addOnThreshold(primary.coveredMinutes, units + 1, settings) - minutes,
  };
}

/** `99492, 99494 x2`: the codes in words for a grid cell or the report. */
export function codesLabel(codes: readonly CodeUnits[]): string {
  return codes.map((c) => (c.units > 1 ? `${c.code} x${c.units}` : c.code)).join(', ');
}
