import type { Flag, Observation, Patient, Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import type { ContactColumns } from '../contacts/contactColumns.ts';
import type { EpisodePhase } from '../enrollment/types.ts';

/** Everything read from the EHR for one patient of the caseload. */
export interface PatientRecords {
  readonly patientId: string;
  readonly patient: Patient | undefined;
  /** Score Observations and registry Observations together (one search). */
  readonly observations: readonly Observation[];
  readonly questionnaireResponses: readonly QuestionnaireResponse[];
  readonly questionnaires: readonly Questionnaire[];
  readonly flags: readonly Flag[];
  /** Searches that failed for this patient, in words (the row says the data is incomplete). */
  readonly failures: readonly string[];
  /** Resource types whose search failed or stopped part way (what the row cannot know). */
  readonly unreadTypes?: readonly string[];
}

export type RowPhase = EpisodePhase | 'not-enrolled';

/** One instrument's columns. Change is in percent of baseline (treat to target is relative). */
export interface InstrumentColumns {
  readonly baseline: number | undefined;
  readonly latest: number | undefined;
  readonly changePoints: number | undefined;
  readonly changePercent: number | undefined;
  readonly response: boolean | undefined;
  readonly remission: boolean | undefined;
}

/**
 * One caseload row: flat values the grid sorts, filters and exports. Computed once per
 * patient and data version (see `buildCaseloadRow`).
 */
export interface CaseloadRow extends ContactColumns {
  readonly id: string;
  /** `loading`: only the patient is known; `failed`: no record could be read; `partial`: some. */
  readonly load: 'loading' | 'ready' | 'partial' | 'failed';
  /** What could not be read, in words. */
  readonly loadProblem: string | undefined;
  readonly name: string;
  readonly mrn: string | undefined;
  readonly phase: RowPhase;
  readonly phaseLabel: string;
  readonly careManager: string | undefined;
  readonly pcp: string | undefined;
  readonly enrolledOn: string | undefined;
  /**
   * The treat-to-target window the row's numbers use: the episode's treatment start, and
   * its end when the episode has ended (weeks stop there). The patient view's summary uses
   * the same window so the two never disagree.
   */
  readonly course: { readonly start: string; readonly end: string | undefined } | undefined;
  readonly weeksInTreatment: number | undefined;
  readonly phq9: InstrumentColumns;
  readonly gad7: InstrumentColumns;
  readonly notImproving: boolean;
  readonly safety: boolean;
  /** Latest date of a safety finding or safety flag (for ranking). */
  readonly safetyDate: string | undefined;
  readonly flaggedForReview: boolean;
  readonly reviewFlagSince: string | undefined;
  /** Short labels of active flags: `Safety`, `Review`, and other flags' texts. */
  readonly flagLabels: readonly string[];
  readonly lastScaleDate: string | undefined;
  readonly nextScaleDue: string | undefined;
  readonly scaleOverdue: boolean;
  readonly lastReviewDate: string | undefined;
  readonly lastRecommendation: string | undefined;
  /** The latest review's record (`Observation/123`) and its author (`Practitioner/7`). */
  readonly lastReviewReference: string | undefined;
  readonly lastReviewer: string | undefined;
  /** The latest recommendation has not been marked seen by anyone yet. */
  readonly recommendationNew: boolean;
  readonly nextReviewDate: string | undefined;
  /** A review recorded in the current episode. */
  readonly reviewedThisEpisode: boolean;
  /** Enrollment records that disagree or could not be used, in words. */
  readonly notes: readonly string[];
}
