/** Instrument identifiers used throughout the app (URLs, settings keys, chart ids). */
export type InstrumentId = 'phq2' | 'phq9' | 'gad2' | 'gad7';

export const INSTRUMENT_IDS: readonly InstrumentId[] = ['phq2', 'phq9', 'gad2', 'gad7'];

export type SeverityId = 'minimal' | 'mild' | 'moderate' | 'moderately-severe' | 'severe';

/** An inclusive score range with its clinical label (Kroenke 2001; Spitzer 2006). */
export interface SeverityBand {
  readonly id: SeverityId;
  readonly label: string;
  readonly min: number;
  readonly max: number;
}

/** One LOINC answer (LA code) and the score it carries on a 0-3 item. */
export interface AnswerOption {
  readonly code: string;
  readonly display: string;
  readonly score: number;
}

/** An item is identified by its LOINC code, never by a linkId: linkIds differ per form. */
export interface InstrumentItem {
  /** 1-based position in the instrument (item 9 of the PHQ-9 is the self-harm item). */
  readonly number: number;
  readonly loinc: string;
  readonly text: string;
}

/** A screener (PHQ-2, GAD-2) is positive at or above its threshold; then give the full form. */
export interface ScreeningRule {
  readonly positiveAtOrAbove: number;
  readonly followUp: InstrumentId;
}

export interface InstrumentDefinition {
  readonly id: InstrumentId;
  /** Name as clinicians write it: 'PHQ-9'. */
  readonly name: string;
  readonly title: string;
  /** LOINC panel code; undefined when LOINC has no verified panel (GAD-2). */
  readonly panelCode: string | undefined;
  /** LOINC total-score code; undefined when not verified (GAD-2). */
  readonly totalCode: string | undefined;
  /**
   * SNOMED CT concepts some EHRs code the total with instead of LOINC (clinical-reference.md,
   * "Score codes outside LOINC"); only verified concepts (PHQ-9: 720433000).
   */
  readonly snomedTotalCodes: readonly string[];
  readonly items: readonly InstrumentItem[];
  readonly answers: readonly AnswerOption[];
  readonly minScore: number;
  readonly maxScore: number;
  /** Severity bands for measurement instruments; empty for screeners. */
  readonly severityBands: readonly SeverityBand[];
  readonly screening: ScreeningRule | undefined;
  /** Item number whose positive answer is a safety finding (PHQ-9 item 9). */
  readonly safetyItemNumber: number | undefined;
  /** The Questionnaire canonical the app writes when it screens. */
  readonly canonical: string;
  /** The other canonicals (without version) known to mean this instrument. */
  readonly knownCanonicals: readonly string[];
}

/** The PHQ-9 "how difficult" question: recorded and shown, never scored. */
export interface UnscoredQuestion {
  readonly loinc: string;
  readonly text: string;
  readonly answers: readonly { readonly code: string; readonly display: string }[];
}
