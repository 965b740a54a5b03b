import { describe, expect, it } from 'vitest';
import { type AnswerLike, readAnswer, readTotalValue } from './answers.ts';

const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
const ITEM_WEIGHT = 'http://hl7.org/fhir/StructureDefinition/itemWeight';

describe('readAnswer: every answer shape seen in the wild', () => {
  it.each<[string, AnswerLike, number]>([
    ['LA coding', { valueCoding: { system: 'http://loinc.org', code: 'LA6570-1', display: 'More than half the days' } }, 2],
    ['LA coding without system', { valueCoding: { code: 'LA6571-9' } }, 3],
    ['LA coding with ordinalValue', { valueCoding: { code: 'LA6569-3', extension: [{ url: ORDINAL, valueDecimal: 1 }] } }, 1],
    ['local coding with ordinalValue', { valueCoding: { system: 'urn:local', code: 'X2', extension: [{ url: ORDINAL, valueDecimal: 2 }] } }, 2],
    ['local coding with itemWeight', { valueCoding: { system: 'urn:local', code: 'X3', extension: [{ url: ITEM_WEIGHT, valueDecimal: 3 }] } }, 3],
    ['local coding, display only known', { valueCoding: { system: 'urn:local', code: 'SD', display: 'Several days' } }, 1],
    ['coding with digit code', { valueCoding: { system: 'urn:local', code: '2' } }, 2],
    ['valueInteger', { valueInteger: 0 }, 0],
    ['valueDecimal', { valueDecimal: 3 }, 3],
    ['valueDecimal 2.0', { valueDecimal: 2.0 }, 2],
    ['valueString digit', { valueString: '1' }, 1],
    ['valueString with spaces', { valueString: ' 3 ' }, 3],
    ['valueString display text', { valueString: 'nearly every day' }, 3],
    ['valueCodeableConcept (Observation)', { valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: 'LA6568-5' }] } }, 0],
    ['valueCodeableConcept text only', { valueCodeableConcept: { text: '2' } }, 2],
    ['valueQuantity', { valueQuantity: { value: 1 } }, 1],
  ])('%s', (_name, answer, score) => {
    const r = readAnswer(answer);
    expect(r.score).toBe(score);
    expect(r.recorded).toBe(score);
  });

  it('uses the Questionnaire option weights for local codes', () => {
    expect(readAnswer({ valueCoding: { code: 'DAILY' } }, new Map([['DAILY', 3]])).score).toBe(3);
  });

  it('prefers the LOINC score of an LA code over a contradicting weight, and says so', () => {
    const r = readAnswer({ valueCoding: { code: 'LA6569-3', extension: [{ url: ORDINAL, valueDecimal: 3 }] } });
    expect(r.score).toBe(1);
    expect(r.problem).toMatch(/weight 3/);
  });

  it.each<[string, AnswerLike, number | undefined, RegExp]>([
    ['a 4 on a 0-3 item', { valueInteger: 4 }, 4, /impossible/],
    ['a negative', { valueInteger: -1 }, -1, /impossible/],
    ['a fraction', { valueDecimal: 1.5 }, 1.5, /impossible/],
    ['ordinalValue 4', { valueCoding: { code: 'X', extension: [{ url: ORDINAL, valueDecimal: 4 }] } }, 4, /impossible/],
    ['digit string "7"', { valueString: '7' }, 7, /impossible/],
    ['unknown code', { valueCoding: { system: 'urn:x', code: 'MAYBE' } }, undefined, /not a known answer/],
    ['free text', { valueString: 'sometimes' }, undefined, /not a score/],
    ['boolean', { valueBoolean: true }, undefined, /Boolean is not a score/],
    ['nothing', {}, undefined, /no answer value/],
  ])('%s gives no score but keeps what was recorded', (_name, answer, recorded, problem) => {
    const r = readAnswer(answer);
    expect(r.score).toBeUndefined();
    expect(r.recorded).toBe(recorded);
    expect(r.problem).toMatch(problem);
  });
});

describe('readTotalValue', () => {
  it.each<[AnswerLike, number]>([
    [{ valueInteger: 12 }, 12],
    [{ valueDecimal: 12 }, 12],
    [{ valueQuantity: { value: 8, unit: '{score}' } }, 8],
    [{ valueString: '12' }, 12],
    [{ valueCodeableConcept: { text: '14' } }, 14],
  ])('%j -> %i', (answer, value) => {
    expect(readTotalValue(answer).value).toBe(value);
  });

  it('reports text that is not a number', () => {
    expect(readTotalValue({ valueString: 'twelve' })).toEqual({ value: undefined, problem: 'total "twelve" is not a number' });
  });
});
