/** The eCQM rows of the Program table: who is a case, who is looked at but not counted, and the cells. */
import { describe, expect, it } from 'vitest';
import type { PatientResult } from '../engine';
import type { EcqmSnapshot } from './ecqmRun';
import { ecqmRows } from './ecqmRows';

const pops = (p: Partial<PatientResult['populations']>): PatientResult['populations'] => ({
  'initial-population': false,
  denominator: false,
  'denominator-exclusion': false,
  'denominator-exception': false,
  numerator: false,
  ...p,
});
const result = (patientId: string, p: Partial<PatientResult['populations']>): PatientResult => ({
  patientId,
  populations: pops(p),
  statements: [
    { name: 'Has Adult Depression Screening', met: p.numerator === true },
    { name: 'Qualifying Encounter During Measurement Period', met: true },
  ],
});
const inDen = { 'initial-population': true, denominator: true };
const cms2 = [result('met', { ...inDen, numerator: true }), result('gap', inDen), result('excluded', { ...inDen, 'denominator-exclusion': true }), result('out', {})];
const team = () => ({ careManager: 'Practitioner/cm', pcp: undefined });

describe('ecqmRows', () => {
  it('counts the denominator after exclusions and explains each patient', () => {
    const run: EcqmSnapshot = { status: 'done', done: 5, total: 5, results: { CMS159: [], CMS2: cms2 }, unavailable: [] };
    const [cms159, row] = ecqmRows(run, ['met', 'gap', 'excluded', 'out', 'unread'], 0, team);
    expect(row?.cells).toEqual({ numerator: '1', denominator: '2', rate: '50.0%' });
    expect(row?.result.cases.map((c) => [c.patientId, c.unit, c.inNumerator])).toEqual([
      ['met', 'Numerator', true],
      ['gap', 'Denominator, not met', false],
    ]);
    expect(row?.result.cases[1]?.why).toBe('Numerator not met. Held: Qualifying Encounter During Measurement Period. Did not hold: Has Adult Depression Screening.');
    expect(row?.result.excluded.map((c) => [c.patientId, c.unit])).toEqual([['excluded', 'Denominator exclusion']]);
    // A patient the finished run has no result for could not be read: never counted as "not met".
    expect(row?.result.couldNotRead).toEqual(['unread']);
    expect(row?.populations).toMatchObject({ initialPopulation: 3, denominator: 3, denominatorExclusion: 1, numerator: 1 });
    expect(cms159?.cells).toEqual({ numerator: 'could not be read', denominator: 'could not be read', rate: 'could not be read' });
  });

  it('says calculating until the run is done', () => {
    const run: EcqmSnapshot = { status: 'running', done: 0, total: 5, results: { CMS159: [], CMS2: cms2.slice(0, 1) }, unavailable: [] };
    expect(ecqmRows(run, [], 0, team)[1]?.cells).toEqual({ numerator: '…', denominator: '…', rate: 'calculating' });
    expect(ecqmRows(run, [], 0, team)[1]?.populations).toBeUndefined();
  });
});
