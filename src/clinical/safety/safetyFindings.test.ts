import type { Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PHQ9 } from '../instruments/definitions.ts';
import { readAdministrations, type ReadInput } from '../read/readAdministrations.ts';
import { type AnswerStyle, itemConcept, laCoding, type LinkIdStyle, observation, phq9Form, totalQuantity } from '../testing/fhirBuilders.ts';
import { findSafetyFindings } from './safetyFindings.ts';

// A missed item-9 finding is the worst bug this app can ship. Every way item 9 can arrive is
// tried here, and each must produce exactly the finding, whatever the total.

const NOW = { now: '2024-06-01' };

function findings(input: ReadInput) {
  return findSafetyFindings(readAdministrations(input).administrations, NOW);
}

describe('item 9 above 0 in every form shape is a finding, even with a minimal total', () => {
  const cases: [LinkIdStyle, AnswerStyle, boolean, number][] = [];
  for (const linkIds of ['loinc', 'us-core', 'lhc'] as const) {
    for (const answers of ['coding', 'coding+ordinal', 'integer', 'decimal', 'string'] as const) {
      for (const item9 of [1, 2, 3]) cases.push([linkIds, answers, linkIds === 'lhc', item9]);
    }
  }
  it.each(cases)('linkIds %s, answers %s, nested %s, item 9 = %i', (linkIds, answers, nested, item9) => {
    const qr = phq9Form([0, 0, 0, 0, 0, 0, 0, 0, item9], { linkIds, answers, nested });
    const result = findings({ questionnaireResponses: [qr] });
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ item9, total: item9, localDate: '2024-03-01', instrument: 'phq9' });
  });

  it('item 9 = 0 is not a finding, nor is any GAD-7', () => {
    expect(findings({ questionnaireResponses: [phq9Form([3, 3, 3, 3, 3, 3, 3, 3, 0])] })).toEqual([]);
    expect(findings({ observations: [observation({ id: 'g', code: '70274-6', value: totalQuantity(21) })] })).toEqual([]);
  });
});

describe('item 9 in incomplete, odd or conflicting records is still a finding', () => {
  it('a form with only item 9 answered', () => {
    const result = findings({ questionnaireResponses: [phq9Form([null, null, null, null, null, null, null, null, 1])] });
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ item9: 1, completeness: 'incomplete', total: undefined });
  });

  it('a form with 4 of 9 answered', () => {
    const result = findings({ questionnaireResponses: [phq9Form([1, null, 2, null, null, 1, null, null, 2])] });
    expect(result[0]).toMatchObject({ item9: 2, completeness: 'incomplete' });
  });

  it('a preliminary (in-progress) form', () => {
    const result = findings({ questionnaireResponses: [phq9Form([0, 0, 0, 0, 0, 0, 0, 0, 3], { status: 'in-progress' })] });
    expect(result[0]).toMatchObject({ item9: 3, status: 'preliminary' });
  });

  it('an impossible item-9 answer above 3 (recorded 4)', () => {
    const qr = phq9Form([0, 0, 0, 0, 0, 0, 0, 0, 0], { answers: 'integer' });
    qr.item![8]!.answer = [{ valueInteger: 4 }];
    const result = findings({ questionnaireResponses: [qr] });
    expect(result).toHaveLength(1);
    expect(result[0]?.item9).toBe(4);
    expect(result[0]?.problems).toContain('PHQ-9 item 9: answer 4 is impossible (items score 0-3)');
  });

  it('item 9 answered twice (duplicate linkId) with 0 and 1', () => {
    const qr = phq9Form([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    qr.item!.push({ linkId: '44260-8', answer: [{ valueCoding: laCoding(1) }] });
    expect(findings({ questionnaireResponses: [qr] })[0]?.item9).toBe(1);
  });

  it('the form says 0 but the Observation derived from it says 2', () => {
    const qr = phq9Form([1, 1, 1, 1, 1, 1, 1, 1, 0], { id: 'f' });
    const obs = observation({ id: 'o9', code: '44260-8', derivedFrom: ['QuestionnaireResponse/f'], value: itemConcept(2) });
    const result = findings({ questionnaireResponses: [qr], observations: [obs] });
    expect(result).toHaveLength(1);
    expect(result[0]?.item9).toBe(2);
    expect(result[0]?.problems).toContain('PHQ-9 item 9 is 2 in Observation/o9 but 0 in the form; form used');
  });

  it('a form without item 9 plus an item-9 Observation derived from it', () => {
    const qr = phq9Form([1, 1, 1, 1, 1, 1, 1, 1, null], { id: 'f' });
    const obs = observation({ id: 'o9', code: '44260-8', derivedFrom: ['QuestionnaireResponse/f'], value: { valueString: '1' } });
    const result = findings({ questionnaireResponses: [qr], observations: [obs] });
    expect(result[0]).toMatchObject({ item9: 1, total: 9, completeness: 'complete' });
  });

  it('a local form mapped through its Questionnaire, answers as local codes with weights', () => {
    const questionnaire: Questionnaire = {
      resourceType: 'Questionnaire',
      id: 'mood',
      url: 'https://clinic.example/Questionnaire/mood',
      status: 'active',
      item: PHQ9.items.map((it, i) => ({
        linkId: `m${i}`,
        code: [{ system: 'http://loinc.org', code: it.loinc }],
        type: 'choice',
        answerOption: ['N', 'S', 'M', 'D'].map((code, score) => ({
          valueCoding: { system: 'urn:clinic', code },
          extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: score }],
        })),
      })),
    };
    const qr: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      id: 'mood-1',
      questionnaire: 'https://clinic.example/Questionnaire/mood',
      status: 'completed',
      authored: '2024-05-30',
      item: PHQ9.items.map((_, i) => ({ linkId: `m${i}`, answer: [{ valueCoding: { system: 'urn:clinic', code: i === 8 ? 'S' : 'N' } }] })),
    };
    expect(findings({ questionnaireResponses: [qr], questionnaires: [questionnaire] })[0]).toMatchObject({ item9: 1, total: 1, daysAgo: 2 });
  });

  it('a form mapped only by position', () => {
    const qr: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      id: 'pos',
      questionnaire: 'http://hl7.org/fhir/us/core/Questionnaire/phq-9-example|7.0.0',
      status: 'completed',
      authored: '2024-05-30',
      item: [0, 0, 0, 0, 0, 0, 0, 0, 2].map((s, i) => ({ linkId: `x${i}`, answer: [{ valueString: String(s) }] })),
    };
    expect(findings({ questionnaireResponses: [qr] })[0]?.item9).toBe(2);
  });
});

describe('item 9 from Observations', () => {
  it('a 44260-8 Observation beside a total-only Observation (same day)', () => {
    const result = findings({
      observations: [
        observation({ id: 't', code: '44261-6', effective: '2024-05-20T09:00:00-04:00', value: totalQuantity(3) }),
        observation({ id: 'i9', code: '44260-8', effective: '2024-05-20T09:02:00-04:00', value: itemConcept(1) }),
      ],
    });
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ item9: 1, total: 3, administrationId: 'phq9:Observation/t', daysAgo: 12 });
    expect(result[0]?.sources).toEqual(['Observation/i9', 'Observation/t']);
  });

  it('a 44260-8 Observation alone (no total, no form)', () => {
    const result = findings({ observations: [observation({ id: 'i9', code: '44260-8', value: { valueInteger: 2 } })] });
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ item9: 2, completeness: 'incomplete' });
  });

  it('in a panel with hasMember (US Core shape), total only as valueString', () => {
    const i9 = observation({ id: 'i9', code: '44260-8', value: itemConcept(3) });
    const total = observation({ id: 't', code: '44261-6', value: { valueString: '5' } });
    const panel = observation({ id: 'p', code: '44249-1', hasMember: ['Observation/i9', 'Observation/t'] });
    const result = findings({ observations: [panel, i9, total] });
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ item9: 3, total: 5, administrationId: 'phq9:Observation/p' });
  });

  it('as a component of the total Observation', () => {
    const total = observation({
      id: 't',
      code: '44261-6',
      value: { ...totalQuantity(2), component: [{ code: { coding: [{ system: 'http://loinc.org', code: '44260-8' }] }, valueInteger: 2 }] },
    });
    expect(findings({ observations: [total] })[0]).toMatchObject({ item9: 2, total: 2 });
  });

  it('a preliminary item-9 Observation', () => {
    const result = findings({ observations: [observation({ id: 'i9', code: '44260-8', status: 'preliminary', value: itemConcept(1) })] });
    expect(result[0]?.status).toBe('preliminary');
  });

  it('an entered-in-error item-9 Observation is not a finding', () => {
    expect(findings({ observations: [observation({ id: 'i9', code: '44260-8', status: 'entered-in-error', value: itemConcept(3) })] })).toEqual([]);
  });
});

describe('ordering and age', () => {
  it('newest first, undated on top, daysAgo from the local date in the clinic zone', () => {
    const old = phq9Form([0, 0, 0, 0, 0, 0, 0, 0, 1], { id: 'old', authored: '2024-01-10' });
    const recent = phq9Form([0, 0, 0, 0, 0, 0, 0, 0, 1], { id: 'recent', authored: '2024-05-31T22:00:00-04:00' });
    const undated = { ...phq9Form([0, 0, 0, 0, 0, 0, 0, 0, 1], { id: 'undated' }), authored: undefined };
    const administrations = readAdministrations({ questionnaireResponses: [old, recent, undated] }).administrations;
    const result = findSafetyFindings(administrations, { now: new Date('2024-06-01T03:00:00Z'), timeZone: 'America/New_York' });
    expect(result.map((f) => [f.administrationId, f.daysAgo])).toEqual([
      ['phq9:QuestionnaireResponse/undated', undefined],
      ['phq9:QuestionnaireResponse/recent', 0],
      ['phq9:QuestionnaireResponse/old', 142],
    ]);
  });
});

describe('property: any positive item 9 in any shape yields a finding with that value', () => {
  const score = fc.integer({ min: 0, max: 3 });
  const maybe = fc.option(score, { nil: null });
  it('holds for forms', () => {
    fc.assert(
      fc.property(
        fc.array(maybe, { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom<LinkIdStyle>('loinc', 'us-core', 'lhc'),
        fc.constantFrom<AnswerStyle>('coding', 'coding+ordinal', 'integer', 'decimal', 'string'),
        (first8, item9, linkIds, answers) => {
          const result = findings({ questionnaireResponses: [phq9Form([...first8, item9], { linkIds, answers })] });
          expect(result).toHaveLength(1);
          expect(result[0]?.item9).toBe(item9);
        },
      ),
    );
  });

  it('holds for an item-9 Observation with or without a total beside it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.option(fc.integer({ min: 0, max: 27 })), fc.boolean(), (item9, total, asString) => {
        const observations = [observation({ id: 'i9', code: '44260-8', value: asString ? { valueString: String(item9) } : itemConcept(item9) })];
        if (total !== null) observations.push(observation({ id: 't', code: '44261-6', value: totalQuantity(total) }));
        const result = findings({ observations });
        expect(result).toHaveLength(1);
        expect(result[0]?.item9).toBe(item9);
      }),
    );
  });
});
