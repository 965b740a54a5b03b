import { describe, expect, it } from 'vitest';
import { asDraft, newDraft, type ScreeningDraft } from './draft';
import {
  completedScreening,
  DIFFICULTY_QUESTION,
  isComplete,
  firstQuestionKey,
  nextQuestionKey,
  offersFullForm,
  safetyAnswer,
  sectionInstrument,
  sectionStatus,
  statusText,
  unansweredNumbers,
  visibleQuestions,
  withAnswer,
} from './flow';

const PHQ = ['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8'];
const GAD = ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'];

function answer(draft: ScreeningDraft, key: string, value: string): ScreeningDraft {
  const q = visibleQuestions(draft).find((x) => x.key === key);
  if (!q) throw new Error(`${key} not visible`);
  return withAnswer(draft, q, value);
}

function answerAll(draft: ScreeningDraft, keys: string[], value: string): ScreeningDraft {
  return keys.reduce((d, k) => answer(d, k, value), draft);
}

const start = newDraft('id-1', 'p1');

describe('screening flow', () => {
  it('starts with PHQ-2 and GAD-2', () => {
    expect(visibleQuestions(start).map((q) => q.key)).toEqual([PHQ[0], PHQ[1], GAD[0], GAD[1]]);
    expect(sectionInstrument(start, 'phq')).toBe('phq2');
    expect(offersFullForm(start, 'phq')).toBe(false);
  });

  it('PHQ-2 >= 3 continues to the full PHQ-9; focus goes on to item 3', () => {
    let d = answer(start, PHQ[0]!, '2');
    d = answer(d, PHQ[1]!, '1');
    expect(sectionInstrument(d, 'phq')).toBe('phq9');
    expect(nextQuestionKey(d, PHQ[1]!)).toBe(PHQ[2]);
    expect(visibleQuestions(d).map((q) => q.key)).toEqual([...PHQ, GAD[0], GAD[1], DIFFICULTY_QUESTION.key]);
  });

  it('PHQ-2 of 2 stays a PHQ-2, offers the full form, and moves on to GAD-2', () => {
    const d = answerAll(start, PHQ.slice(0, 2), '1');
    expect(sectionInstrument(d, 'phq')).toBe('phq2');
    expect(offersFullForm(d, 'phq')).toBe(true);
    expect(nextQuestionKey(d, PHQ[1]!)).toBe(GAD[0]);
    const chosen = { ...d, phqFullChosen: true };
    expect(sectionInstrument(chosen, 'phq')).toBe('phq9');
    expect(offersFullForm(chosen, 'phq')).toBe(false);
  });

  it('asks the difficulty question only when a PHQ item is above 0', () => {
    const zeros = answerAll({ ...start, phqFullChosen: true }, PHQ, '0');
    expect(visibleQuestions(zeros).some((q) => q.key === DIFFICULTY_QUESTION.key)).toBe(false);
    const one = answer(zeros, PHQ[4]!, '1');
    const keys = visibleQuestions(one).map((q) => q.key);
    // After both instruments, and never where a digit meant for GAD item 1 would go.
    expect(keys[keys.length - 1]).toBe(DIFFICULTY_QUESTION.key);
    expect(nextQuestionKey(one, PHQ[8]!)).toBe(GAD[0]);
    expect(nextQuestionKey(one, GAD[1]!)).toBeUndefined();
    expect(firstQuestionKey(one)).toBe(GAD[0]);
    expect(firstQuestionKey(start)).toBe(PHQ[0]);
  });

  it('keeps a running total and gives severity once complete', () => {
    let d = answerAll({ ...start, phqFullChosen: true }, PHQ.slice(0, 7), '2');
    expect(statusText(sectionStatus(d, 'phq'))).toBe('PHQ-9: 14 so far (7 of 9 answered)');
    d = answerAll(d, PHQ.slice(7), '0');
    expect(statusText(sectionStatus(d, 'phq'))).toBe('PHQ-9 total 14 of 27: Moderate');
    const screen = answerAll(start, GAD.slice(0, 2), '0');
    expect(statusText(sectionStatus(screen, 'gad'))).toBe('GAD-2 total 0 of 6: negative screen');
  });

  it('reports item 9 the moment it is answered', () => {
    const d = answer({ ...start, phqFullChosen: true }, PHQ[8]!, '2');
    expect(safetyAnswer(d)).toBe(2);
    expect(visibleQuestions(d).find((q) => q.key === PHQ[8])?.safety).toBe(true);
  });

  it('is complete when every scored item shown is answered; lists what is missing', () => {
    let d = answerAll(start, PHQ.slice(0, 2), '0');
    expect(isComplete(d)).toBe(false);
    expect(unansweredNumbers(d)).toEqual(['GAD-2 item 1', 'GAD-2 item 2']);
    d = answerAll(d, GAD.slice(0, 2), '0');
    expect(isComplete(d)).toBe(true);
  });

  it('turns a finished draft into the administered instruments', () => {
    let d = answerAll(start, PHQ.slice(0, 2), '2');
    d = answerAll(d, PHQ.slice(2), '1');
    d = answer(d, DIFFICULTY_QUESTION.key, 'LA6575-0');
    d = answerAll(d, GAD.slice(0, 2), '0');
    expect(completedScreening(d, { encounterId: 'e1', author: 'Practitioner/1' })).toEqual({
      screeningId: 'id-1',
      patientId: 'p1',
      encounterId: 'e1',
      author: 'Practitioner/1',
      administered: [
        { instrument: 'phq9', scores: [2, 2, 1, 1, 1, 1, 1, 1, 1], difficulty: 'LA6575-0' },
        { instrument: 'gad2', scores: [0, 0] },
      ],
    });
    expect(completedScreening(start, {})).toBeUndefined();
  });

  it('ignores an answer that is not an option', () => {
    const q = visibleQuestions(start)[0]!;
    expect(withAnswer(start, q, '4')).toBe(start);
  });
});

describe('asDraft', () => {
  it('accepts a stored draft and drops impossible answers', () => {
    const stored = JSON.parse(JSON.stringify({ ...start, answers: { [PHQ[0]!]: 2, [PHQ[1]!]: 7 } }));
    expect(asDraft(stored)?.answers).toEqual({ [PHQ[0]!]: 2 });
  });
  it('refuses anything else', () => {
    expect(asDraft(null)).toBeUndefined();
    expect(asDraft({ version: 2 })).toBeUndefined();
    expect(asDraft({ ...start, step: 'elsewhere' })).toBeUndefined();
  });
});
