import { describe, expect, it } from 'vitest';
import { GAD7 } from '../instruments/definitions.ts';
import { formResponse, observation, phq9Form, totalQuantity } from '../testing/fhirBuilders.ts';
import { readAdministrations } from './readAdministrations.ts';

const nine = [1, 1, 1, 1, 1, 1, 1, 1, 1];

describe('one administration counted once', () => {
  it('form + Observation derivedFrom the form', () => {
    const qr = phq9Form(nine, { id: 'f1' });
    const obs = observation({ id: 'o1', code: '44261-6', derivedFrom: ['QuestionnaireResponse/f1'], effective: '2024-03-05T08:00:00Z', value: totalQuantity(9) });
    const { administrations } = readAdministrations({ questionnaireResponses: [qr], observations: [obs] });
    expect(administrations).toHaveLength(1);
    expect(administrations[0]?.sources).toEqual(['Observation/o1', 'QuestionnaireResponse/f1']);
    expect(administrations[0]?.effective).toBe(qr.authored);
  });

  it('derivedFrom by absolute URL with _history still joins the form', () => {
    const qr = phq9Form(nine, { id: 'f1' });
    const obs = observation({
      id: 'o1',
      code: '44261-6',
      derivedFrom: ['https://ehr.example/fhir/QuestionnaireResponse/f1/_history/3'],
      effective: '2024-03-09',
      value: totalQuantity(9),
    });
    expect(readAdministrations({ questionnaireResponses: [qr], observations: [obs] }).administrations).toHaveLength(1);
  });

  it('the total item inside the form is not a second administration', () => {
    const { administrations } = readAdministrations({ questionnaireResponses: [phq9Form(nine, { total: 9 })] });
    expect(administrations).toHaveLength(1);
    expect(administrations[0]?.problems).toEqual([]);
  });

  it('form + Observation without derivedFrom, same day and value', () => {
    const qr = phq9Form(nine, { id: 'f1', authored: '2024-03-01T09:00:00-05:00' });
    const obs = observation({ id: 'o1', code: '44261-6', effective: '2024-03-01T09:05:00-05:00', value: totalQuantity(9) });
    const { administrations } = readAdministrations({ questionnaireResponses: [qr], observations: [obs] });
    expect(administrations).toHaveLength(1);
    expect(administrations[0]?.id).toBe('phq9:QuestionnaireResponse/f1');
    expect(administrations[0]?.sources).toEqual(['Observation/o1', 'QuestionnaireResponse/f1']);
  });

  it('two Observations, same instrument, day and value: one administration with both sources', () => {
    const a = observation({ id: 'a', code: '70274-6', effective: '2024-03-01T09:00:00-05:00', value: totalQuantity(8) });
    const b = observation({ id: 'b', code: '70274-6', effective: '2024-03-01', value: { valueInteger: 8 } });
    const { administrations } = readAdministrations({ observations: [b, a] });
    expect(administrations).toHaveLength(1);
    expect(administrations[0]).toMatchObject({ id: 'gad7:Observation/a', total: 8, sources: ['Observation/a', 'Observation/b'] });
  });

  it('the same resource twice (paging overlap) is read once; the newer version wins', () => {
    const v1 = { ...observation({ id: 'a', code: '70274-6', value: totalQuantity(8) }), meta: { versionId: '1' } };
    const v2 = { ...observation({ id: 'a', code: '70274-6', value: totalQuantity(6) }), meta: { versionId: '2' } };
    for (const order of [
      [v1, v2],
      [v2, v1],
    ]) {
      const { administrations } = readAdministrations({ observations: order });
      expect(administrations.map((x) => x.total)).toEqual([6]);
    }
  });
});

describe('not the same administration', () => {
  it('same day, different values: both kept, each names the other', () => {
    const a = observation({ id: 'a', code: '44261-6', effective: '2024-03-01T08:00:00Z', value: totalQuantity(8) });
    const b = observation({ id: 'b', code: '44261-6', effective: '2024-03-01T17:00:00Z', value: totalQuantity(14) });
    const { administrations } = readAdministrations({ observations: [a, b] });
    expect(administrations.map((x) => x.total)).toEqual([8, 14]);
    expect(administrations[0]?.problems).toContain('another PHQ-9 on 2024-03-01 scored 14 (Observation/b)');
    expect(administrations[1]?.problems).toContain('another PHQ-9 on 2024-03-01 scored 8 (Observation/a)');
  });

  it('same value on different local days', () => {
    const a = observation({ id: 'a', code: '44261-6', effective: '2024-03-01T23:30:00-05:00', value: totalQuantity(8) });
    const b = observation({ id: 'b', code: '44261-6', effective: '2024-03-02T00:30:00-05:00', value: totalQuantity(8) });
    expect(readAdministrations({ observations: [a, b] }).administrations).toHaveLength(2);
  });

  it('different instruments with the same value on the same day', () => {
    const a = observation({ id: 'a', code: '44261-6', value: totalQuantity(8) });
    const b = observation({ id: 'b', code: '70274-6', value: totalQuantity(8) });
    expect(readAdministrations({ observations: [a, b] }).administrations).toHaveLength(2);
  });

  it('two forms the same day with the same total but different answers stay two', () => {
    const f1 = formResponse(GAD7, [1, 1, 1, 1, 1, 1, 1], { id: 'm', authored: '2024-03-01T08:00:00Z' });
    const f2 = formResponse(GAD7, [0, 2, 1, 1, 1, 1, 1], { id: 'e', authored: '2024-03-01T18:00:00Z' });
    expect(readAdministrations({ questionnaireResponses: [f1, f2] }).administrations).toHaveLength(2);
  });

  it('the same form posted twice (same time, same answers) is one', () => {
    const f1 = formResponse(GAD7, [1, 1, 1, 1, 1, 1, 1], { id: 'x1' });
    const f2 = formResponse(GAD7, [1, 1, 1, 1, 1, 1, 1], { id: 'x2' });
    const { administrations } = readAdministrations({ questionnaireResponses: [f2, f1] });
    expect(administrations).toHaveLength(1);
    expect(administrations[0]?.sources).toEqual(['QuestionnaireResponse/x1', 'QuestionnaireResponse/x2']);
  });
});
