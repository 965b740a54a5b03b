/**
 * Program measure rules (docs/program-measures.md lists each with its source). Every window
 * and threshold is a setting: config.json `program.measures` overrides any of them. Days are
 * counted from the episode's enrollment date (day N = enrollment + N days), inclusive at both
 * ends of every window.
 */
export interface ProgramMeasureSettings {
  /** "Improved at 70 days": the target day and the window the nearest PHQ-9 must fall in. */
  readonly improvedDay: number;
  readonly improvedWindowFrom: number;
  readonly improvedWindowTo: number;
  /** Improved: PHQ-9 strictly below this ... */
  readonly improvedBelow: number;
  /** ... or at most this percent of the baseline (50 = at most half). */
  readonly improvedAtMostPercentOfBaseline: number;
  /** Episodes count in the 70-day and remission rows only with a baseline PHQ-9 at or above this. */
  readonly baselineAtLeast: number;
  /** A score this many days before enrollment still counts as the episode's baseline. */
  readonly baselineDaysBeforeEnrollment: number;
  /** Psychiatric review of non-improvers: a review dated in these days of the episode. */
  readonly reviewWindowFrom: number;
  readonly reviewWindowTo: number;
  /** Remission at 6 and 12 months: target day and +/- window; remission strictly below. */
  readonly remission6Day: number;
  readonly remission6WindowDays: number;
  readonly remission12Day: number;
  readonly remission12WindowDays: number;
  readonly remissionBelow: number;
  /** "Three or more contacts": this many completed contacts within this many days of the start. */
  readonly contactsCount: number;
  readonly contactsWithinDays: number;
  /** First follow-up within this many days after the initial assessment. */
  readonly firstFollowUpDays: number;
  /** A screen counts for a visit on its date or up to this many days before. */
  readonly screeningLookbackDays: number;
  /** Positive screens: PHQ-2 at or above, PHQ-9 at or above. */
  readonly phq2PositiveAtLeast: number;
  readonly phq9PositiveAtLeast: number;
  /** Care gap: a positive screen needs an enrollment or a follow-up within this many days. */
  readonly positiveScreenFollowUpDays: number;
  /** Care gap: positive screens older than this many days no longer appear in the work list. */
  readonly positiveScreenLookbackDays: number;
  /** Small-cell suppression in the team's own view (0 = off) and in exports / shared tables. */
  readonly smallCellThreshold: number;
  readonly sharedSmallCellThreshold: number;
}

export const DEFAULT_PROGRAM_MEASURE_SETTINGS: ProgramMeasureSettings = {
  improvedDay: 70,
  improvedWindowFrom: 56,
  improvedWindowTo: 84,
  improvedBelow: 10,
  improvedAtMostPercentOfBaseline: 50,
  baselineAtLeast: 10,
  baselineDaysBeforeEnrollment: 14,
  reviewWindowFrom: 56,
  reviewWindowTo: 130,
  remission6Day: 182,
  remission6WindowDays: 30,
  remission12Day: 365,
  remission12WindowDays: 60,
  remissionBelow: 5,
  contactsCount: 3,
  contactsWithinDays: 90,
  firstFollowUpDays: 28,
  screeningLookbackDays: 14,
  phq2PositiveAtLeast: 3,
  phq9PositiveAtLeast: 10,
  positiveScreenFollowUpDays: 30,
  positiveScreenLookbackDays: 90,
  smallCellThreshold: 0,
  sharedSmallCellThreshold: 11,
};

export function resolveProgramMeasureSettings(override?: Partial<ProgramMeasureSettings>): ProgramMeasureSettings {
  return override ? { ...DEFAULT_PROGRAM_MEASURE_SETTINGS, ...override } : DEFAULT_PROGRAM_MEASURE_SETTINGS;
}
