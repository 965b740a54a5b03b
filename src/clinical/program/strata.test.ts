import { describe, expect, it } from 'vitest';
import { computeMeasure } from './measures.ts';
import { ageBand, NOT_RECORDED, stratify } from './strata.ts';
import { defaultPeriod, checkPeriod, trendMonths } from './period.ts';
import { programPatient } from './testPatients.ts';

describe('strata', () => {
  it('bands ages at the given date', () => {
    expect(ageBand('2009-01-01', '2026-12-31')).toBe('12-17');
    expect(ageBand('2008-12-31', '2026-12-31')).toBe('18-44');
    expect(ageBand('1962-01-01', '2026-12-31')).toBe('45-64');
    expect(ageBand('1961-12-31', '2026-12-31')).toBe('65+');
    expect(ageBand(undefined, '2026-12-31')).toBe(NOT_RECORDED);
  });
  it('keeps "not recorded" as its own stratum, last', () => {
    const patients = [
      programPatient({ id: 'a', episodes: [{}], demographics: { race: 'White' } }),
      programPatient({ id: 'b', episodes: [{}] }),
      programPatient({ id: 'c', episodes: [{}], demographics: { race: 'Asian' } }),
    ];
    const r = computeMeasure('active-caseload', patients, { start: '2026-01-01', end: '2026-06-30' });
    const groups = stratify(r.cases, 'race', new Map(patients.map((p) => [p.id, p])), '2026-06-30');
    expect([...groups.keys()]).toEqual(['Asian', 'White', NOT_RECORDED]);
  });
});

describe('periods', () => {
  it('defaults to the 12 months ending with the last complete month', () => {
    expect(defaultPeriod('2026-12-01')).toEqual({ start: '2025-12-01', end: '2026-11-30' });
    expect(defaultPeriod('2026-03-31')).toEqual({ start: '2025-03-01', end: '2026-02-28' });
  });
  it('gives the 12 calendar months ending with the period end', () => {
    const months = trendMonths({ start: '2026-01-01', end: '2026-12-15' });
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ start: '2026-01-01', end: '2026-01-31' });
    expect(months[11]).toEqual({ start: '2026-12-01', end: '2026-12-31' });
  });
  it('says what is wrong with a typed period', () => {
    expect(checkPeriod('2026-02-30', '2026-03-01')).toEqual({ problem: expect.stringContaining('Period start') });
    expect(checkPeriod('2026-03-01', '2026-02-01')).toEqual({ problem: expect.stringContaining('before') });
    expect(checkPeriod('2026-01-01', '2026-01-31')).toEqual({ period: { start: '2026-01-01', end: '2026-01-31' } });
  });
});
