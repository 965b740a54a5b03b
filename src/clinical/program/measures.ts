/**
 * Every program measure for one period and population, in the table's order. Patients whose
 * records could not be read are not counted in any row (unknown is never "no"); each row
 * lists them so the table can say so.
 */
import { improvedAt70, remissionAt, reviewOfNonImprovers } from './outcomeMeasures.ts';
import { activeCaseload, firstFollowUp, monthlyContact, threeContacts } from './processMeasures.ts';
import { screeningRate, screeningYield } from './screeningMeasures.ts';
import { resolveProgramMeasureSettings, type ProgramMeasureSettings } from './settings.ts';
import type { ExcludedCase, MeasureCase, MeasureId, MeasureResult, Period, ProgramPatient } from './types.ts';

/** Row names exactly as the table and docs/program-measures.md name them. */
export const MEASURE_NAMES: Readonly<Record<MeasureId, string>> = {
  'active-caseload': 'Active caseload',
  'monthly-contact': 'Monthly contact rate',
  'three-contacts': 'Three or more contacts',
  'improved-70': 'Improved at 70 days',
  'review-non-improvers': 'Psychiatric review of non-improvers',
  'remission-6': 'Remission at 6 months',
  'remission-12': 'Remission at 12 months',
  'screening-rate': 'Screening rate',
  'screening-yield': 'Screening yield',
  'first-follow-up': 'First follow-up within 4 weeks',
};

export const MEASURE_IDS = Object.keys(MEASURE_NAMES) as MeasureId[];

/** Rows that need Encounters (the rest need only the caseload's records). */
export const NEEDS_VISITS: ReadonlySet<MeasureId> = new Set(['screening-rate', 'screening-yield']);

export function compute(id: MeasureId, patients: readonly ProgramPatient[], period: Period, s: ProgramMeasureSettings): { cases: MeasureCase[]; excluded: ExcludedCase[] } {
  switch (id) {
    case 'active-caseload':
      return { cases: activeCaseload(patients, period), excluded: [] };
    case 'monthly-contact':
      return { cases: monthlyContact(patients, period), excluded: [] };
    case 'three-contacts':
      return { cases: threeContacts(patients, period, s), excluded: [] };
    case 'improved-70':
      return improvedAt70(patients, period, s);
    case 'review-non-improvers':
      return reviewOfNonImprovers(patients, period, s);
    case 'remission-6':
      return remissionAt(6, patients, period, s);
    case 'remission-12':
      return remissionAt(12, patients, period, s);
    case 'screening-rate':
      return { cases: screeningRate(patients, period, s), excluded: [] };
    case 'screening-yield':
      return { cases: screeningYield(patients, period, s), excluded: [] };
    case 'first-follow-up':
      return firstFollowUp(patients, period, s);
  }
}

/** Whether a patient cannot be counted in a row: records (or, for the screening rows, visits) not read. */
export function unreadFor(id: MeasureId, p: ProgramPatient): boolean {
  return p.recordsProblem !== undefined || (NEEDS_VISITS.has(id) && p.encountersProblem !== undefined);
}

export function computeMeasure(id: MeasureId, patients: readonly ProgramPatient[], period: Period, settings?: Partial<ProgramMeasureSettings>): MeasureResult {
  const s = resolveProgramMeasureSettings(settings);
  const unread = (p: ProgramPatient) => unreadFor(id, p);
  const readable = patients.filter((p) => !unread(p));
  const { cases, excluded } = compute(id, readable, period, s);
  return { id, name: MEASURE_NAMES[id], hasRate: id !== 'active-caseload', cases, excluded, couldNotRead: patients.filter(unread).map((p) => p.id) };
}

export function computeMeasures(patients: readonly ProgramPatient[], period: Period, settings?: Partial<ProgramMeasureSettings>): MeasureResult[] {
  return MEASURE_IDS.map((id) => computeMeasure(id, patients, period, settings));
}

export interface MeasureFigures {
  readonly numerator: number;
  readonly denominator: number;
}

export function figuresOf(cases: readonly MeasureCase[]): MeasureFigures {
  return { numerator: cases.filter((c) => c.inNumerator).length, denominator: cases.length };
}

/** What a Numerator/Denominator/Rate cell shows. */
export interface MeasureCells {
  readonly numerator: string;
  readonly denominator: string;
  readonly rate: string;
}

/**
 * The cells of a row: a percent with one decimal; `-` without a denominator (or a rate);
 * `suppressed` for counts below the small-cell threshold (both the count and the rate, so a
 * suppressed numerator cannot be worked back from the rate); `could not be read` when nobody
 * could be counted because their records could not be read.
 */
export function measureCells(result: Pick<MeasureResult, 'hasRate' | 'couldNotRead'>, figures: MeasureFigures, threshold: number): MeasureCells {
  if (figures.denominator === 0 && result.couldNotRead.length > 0) return { numerator: 'could not be read', denominator: 'could not be read', rate: 'could not be read' };
  const small = (n: number) => threshold > 0 && n > 0 && n < threshold;
  const suppressed = small(figures.numerator) || small(figures.denominator);
  const count = (n: number) => (small(n) ? 'suppressed' : String(n));
  if (!result.hasRate) return { numerator: count(figures.denominator), denominator: count(figures.denominator), rate: '-' };
  const rate = figures.denominator === 0 ? '-' : suppressed ? 'suppressed' : `${((100 * figures.numerator) / figures.denominator).toFixed(1)}%`;
  return { numerator: count(figures.numerator), denominator: count(figures.denominator), rate };
}
