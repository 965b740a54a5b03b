import { describe, expect, it } from 'vitest';
import { newDraft } from '../../screening/model/draft';
import { FIRST_GAD_INDEX, firstUnanswered, patientScreening, QUESTIONS, SAFETY_ITEM_LOINC, safetyPositive } from './questions';

describe('patient questionnaire', () => {
  it('asks the 9 PHQ-9 questions then the 7 GAD-7 questions, item 9 ninth', () => {
    expect(QUESTIONS).toHaveLength(16);
    expect(QUESTIONS[8]?.item.loinc).toBe('44260-8');
    expect(SAFETY_ITEM_LOINC).toBe('44260-8');
    expect(FIRST_GAD_INDEX).toBe(9);
    expect(QUESTIONS[15]?.item.loinc).toBe('69736-7');
  });

  it('resumes at the first unanswered question and knows a positive item 9', () => {
    const answers = Object.fromEntries(QUESTIONS.slice(0, 9).map((q) => [q.item.loinc, q.item.number === 9 ? 1 : 0]));
    expect(firstUnanswered(answers)).toBe(9);
    expect(safetyPositive(answers)).toBe(true);
    expect(safetyPositive({ ...answers, [SAFETY_ITEM_LOINC]: 0 })).toBe(false);
    expect(firstUnanswered({})).toBe(0);
  });

  it('builds the screening from complete instruments only, authored by the patient', () => {
    const draft = { ...newDraft('s-1', 'p1'), answers: Object.fromEntries(QUESTIONS.slice(0, 12).map((q) => [q.item.loinc, 2])) };
    const phqOnly = patientScreening(draft, 'Patient/p1');
    expect(phqOnly.author).toBe('Patient/p1');
    expect(phqOnly.administered.map((a) => a.instrument)).toEqual(['phq9']);
    expect(phqOnly.administered[0]?.scores).toEqual(Array(9).fill(2));
    const full = patientScreening({ ...draft, answers: Object.fromEntries(QUESTIONS.map((q) => [q.item.loinc, 1])) }, 'Patient/p1');
    expect(full.administered.map((a) => a.instrument)).toEqual(['phq9', 'gad7']);
    expect(patientScreening({ ...draft, answers: Object.fromEntries(QUESTIONS.map((q) => [q.item.loinc, 1])) }, 'Patient/p1', 'phq9').administered).toHaveLength(1);
  });
});
