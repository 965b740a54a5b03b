import { describe, expect, it } from 'vitest';
import { computeMeasure, figuresOf, measureCells } from './measures.ts';
import { day, programPatient } from './testPatients.ts';
import type { Period } from './types.ts';

const E = '2026-01-10';
const YEAR: Period = { start: '2026-01-01', end: '2026-12-31' };

describe('Active caseload', () => {
  it('counts patients enrolled on the period end, discharge day included', () => {
    const patients = [
      programPatient({ id: 'open', episodes: [{ enrolledOn: E }] }),
      programPatient({ id: 'ends-on-last-day', episodes: [{ enrolledOn: E, end: '2026-12-31' }] }),
      programPatient({ id: 'ended', episodes: [{ enrolledOn: E, end: '2026-12-30' }] }),
      programPatient({ id: 'later', episodes: [{ enrolledOn: '2027-01-01' }] }),
    ];
    const r = computeMeasure('active-caseload', patients, YEAR);
    expect(r.cases.map((c) => c.patientId)).toEqual(['open', 'ends-on-last-day']);
    expect(measureCells(r, figuresOf(r.cases), 0)).toEqual({ numerator: '2', denominator: '2', rate: '-' });
  });
});

describe('Monthly contact rate', () => {
  const period: Period = { start: '2026-01-01', end: '2026-03-31' };
  it('counts patient-months with a contact and a scale in the same month', () => {
    const p = programPatient({
      episodes: [{ enrolledOn: E, end: '2026-03-01' }],
      contacts: [['2026-01-12'], ['2026-02-27'], ['2026-03-01']],
      scores: [
        ['phq9', '2026-01-12', 12],
        ['gad7', '2026-02-01', 8],
        ['phq9', '2026-02-28', 9],
      ],
    });
    const r = computeMeasure('monthly-contact', [p], period);
    expect(r.cases.map((c) => [c.unit, c.inNumerator])).toEqual([
      ['2026-01', true],
      ['2026-02', true],
      ['2026-03', false],
    ]);
    expect(r.cases[2]?.why).toBe('contact on 2026-03-01 but no PHQ-9 or GAD-7 in 2026-03');
  });
  it('counts a month only when enrolled on a day of it inside the period', () => {
    const p = programPatient({ episodes: [{ enrolledOn: '2026-03-31' }] });
    expect(computeMeasure('monthly-contact', [p], period).cases.map((c) => c.unit)).toEqual(['2026-03']);
    expect(computeMeasure('monthly-contact', [p], { start: '2026-01-01', end: '2026-03-30' }).cases).toHaveLength(0);
  });
  it('counts one patient-month for two episodes in one month (re-enrolment)', () => {
    const p = programPatient({
      episodes: [
        { enrolledOn: '2025-06-01', end: '2026-02-03' },
        { enrolledOn: '2026-02-20', careManager: 'Practitioner/cm2' },
      ],
    });
    const feb = computeMeasure('monthly-contact', [p], { start: '2026-02-01', end: '2026-02-28' }).cases;
    expect(feb).toHaveLength(1);
    expect(feb[0]?.careManager).toBe('Practitioner/cm2');
  });
});

describe('Three or more contacts', () => {
  it('counts completed contacts on days 0-90 of episodes started in the period', () => {
    const at = (...days: number[]) =>
      computeMeasure('three-contacts', [programPatient({ episodes: [{ enrolledOn: E }], contacts: days.map((d) => [day(E, d)]) })], YEAR).cases[0]?.inNumerator;
    expect(at(0, 30, 90)).toBe(true);
    expect(at(0, 30, 91)).toBe(false);
    expect(at(-1, 30, 60)).toBe(false);
    expect(computeMeasure('three-contacts', [programPatient({ episodes: [{ enrolledOn: '2025-12-31' }] })], YEAR).cases).toHaveLength(0);
  });
});

describe('First follow-up within 4 weeks', () => {
  const run = (contacts: [string, ('initial-assessment' | 'follow-up')?][]) =>
    computeMeasure('first-follow-up', [programPatient({ episodes: [{ enrolledOn: E }], contacts })], YEAR);
  it('needs a follow-up within 28 days after the initial assessment', () => {
    expect(
      run([
        [E, 'initial-assessment'],
        [day(E, 28), 'follow-up'],
      ]).cases[0]?.inNumerator,
    ).toBe(true);
    expect(
      run([
        [E, 'initial-assessment'],
        [day(E, 29), 'follow-up'],
      ]).cases[0]?.inNumerator,
    ).toBe(false);
    expect(
      run([
        [day(E, -5), 'initial-assessment'],
        [day(E, 20), 'follow-up'],
      ]).cases[0]?.inNumerator,
    ).toBe(true);
  });
  it('leaves out episodes without an initial assessment contact', () => {
    const r = run([[day(E, 3), 'follow-up']]);
    expect(r.cases).toHaveLength(0);
    expect(r.excluded[0]?.why).toBe('no initial assessment contact recorded');
  });
});

describe('Screening rate and yield', () => {
  const period: Period = { start: '2026-03-01', end: '2026-03-31' };
  it('counts a PHQ-2 or PHQ-9 on the visit day or up to 14 days before', () => {
    const screened = (d: number) =>
      computeMeasure('screening-rate', [programPatient({ visits: ['2026-03-20'], scores: [['phq2', day('2026-03-20', d), 1]] })], period).cases[0]?.inNumerator;
    expect(screened(0)).toBe(true);
    expect(screened(-14)).toBe(true);
    expect(screened(-15)).toBe(false);
    expect(screened(1)).toBe(false);
  });
  it('has only patients with a visit in the period in its denominator', () => {
    expect(computeMeasure('screening-rate', [programPatient({ visits: ['2026-04-01'] })], period).cases).toHaveLength(0);
  });
  it('counts positives among the screened (PHQ-2 >= 3, PHQ-9 >= 10)', () => {
    const yieldOf = (instrument: 'phq2' | 'phq9', total: number) =>
      computeMeasure('screening-yield', [programPatient({ visits: ['2026-03-20'], scores: [[instrument, '2026-03-20', total]] })], period).cases[0]?.inNumerator;
    expect(yieldOf('phq2', 2)).toBe(false);
    expect(yieldOf('phq2', 3)).toBe(true);
    expect(yieldOf('phq9', 9)).toBe(false);
    expect(yieldOf('phq9', 10)).toBe(true);
    expect(computeMeasure('screening-yield', [programPatient({ visits: ['2026-03-20'] })], period).cases).toHaveLength(0);
  });
  it('says "could not be read" when the visits of everyone failed, never 0', () => {
    const r = computeMeasure('screening-rate', [programPatient({ visits: [], encountersProblem: 'Encounters could not be read' })], period);
    expect(r.couldNotRead).toEqual(['p1']);
    expect(measureCells(r, figuresOf(r.cases), 0)).toEqual({ numerator: 'could not be read', denominator: 'could not be read', rate: 'could not be read' });
  });
});

describe('Rate cells', () => {
  const rated = { hasRate: true, couldNotRead: [] };
  it('shows one decimal, - for a zero denominator, suppressed below the threshold', () => {
    expect(measureCells(rated, { numerator: 2, denominator: 3 }, 0).rate).toBe('66.7%');
    expect(measureCells(rated, { numerator: 0, denominator: 0 }, 0)).toEqual({ numerator: '0', denominator: '0', rate: '-' });
    expect(measureCells(rated, { numerator: 10, denominator: 40 }, 11)).toEqual({ numerator: 'suppressed', denominator: '40', rate: 'suppressed' });
    expect(measureCells(rated, { numerator: 11, denominator: 40 }, 11)).toEqual({ numerator: '11', denominator: '40', rate: '27.5%' });
    expect(measureCells(rated, { numerator: 0, denominator: 40 }, 11).rate).toBe('0.0%');
  });
});
