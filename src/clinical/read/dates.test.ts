import { describe, expect, it } from 'vitest';
import { observation, phq9Form, totalQuantity } from '../testing/fhirBuilders.ts';
import { readAdministrations } from './readAdministrations.ts';

const ones = [1, 1, 1, 1, 1, 1, 1, 1, 1];

describe('dates near midnight in different offsets', () => {
  it('sorts by instant while each keeps its own local date', () => {
    // 23:30 in New York (04:30Z next day) happened after 00:15 in Paris (23:15Z).
    const ny = phq9Form(ones, { id: 'ny', authored: '2024-03-01T23:30:00-05:00' });
    const paris = phq9Form([0, 0, 0, 0, 0, 0, 0, 0, 0], { id: 'paris', authored: '2024-03-02T00:15:00+01:00' });
    const { administrations } = readAdministrations({ questionnaireResponses: [ny, paris] });
    expect(administrations.map((a) => [a.id, a.localDate])).toEqual([
      ['phq9:QuestionnaireResponse/paris', '2024-03-02'],
      ['phq9:QuestionnaireResponse/ny', '2024-03-01'],
    ]);
  });

  it('a date-only record and a late-evening record of the same local day are the same day', () => {
    const a = observation({ id: 'a', code: '44261-6', effective: '2024-03-01', value: totalQuantity(9) });
    const b = observation({ id: 'b', code: '44261-6', effective: '2024-03-01T23:50:00-08:00', value: totalQuantity(9) });
    const { administrations } = readAdministrations({ observations: [a, b] });
    expect(administrations).toHaveLength(1);
    expect(administrations[0]?.localDate).toBe('2024-03-01');
  });

  it('the same instant written in two offsets lands on two local dates, so it is not merged', () => {
    const a = observation({ id: 'a', code: '44261-6', effective: '2024-03-01T23:30:00-05:00', value: totalQuantity(9) });
    const b = observation({ id: 'b', code: '44261-6', effective: '2024-03-02T04:30:00Z', value: totalQuantity(9) });
    const { administrations } = readAdministrations({ observations: [a, b] });
    expect(administrations.map((x) => x.localDate)).toEqual(['2024-03-01', '2024-03-02']);
  });

  it('an item-9 Observation joins the total of its own local day only', () => {
    const total = observation({ id: 't', code: '44261-6', effective: '2024-03-01T23:00:00-05:00', value: totalQuantity(6) });
    const nextDay = observation({
      id: 'i9',
      code: '44260-8',
      effective: '2024-03-02T00:10:00-05:00',
      value: { valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: 'LA6570-1' }] } },
    });
    const { administrations } = readAdministrations({ observations: [total, nextDay] });
    expect(administrations).toHaveLength(2);
    expect(administrations.find((a) => a.id === 'phq9:Observation/t')?.item9).toBeUndefined();
    expect(administrations.find((a) => a.id === 'phq9:Observation/i9')).toMatchObject({ item9: 2, completeness: 'incomplete', localDate: '2024-03-02' });
  });

  it('effectivePeriod.start is used, then issued with a note', () => {
    const period = observation({ id: 'p', code: '70274-6', value: { ...totalQuantity(3), effectivePeriod: { start: '2024-05-01T08:00:00Z' } } });
    delete (period as { effectiveDateTime?: string }).effectiveDateTime;
    const issued = observation({ id: 'i', code: '70274-6', value: { ...totalQuantity(4), issued: '2024-06-01T08:00:00Z' } });
    delete (issued as { effectiveDateTime?: string }).effectiveDateTime;
    const { administrations } = readAdministrations({ observations: [period, issued] });
    expect(administrations.map((a) => a.localDate)).toEqual(['2024-05-01', '2024-06-01']);
    expect(administrations[1]?.problems).toContain('no effective date; the issued time is used');
  });
});
