/**
 * Which questions the screening asks, in what order, and what the answers add up to so far.
 * PHQ-2 then PHQ-9 when PHQ-2 >= 3 or the clinician asks; GAD-2 then GAD-7 likewise; the
 * PHQ-9 difficulty question once any PHQ item is above 0 (the form says "if you checked off
 * any problems"), asked after both instruments and answered by its own letter keys: the digit
 * typed after item 9 is meant for GAD item 1 and must land there.
 */
import { INSTRUMENTS, PHQ9_DIFFICULTY, screenResult, severityOf, type InstrumentDefinition, type InstrumentId, type SeverityBand } from '../../clinical';
import type { AdministeredInstrument, CompletedScreening } from '../../clinical/records';
import type { ScreeningDraft } from './draft';

export type SectionId = 'phq' | 'gad';

export interface QuestionOption {
  /** What is stored: the score (items) or the LA code (difficulty). */
  value: string;
  label: string;
}

export interface Question {
  /** LOINC item code, or the difficulty question's code. */
  key: string;
  section: SectionId;
  /** Item number within its instrument; undefined for the difficulty question. */
  number: number | undefined;
  text: string;
  options: QuestionOption[];
  scored: boolean;
  /** PHQ-9 item 9. */
  safety: boolean;
}

const SECTIONS: Record<SectionId, { screener: InstrumentId; full: InstrumentId }> = {
  phq: { screener: 'phq2', full: 'phq9' },
  gad: { screener: 'gad2', full: 'gad7' },
};

export const SECTION_IDS: readonly SectionId[] = ['phq', 'gad'];

function chosenFull(draft: ScreeningDraft, section: SectionId): boolean {
  return section === 'phq' ? draft.phqFullChosen : draft.gadFullChosen;
}

function scoresOf(draft: ScreeningDraft, definition: InstrumentDefinition): Array<number | undefined> {
  return definition.items.map((item) => draft.answers[item.loinc]);
}

/** The screener's total, once both items are answered. */
export function screenerTotal(draft: ScreeningDraft, section: SectionId): number | undefined {
  const scores = scoresOf(draft, INSTRUMENTS[SECTIONS[section].screener]);
  return scores.every((s) => s !== undefined) ? scores.reduce<number>((a, s) => a + (s ?? 0), 0) : undefined;
}

/** The instrument this section is giving now: the full form when positive or chosen. */
export function sectionInstrument(draft: ScreeningDraft, section: SectionId): InstrumentId {
  const { screener, full } = SECTIONS[section];
  if (chosenFull(draft, section)) return full;
  const total = screenerTotal(draft, section);
  return total !== undefined && screenResult(INSTRUMENTS[screener], total) === 'positive' ? full : screener;
}

/** True once the 2-item screen is answered and negative and the full form was not chosen. */
export function offersFullForm(draft: ScreeningDraft, section: SectionId): boolean {
  return screenerTotal(draft, section) !== undefined && sectionInstrument(draft, section) === SECTIONS[section].screener;
}

export function fullInstrumentOf(section: SectionId): InstrumentId {
  return SECTIONS[section].full;
}

function itemQuestions(definition: InstrumentDefinition, section: SectionId): Question[] {
  return definition.items.map((item) => ({
    key: item.loinc,
    section,
    number: item.number,
    text: item.text,
    options: definition.answers.map((a) => ({ value: String(a.score), label: a.display })),
    scored: true,
    safety: definition.safetyItemNumber === item.number,
  }));
}

function difficultyAsked(draft: ScreeningDraft): boolean {
  if (sectionInstrument(draft, 'phq') !== 'phq9') return false;
  return INSTRUMENTS.phq9.items.some((item) => (draft.answers[item.loinc] ?? 0) > 0);
}

/** The difficulty question's own keys, one per answer in order (not the digits of the scored items). */
export const DIFFICULTY_KEYS: readonly string[] = ['n', 's', 'v', 'e'];

export const DIFFICULTY_QUESTION: Question = {
  key: PHQ9_DIFFICULTY.loinc,
  section: 'phq',
  number: undefined,
  text: PHQ9_DIFFICULTY.text,
  options: PHQ9_DIFFICULTY.answers.map((a) => ({ value: a.code, label: a.display })),
  scored: false,
  safety: false,
};

/** The questions on screen now, in order: every scored item, then the difficulty question. */
export function visibleQuestions(draft: ScreeningDraft): Question[] {
  const questions: Question[] = [];
  for (const section of SECTION_IDS) questions.push(...itemQuestions(INSTRUMENTS[sectionInstrument(draft, section)], section));
  if (difficultyAsked(draft)) questions.push(DIFFICULTY_QUESTION);
  return questions;
}

export function answerOf(draft: ScreeningDraft, question: Question): string | undefined {
  if (!question.scored) return draft.difficulty;
  const score = draft.answers[question.key];
  return score === undefined ? undefined : String(score);
}

/** The draft with one answer set; an answer out of range is ignored. */
export function withAnswer(draft: ScreeningDraft, question: Question, value: string): ScreeningDraft {
  if (!question.options.some((o) => o.value === value)) return draft;
  if (!question.scored) return { ...draft, difficulty: value };
  return { ...draft, answers: { ...draft.answers, [question.key]: Number(value) } };
}

export interface SectionStatus {
  section: SectionId;
  instrument: InstrumentDefinition;
  answered: number;
  /** Sum of the answered items. */
  runningTotal: number;
  complete: boolean;
  /** When complete. */
  severity: SeverityBand | undefined;
  screen: 'positive' | 'negative' | undefined;
}

export function sectionStatus(draft: ScreeningDraft, section: SectionId): SectionStatus {
  const instrument = INSTRUMENTS[sectionInstrument(draft, section)];
  const scores = scoresOf(draft, instrument).filter((s): s is number => s !== undefined);
  const complete = scores.length === instrument.items.length;
  const runningTotal = scores.reduce((a, s) => a + s, 0);
  return {
    section,
    instrument,
    answered: scores.length,
    runningTotal,
    complete,
    severity: complete ? severityOf(instrument, runningTotal) : undefined,
    screen: complete ? screenResult(instrument, runningTotal) : undefined,
  };
}

/** `PHQ-9: 11 so far (7 of 9 answered)` / `PHQ-9 total 14 of 27: Moderate`. */
export function statusText(status: SectionStatus): string {
  const { instrument } = status;
  if (!status.complete) return `${instrument.name}: ${status.runningTotal} so far (${status.answered} of ${instrument.items.length} answered)`;
  const about = status.severity ? status.severity.label : status.screen === 'positive' ? 'positive screen, go on to the full form' : 'negative screen';
  return `${instrument.name} total ${status.runningTotal} of ${instrument.maxScore}: ${about}`;
}

/** Every scored question on screen is answered (difficulty is optional). */
export function isComplete(draft: ScreeningDraft): boolean {
  return visibleQuestions(draft).every((q) => !q.scored || answerOf(draft, q) !== undefined);
}

export function unansweredNumbers(draft: ScreeningDraft): string[] {
  return visibleQuestions(draft)
    .filter((q) => q.scored && answerOf(draft, q) === undefined)
    .map((q) => `${INSTRUMENTS[sectionInstrument(draft, q.section)].name} item ${q.number}`);
}

/** Item 9 as answered now (the alert shows from the moment it is above 0). */
export function safetyAnswer(draft: ScreeningDraft): number | undefined {
  const item9 = INSTRUMENTS.phq9.items.find((i) => i.number === INSTRUMENTS.phq9.safetyItemNumber);
  return item9 ? draft.answers[item9.loinc] : undefined;
}

/**
 * The scored question after `key` in the new order, if any (where focus goes after a digit).
 * The unscored difficulty question is skipped: a digit keeps going to the items it is meant for.
 */
export function nextQuestionKey(draft: ScreeningDraft, key: string): string | undefined {
  const questions = visibleQuestions(draft);
  const index = questions.findIndex((q) => q.key === key);
  return index >= 0 ? questions.slice(index + 1).find((q) => q.scored)?.key : undefined;
}

/** Where focus starts: the first scored question not answered yet, else the first. */
export function firstQuestionKey(draft: ScreeningDraft): string | undefined {
  const questions = visibleQuestions(draft);
  return (questions.find((q) => q.scored && answerOf(draft, q) === undefined) ?? questions[0])?.key;
}

/** The finished screening for the record builders; undefined while incomplete. */
export function completedScreening(draft: ScreeningDraft, context: { encounterId?: string; author?: string }): CompletedScreening | undefined {
  if (!isComplete(draft)) return undefined;
  const administered: AdministeredInstrument[] = SECTION_IDS.map((section) => {
    const id = sectionInstrument(draft, section);
    const scores = INSTRUMENTS[id].items.map((item) => draft.answers[item.loinc] ?? 0);
    const difficulty = id === 'phq9' && difficultyAsked(draft) ? draft.difficulty : undefined;
    return { instrument: id, scores, ...(difficulty ? { difficulty } : {}) };
  });
  return {
    screeningId: draft.screeningId,
    patientId: draft.patientId,
    ...(context.encounterId ? { encounterId: context.encounterId } : {}),
    ...(context.author ? { author: context.author } : {}),
    administered,
  };
}
