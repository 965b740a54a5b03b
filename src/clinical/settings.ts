import type { InstrumentId } from './instruments/types.ts';

/**
 * Every clinical threshold the model applies, in one object. Defaults come from
 * /work/shared/clinical-reference.md; docs/clinical-rules.md lists each with its source.
 * A program changes a rule by passing a partial override (see `resolveSettings`).
 */
export interface ClinicalSettings {
  /** Most items that may be missing and still give a (prorated) score. */
  readonly maxMissingItems: Readonly<Record<InstrumentId, number>>;
  /** A score this many days before enrollment still counts as the episode's baseline. */
  readonly baselineWindowDaysBeforeEnrollment: number;
  /** Response: latest is at least this many percent below baseline. */
  readonly responseDropPercent: number;
  /** Remission: latest strictly below this. */
  readonly remissionBelow: Readonly<Record<'phq9' | 'gad7', number>>;
  /** Clinically significant improvement: latest strictly below this, or a response. */
  readonly significantImprovementBelow: Readonly<Record<'phq9' | 'gad7', number>>;
  /** Not improving: at least this many weeks in treatment without a response. */
  readonly notImprovingAfterWeeks: number;
  /** Trend: a change of at least this many points between the last two scores. */
  readonly trendMinPointChange: number;
  /** Whether preliminary scores count for baseline, latest and milestones. */
  readonly countPreliminaryInCourse: boolean;
}

export const DEFAULT_SETTINGS: ClinicalSettings = {
  maxMissingItems: { phq9: 2, gad7: 1, phq2: 0, gad2: 0 },
  baselineWindowDaysBeforeEnrollment: 14,
  responseDropPercent: 50,
  remissionBelow: { phq9: 5, gad7: 5 },
  significantImprovementBelow: { phq9: 10, gad7: 10 },
  notImprovingAfterWeeks: 10,
  trendMinPointChange: 5,
  countPreliminaryInCourse: false,
};

export type SettingsOverride = {
  readonly [K in keyof ClinicalSettings]?: ClinicalSettings[K] extends Readonly<Record<string, number>> ? Partial<ClinicalSettings[K]> : ClinicalSettings[K];
};

/** Defaults with the given overrides on top; nested per-instrument maps merge key by key. */
export function resolveSettings(override?: SettingsOverride): ClinicalSettings {
  if (!override) return DEFAULT_SETTINGS;
  return {
    ...DEFAULT_SETTINGS,
    ...(override as Partial<ClinicalSettings>),
    maxMissingItems: { ...DEFAULT_SETTINGS.maxMissingItems, ...override.maxMissingItems },
    remissionBelow: { ...DEFAULT_SETTINGS.remissionBelow, ...override.remissionBelow },
    significantImprovementBelow: {
      ...DEFAULT_SETTINGS.significantImprovementBelow,
      ...override.significantImprovementBelow,
    },
  };
}
