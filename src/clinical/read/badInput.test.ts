import type { Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { observation, phq9Form, totalQuantity } from '../testing/fhirBuilders.ts';
import { readAdministrations } from './readAdministrations.ts';

describe('bad input never throws; it is marked or listed with a reason', () => {
  it('a PHQ-9 total of 31 is impossible: administration kept, not scored, problem named', () => {
    const { administrations } = readAdministrations({ observations: [observation({ id: 'x', code: '44261-6', value: totalQuantity(31) })] });
    expect(administrations).toHaveLength(1);
    expect(administrations[0]).toMatchObject({ total: undefined, completeness: 'incomplete', severity: undefined });
    expect(administrations[0]?.problems).toContain('total in Observation/x 31 is impossible for the PHQ-9 (0-27); not used');
  });

  it('a form total of 31 with complete items: items win and the total is reported', () => {
    const [a] = readAdministrations({ questionnaireResponses: [phq9Form([3, 3, 3, 3, 3, 3, 3, 3, 1], { total: 31 })] }).administrations;
    expect(a?.total).toBe(25);
    expect(a?.problems).toContain('form total 31 is impossible for the PHQ-9 (0-27); not used');
  });

  it('a 4 on a 0-3 item makes that item missing (here: prorated) and is named', () => {
    const qr = phq9Form([1, 1, 1, 1, 1, 1, 1, 1, 1], { answers: 'integer' });
    qr.item![2]!.answer = [{ valueInteger: 4 }];
    const [a] = readAdministrations({ questionnaireResponses: [qr] }).administrations;
    expect(a?.items[2]).toMatchObject({ score: undefined, recorded: 4, missing: true });
    expect(a).toMatchObject({ completeness: 'prorated', total: 9 });
    expect(a?.problems).toContain('PHQ-9 item 3: answer 4 is impossible (items score 0-3)');
  });

  it('a form total disagreeing with its items is reported and the item sum wins', () => {
    const [a] = readAdministrations({ questionnaireResponses: [phq9Form([2, 2, 2, 2, 1, 1, 1, 1, 0], { total: 14 })] }).administrations;
    expect(a?.total).toBe(12);
    expect(a?.problems).toContain('form total 14 disagrees with item sum 12; item sum used');
  });

  it('duplicate linkIds with different answers: the item is treated as missing, both named', () => {
    const qr = phq9Form([1, 1, 1, 1, 1, 1, 1, 1, 0]);
    qr.item!.push({ linkId: '44250-9', answer: [{ valueCoding: { system: 'http://loinc.org', code: 'LA6571-9' } }] });
    const [a] = readAdministrations({ questionnaireResponses: [qr] }).administrations;
    expect(a?.items[0]).toMatchObject({ score: undefined, missing: true });
    expect(a?.problems).toEqual(expect.arrayContaining(['linkId "44250-9" appears more than once', 'PHQ-9 item 1 has conflicting answers (1, 3); treated as missing']));
    expect(a?.completeness).toBe('prorated');
  });

  it('an empty PHQ-9 form is listed as unreadable', () => {
    const qr: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      id: 'empty',
      questionnaire: 'http://loinc.org/q/44249-1',
      status: 'completed',
      authored: '2024-01-01',
    };
    const result = readAdministrations({ questionnaireResponses: [qr] });
    expect(result.administrations).toEqual([]);
    expect(result.unreadable).toEqual([{ reference: 'QuestionnaireResponse/empty', reason: 'PHQ-9 form has no answers' }]);
  });

  it('a form of another questionnaire is ignored, not unreadable', () => {
    const qr: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      id: 'audit',
      questionnaire: 'http://loinc.org/q/72109-2',
      status: 'completed',
      item: [{ linkId: '/68518-0', answer: [{ valueCoding: { code: 'LA6270-8' } }] }],
    };
    const result = readAdministrations({ questionnaireResponses: [qr] });
    expect(result.unreadable).toEqual([]);
    expect(result.ignored).toEqual([{ reference: 'QuestionnaireResponse/audit', reason: 'not a PHQ or GAD form (http://loinc.org/q/72109-2)' }]);
  });

  it('a broken contained reference with LOINC linkIds still reads', () => {
    const qr = { ...phq9Form([0, 0, 0, 0, 0, 0, 0, 0, 0]), questionnaire: '#nowhere' };
    const [a] = readAdministrations({ questionnaireResponses: [qr] }).administrations;
    expect(a?.total).toBe(0);
  });

  it('a total Observation with no value is unreadable with the absent reason', () => {
    const obs = observation({ id: 'd', code: '44261-6', value: { dataAbsentReason: { coding: [{ code: 'asked-declined' }] } } });
    const result = readAdministrations({ observations: [obs] });
    expect(result.administrations).toEqual([]);
    expect(result.unreadable).toEqual([{ reference: 'Observation/d', reason: 'PHQ-9 total: no value (asked-declined)' }]);
  });

  it('a total of text is unreadable', () => {
    const result = readAdministrations({ observations: [observation({ id: 't', code: '44261-6', value: { valueString: 'see note' } })] });
    expect(result.unreadable).toEqual([{ reference: 'Observation/t', reason: 'PHQ-9 total: total "see note" is not a number' }]);
  });

  it('junk in the lists is listed, not thrown', () => {
    const junk = [
      null,
      42,
      { resourceType: 'Patient', id: 'p' },
      { resourceType: 'QuestionnaireResponse', item: 'nope', status: 'completed' },
    ] as unknown as QuestionnaireResponse[];
    const result = readAdministrations({ questionnaireResponses: junk, observations: 'nope' as unknown as Observation[] });
    expect(result.administrations).toEqual([]);
    expect(result.unreadable.map((u) => u.reason)).toEqual([
      'expected a QuestionnaireResponse, got Patient',
      'expected a QuestionnaireResponse, got null',
      'expected a QuestionnaireResponse, got number',
    ]);
    expect(result.ignored).toHaveLength(1);
  });

  it('an Observation with a weird shape (code not an object, arrays as strings) does not throw', () => {
    const weird = { resourceType: 'Observation', id: 'w', status: 'final', code: 'x', hasMember: 'y', component: 3 } as unknown as Observation;
    const panel = { ...observation({ id: 'p', code: '44249-1' }), hasMember: [{}, { reference: 7 }] } as unknown as Observation;
    const result = readAdministrations({ observations: [weird, panel] });
    expect(result.administrations).toEqual([]);
    expect(result.unreadable).toEqual([{ reference: 'Observation/p', reason: 'PHQ-9 panel has no readable members' }]);
    expect(result.ignored).toEqual([{ reference: 'Observation/w', reason: 'not a PHQ or GAD code (no code)' }]);
  });

  it('no date: kept with a problem and sorted last', () => {
    const undated = { ...phq9Form([1, 1, 1, 1, 1, 1, 1, 1, 1], { id: 'u' }), authored: undefined };
    const dated = phq9Form([0, 0, 0, 0, 0, 0, 0, 0, 0], { id: 'd' });
    const { administrations } = readAdministrations({ questionnaireResponses: [undated, dated] });
    expect(administrations.map((a) => a.id)).toEqual(['phq9:QuestionnaireResponse/d', 'phq9:QuestionnaireResponse/u']);
    expect(administrations[1]).toMatchObject({ effective: undefined, localDate: undefined, instant: undefined });
    expect(administrations[1]?.problems).toContain('no date recorded');
  });

  it('an invalid date string is kept as written and named', () => {
    const [a] = readAdministrations({ questionnaireResponses: [phq9Form([0, 0, 0, 0, 0, 0, 0, 0, 0], { authored: '03/01/2024' })] }).administrations;
    expect(a).toMatchObject({ effective: '03/01/2024', localDate: undefined });
    expect(a?.problems).toContain('date "03/01/2024" is not a valid FHIR date');
  });

  it('entered-in-error forms are ignored', () => {
    const result = readAdministrations({ questionnaireResponses: [phq9Form([3, 3, 3, 3, 3, 3, 3, 3, 3], { id: 'eie', status: 'entered-in-error' })] });
    expect(result.administrations).toEqual([]);
    expect(result.ignored).toEqual([{ reference: 'QuestionnaireResponse/eie', reason: 'status is entered-in-error' }]);
  });

  it('in-progress forms are preliminary', () => {
    const [a] = readAdministrations({ questionnaireResponses: [phq9Form([1, 1, 1, 1, 1, 1, 1, 1, 1], { status: 'in-progress' })] }).administrations;
    expect(a?.status).toBe('preliminary');
  });
});
