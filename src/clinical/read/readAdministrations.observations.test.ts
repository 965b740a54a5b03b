import { readFileSync } from 'node:fs';
import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { itemConcept, observation, totalQuantity } from '../testing/fhirBuilders.ts';
import { readAdministrations } from './readAdministrations.ts';

describe('total-score Observations: every value type', () => {
  it.each<[string, Partial<Observation>]>([
    ['valueQuantity {score}', totalQuantity(12)],
    ['valueInteger', { valueInteger: 12 }],
    ['valueString (as in the US Core example)', { valueString: '12' }],
    ['valueCodeableConcept with a number as text', { valueCodeableConcept: { text: '12' } }],
    ['valueDecimal-like quantity 12.0', { valueQuantity: { value: 12.0 } }],
  ])('%s', (_name, value) => {
    const { administrations } = readAdministrations({ observations: [observation({ id: 'o1', code: '44261-6', value })] });
    expect(administrations).toHaveLength(1);
    expect(administrations[0]).toMatchObject({
      instrument: 'phq9',
      total: 12,
      totalSource: 'observation',
      completeness: 'complete',
      hasItemAnswers: false,
      item9: undefined,
    });
    expect(administrations[0]?.severity?.id).toBe('moderate');
  });

  it('reads GAD-7 and PHQ-2 totals', () => {
    const { administrations } = readAdministrations({
      observations: [observation({ id: 'g', code: '70274-6', value: totalQuantity(16) }), observation({ id: 'p', code: '55758-7', value: { valueInteger: 3 } })],
    });
    expect(administrations.map((a) => [a.instrument, a.total, a.severity?.id ?? a.screen])).toEqual([
      ['gad7', 16, 'severe'],
      ['phq2', 3, 'positive'],
    ]);
  });
});

describe('SNOMED CT totals', () => {
  const snomedTotal = (id: string, system: string, code: string, value: number): Observation => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system, code }] },
    subject: { reference: 'Patient/p' },
    effectiveDateTime: '2026-03-10T10:00:00Z',
    valueInteger: value,
  });

  it('reads a PHQ-9 total coded only as SNOMED CT 720433000, as it reads the LOINC total', () => {
    const { administrations } = readAdministrations({ observations: [snomedTotal('s1', 'http://snomed.info/sct', '720433000', 17)] });
    expect(administrations).toHaveLength(1);
    expect(administrations[0]).toMatchObject({ instrument: 'phq9', total: 17, totalSource: 'observation' });
    expect(administrations[0]?.severity?.id).toBe('moderately-severe');
  });

  it('does not take a SNOMED-looking code from another system, nor an unknown SNOMED concept', () => {
    const { administrations } = readAdministrations({
      observations: [snomedTotal('x1', 'http://example.org/local', '720433000', 17), snomedTotal('x2', 'http://snomed.info/sct', '123456', 17)],
    });
    expect(administrations).toHaveLength(0);
  });
});

describe('Observation status', () => {
  it.each(['final', 'amended', 'corrected'] as const)('%s counts as final', (status) => {
    const { administrations } = readAdministrations({ observations: [observation({ id: 'o', code: '44261-6', status, value: totalQuantity(5) })] });
    expect(administrations[0]?.status).toBe('final');
  });

  it('preliminary is read and marked preliminary', () => {
    const { administrations } = readAdministrations({
      observations: [observation({ id: 'o', code: '44261-6', status: 'preliminary', value: totalQuantity(5) })],
    });
    expect(administrations[0]?.status).toBe('preliminary');
    expect(administrations[0]?.problems).toContain('preliminary: not yet final in the EHR');
  });

  it.each(['entered-in-error', 'cancelled'] as const)('%s is ignored with its reason', (status) => {
    const result = readAdministrations({ observations: [observation({ id: 'o', code: '44261-6', status, value: totalQuantity(5) })] });
    expect(result.administrations).toEqual([]);
    expect(result.unreadable).toEqual([]);
    expect(result.ignored).toEqual([{ reference: 'Observation/o', reason: `status is ${status}` }]);
  });

  it('an unknown status is read as preliminary and explained', () => {
    const { administrations } = readAdministrations({ observations: [observation({ id: 'o', code: '44261-6', status: 'unknown', value: totalQuantity(5) })] });
    expect(administrations[0]?.status).toBe('preliminary');
    expect(administrations[0]?.problems).toContain('Observation status "unknown" is not final');
  });
});

describe('items beside a total', () => {
  it('flowsheet fixture: item-9 Observation joins the PHQ-9 total of the same day', () => {
    const observations = JSON.parse(readFileSync(new URL('./fixtures/flowsheet-observations.json', import.meta.url), 'utf8')) as Observation[];
    const { administrations } = readAdministrations({ observations });
    const phq9 = administrations.find((a) => a.instrument === 'phq9');
    expect(administrations).toHaveLength(2);
    expect(phq9).toMatchObject({ total: 7, totalSource: 'observation', completeness: 'complete', item9: 1 });
    expect(phq9?.sources).toEqual(['Observation/fs-phq9-1', 'Observation/fs-phq9-item9-1']);
  });

  it('all nine item Observations beside a total: item sum wins over a disagreeing total', () => {
    const items = ['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8'].map((code, i) =>
      observation({ id: `i${i + 1}`, code, value: itemConcept(1) }),
    );
    const { administrations } = readAdministrations({ observations: [observation({ id: 't', code: '44261-6', value: totalQuantity(14) }), ...items] });
    expect(administrations).toHaveLength(1);
    expect(administrations[0]).toMatchObject({ total: 9, totalSource: 'items', completeness: 'complete' });
    expect(administrations[0]?.problems).toContain('total in Observation/t 14 disagrees with item sum 9; item sum used');
  });

  it('items as components of the total Observation', () => {
    const components = ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'].map((code) => ({
      code: { coding: [{ system: 'http://loinc.org', code }] },
      valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: 'LA6570-1' }] },
    }));
    const { administrations } = readAdministrations({
      observations: [observation({ id: 'g', code: '70274-6', value: { ...totalQuantity(14), component: components } })],
    });
    expect(administrations[0]).toMatchObject({ instrument: 'gad7', total: 14, totalSource: 'items', hasItemAnswers: true });
  });

  it('a GAD-7 panel whose total member is missing is scored from its items', () => {
    const codes = ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'];
    const members = codes.map((code, i) => observation({ id: `g${i}`, code, value: itemConcept(i % 4) }));
    const panel = observation({ id: 'panel', code: '69737-5', hasMember: [...members.map((m) => `Observation/${m.id}`), 'Observation/gone'] });
    const { administrations } = readAdministrations({ observations: [panel, ...members] });
    expect(administrations).toHaveLength(1);
    expect(administrations[0]).toMatchObject({ instrument: 'gad7', total: 0 + 1 + 2 + 3 + 0 + 1 + 2, completeness: 'complete' });
    expect(administrations[0]?.problems).toContain('panel lists 1 member Observation(s) that were not found');
  });
});

describe('Observations that are not ours', () => {
  it('are ignored with the code named', () => {
    const bp = observation({ id: 'bp', code: '85354-9', value: totalQuantity(120) });
    const result = readAdministrations({ observations: [bp] });
    expect(result.administrations).toEqual([]);
    expect(result.ignored).toEqual([{ reference: 'Observation/bp', reason: 'not a PHQ or GAD code (85354-9)' }]);
  });
});
