import type { InstrumentId, SeverityBand } from '../instruments/types.ts';

export type Completeness = 'complete' | 'prorated' | 'incomplete';
export type AdministrationStatus = 'final' | 'preliminary';

/** Where the administration's total came from, so a screen can say why it shows what it shows. */
export type TotalSource =
  /** Sum of all item scores. */
  | 'items'
  /** Mean of the answered items times the item count (see prorate.ts). */
  | 'prorated-items'
  /** A total item inside a form that had no item answers. */
  | 'form-total'
  /** A total-score Observation (no form, or only some items beside it). */
  | 'observation';

export interface ItemAnswer {
  readonly number: number;
  readonly loinc: string;
  /** 0-3 when a valid answer was read. */
  readonly score: number | undefined;
  /** The number as recorded, even when impossible (a 4); the safety rule looks at it. */
  readonly recorded: number | undefined;
  readonly answerDisplay: string | undefined;
  /** No usable answer: unanswered, unreadable, impossible or contradictory. */
  readonly missing: boolean;
}

export interface Administration {
  /** Stable across reads: instrument plus the primary source reference. */
  readonly id: string;
  readonly instrument: InstrumentId;
  /** The date as written in the record (authored / effective[x]); undefined when none. */
  readonly effective: string | undefined;
  /** yyyy-MM-dd as written: the local date of the recording, never shifted to UTC. */
  readonly localDate: string | undefined;
  /** Milliseconds since epoch, for sorting; date-only values sort at 00:00 UTC of that date. */
  readonly instant: number | undefined;
  readonly total: number | undefined;
  readonly totalSource: TotalSource | undefined;
  readonly severity: SeverityBand | undefined;
  /** PHQ-2 / GAD-2 only. */
  readonly screen: 'positive' | 'negative' | undefined;
  readonly completeness: Completeness;
  readonly status: AdministrationStatus;
  /** One entry per instrument item, in order. */
  readonly items: readonly ItemAnswer[];
  /** Whether any item-level answer was recorded (false for a bare total Observation). */
  readonly hasItemAnswers: boolean;
  /**
   * PHQ-9 item 9 (thoughts of self-harm): the highest value any source recorded for it,
   * impossible values included. Undefined when not recorded or not a PHQ-9.
   */
  readonly item9: number | undefined;
  /** PHQ-9 difficulty question (69722-7), not scored. */
  readonly difficulty: string | undefined;
  /** What is wrong or unusual with this record, in words for a clinician. */
  readonly problems: readonly string[];
  /** 'QuestionnaireResponse/abc', 'Observation/def' ... sorted. */
  readonly sources: readonly string[];
  /** Who gave it: the clinic, or the patient from home (patient app); see patientReports/reportSource.ts. */
  readonly reportedBy: 'clinic' | 'patient';
}

/** A record that looked like ours but could not be read; the screen lists these. */
export interface UnreadableRecord {
  readonly reference: string;
  readonly reason: string;
}

/** A record deliberately left out (entered in error, another questionnaire ...). */
export interface IgnoredRecord {
  readonly reference: string;
  readonly reason: string;
}

export interface ReadResult {
  readonly administrations: Administration[];
  readonly unreadable: UnreadableRecord[];
  readonly ignored: IgnoredRecord[];
}
