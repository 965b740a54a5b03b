/**
 * The screening as it is being typed: what the screen edits, what sessionStorage keeps, and
 * what a save resumes from. Plain data (JSON-safe) so it survives a reload.
 */

/** How far one record got; kept so a resend after a reload never writes it twice. */
export type RecordProgress =
  /** A create was sent; its answer is unknown (timeout, reload). Search before resending. */
  { status: 'attempted' } | { status: 'saved'; reference?: string; existing?: boolean };

export interface ScreeningDraft {
  version: 1;
  /** UUID made once per draft: the root of every identifier the save writes. */
  screeningId: string;
  patientId: string;
  /** Item scores (0-3) by LOINC item code: PHQ-2 items are the first two PHQ-9 items. */
  answers: Record<string, number>;
  /** PHQ-9 difficulty answer (LA code). */
  difficulty?: string;
  /** The clinician chose the full form although the 2-item screen was negative. */
  phqFullChosen: boolean;
  gadFullChosen: boolean;
  /** The result after saving is not a step: it lives in memory, a reload returns to review. */
  step: 'questions' | 'review';
  /**
   * When saving first started (the resources' time), with the clinic's offset. From then on
   * the answers are locked: the identifiers already sent stand for these answers.
   */
  recordedAt?: { iso: string; utcOffsetMinutes: number };
  progress: Record<string, RecordProgress>;
}

export function newDraft(screeningId: string, patientId: string): ScreeningDraft {
  return { version: 1, screeningId, patientId, answers: {}, phqFullChosen: false, gadFullChosen: false, step: 'questions', progress: {} };
}

export function isLocked(draft: ScreeningDraft): boolean {
  return draft.recordedAt !== undefined;
}

/** Checks a parsed value is a draft of this version (storage may hold anything). */
export function asDraft(value: unknown): ScreeningDraft | undefined {
  const d = value as Partial<ScreeningDraft> | null;
  if (!d || d.version !== 1 || typeof d.screeningId !== 'string' || typeof d.patientId !== 'string') return undefined;
  if (typeof d.answers !== 'object' || d.answers === null || typeof d.progress !== 'object' || d.progress === null) return undefined;
  if (d.step !== 'questions' && d.step !== 'review') return undefined;
  const answers: Record<string, number> = {};
  for (const [k, v] of Object.entries(d.answers)) if (Number.isInteger(v) && v >= 0 && v <= 3) answers[k] = v;
  return { ...(d as ScreeningDraft), answers, phqFullChosen: d.phqFullChosen === true, gadFullChosen: d.gadFullChosen === true };
}
