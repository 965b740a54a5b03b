/**
 * The program model: for each patient of the population, what the measures need, already
 * read by the clinical model (episodes, administrations, contacts, reviews) and put on the
 * clinic's calendar. Measures are pure functions over these.
 */

/** An enrolled episode (a referral never enrolled is not an episode of treatment here). */
export interface ProgramEpisode {
  /** yyyy-MM-dd: day 0 of the episode. */
  readonly enrolledOn: string;
  /** Last enrolled day (discharge, or the day the 6-month gap ran out); undefined while open. */
  readonly end: string | undefined;
  readonly careManager: string | undefined;
  readonly pcp: string | undefined;
}

export interface ProgramScore {
  readonly instrument: 'phq9' | 'gad7' | 'phq2';
  /** The clinic's calendar date. */
  readonly date: string;
  /** For ordering scores of one day. */
  readonly instant: number;
  readonly total: number;
  /** Stable id (for the drill-down). */
  readonly id: string;
}

export interface ProgramContact {
  readonly date: string;
  readonly instant: number;
  readonly type: 'initial-assessment' | 'follow-up' | 'psychiatric-consultation' | 'relapse-prevention';
}

export interface Demographics {
  readonly birthDate: string | undefined;
  /** `Female`, `Male`, `Other`, `Unknown`. */
  readonly sex: string;
  /** OMB category display, `Two or more races`, or undefined when not recorded. */
  readonly race: string | undefined;
  readonly ethnicity: string | undefined;
  readonly language: string | undefined;
  /** `Organization/123` (Patient.managingOrganization) */
  readonly clinic: string | undefined;
  /** `Practitioner/123` (Patient.generalPractitioner), used when no episode names a PCP. */
  readonly generalPractitioner: string | undefined;
}

export interface ProgramPatient {
  readonly id: string;
  readonly name: string;
  readonly mrn: string | undefined;
  /** What could not be read for this patient, in words; undefined when everything was read. */
  readonly recordsProblem: string | undefined;
  /** Encounters: 'failed' with the reason in `encountersProblem`. */
  readonly encountersProblem: string | undefined;
  readonly demographics: Demographics;
  /** Oldest first. */
  readonly episodes: readonly ProgramEpisode[];
  /** Counted scores (final, complete or prorated), oldest first. */
  readonly scores: readonly ProgramScore[];
  /** Completed contacts (no no-shows, attempts or removed ones), oldest first. */
  readonly contacts: readonly ProgramContact[];
  /** Dates of psychiatric case reviews, oldest first. */
  readonly reviews: readonly string[];
  /** Dates of finished ambulatory encounters, oldest first. */
  readonly visits: readonly string[];
}

/** An inclusive range of clinic dates. */
export interface Period {
  readonly start: string;
  readonly end: string;
}

export type MeasureId =
  | 'active-caseload'
  | 'monthly-contact'
  | 'three-contacts'
  | 'improved-70'
  | 'review-non-improvers'
  | 'remission-6'
  | 'remission-12'
  | 'screening-rate'
  | 'screening-yield'
  | 'first-follow-up';

/** One unit of a measure's denominator (a patient, an episode or a patient-month). */
export interface MeasureCase {
  readonly patientId: string;
  /** What is counted: `Patient`, `Episode enrolled 2026-01-05`, `2026-03`. */
  readonly unit: string;
  readonly inNumerator: boolean;
  /** Why the case is (not) in the numerator, in words. */
  readonly why: string;
  /** The care team of the case's episode (stratification). */
  readonly careManager: string | undefined;
  readonly pcp: string | undefined;
}

/** A patient looked at but not counted (no baseline, a baseline below the threshold ...). */
export interface ExcludedCase {
  readonly patientId: string;
  readonly unit: string;
  readonly why: string;
}

export interface MeasureResult {
  readonly id: MeasureId;
  readonly name: string;
  /** Active caseload has no numerator and no rate. */
  readonly hasRate: boolean;
  readonly cases: readonly MeasureCase[];
  readonly excluded: readonly ExcludedCase[];
  /** Patients whose records could not be read: not counted anywhere (never read as "no"). */
  readonly couldNotRead: readonly string[];
}
