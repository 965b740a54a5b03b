/**
 * FHIR R4 MeasureReports of the program measures: a summary (one group per measure, with a
 * stratifier per dimension) and a subject list (the patients of each numerator and
 * denominator, as contained Lists). Counts below the small-cell threshold are left out, with
 * the measure score, so a shared report never shows a small cell.
 */
import type { List, MeasureReport, MeasureReportGroup, MeasureReportGroupPopulation } from '@medplum/fhirtypes';
import { figuresOf } from './measures.ts';
import { STRATIFY_LABEL, stratify, type StratifyBy } from './strata.ts';
import type { MeasureCase, MeasureResult, Period, ProgramPatient } from './types.ts';

export const PROGRAM_MEASURE_CANONICAL = 'urn:cocm-registry:measure:cocm-program-measures';
export const MEASURE_CODE_SYSTEM = 'urn:cocm-registry:measure';
const POPULATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/measure-population';

export interface ReportOptions {
  readonly period: Period;
  /** When the report was made (FHIR dateTime). */
  readonly generated: string;
  readonly threshold: number;
  readonly patients: ReadonlyMap<string, ProgramPatient>;
  /** Words for a stratum value (a Practitioner reference becomes a name). */
  readonly label: (by: StratifyBy, value: string) => string;
  readonly dimensions: readonly StratifyBy[];
}

function populations(result: MeasureResult, cases: readonly MeasureCase[], threshold: number): { population: MeasureReportGroupPopulation[]; score: number | undefined } {
  const f = figuresOf(cases);
  const small = (n: number) => threshold > 0 && n > 0 && n < threshold;
  const pop = (code: string, n: number): MeasureReportGroupPopulation => ({ code: { coding: [{ system: POPULATION_SYSTEM, code }] }, ...(small(n) ? {} : { count: n }) });
  const population = [pop('initial-population', f.denominator), pop('denominator', f.denominator), ...(result.hasRate ? [pop('numerator', f.numerator)] : [])];
  const score = result.hasRate && f.denominator > 0 && !small(f.numerator) && !small(f.denominator) ? Math.round((10000 * f.numerator) / f.denominator) / 10000 : undefined;
  return { population, score };
}

function groupCode(result: MeasureResult) {
  return { coding: [{ system: MEASURE_CODE_SYSTEM, code: result.id, display: result.name }], text: result.name };
}

function base(type: MeasureReport['type'], o: Pick<ReportOptions, 'generated' | 'period'>): MeasureReport {
  return { resourceType: 'MeasureReport', status: 'complete', type, measure: PROGRAM_MEASURE_CANONICAL, date: o.generated, period: { start: o.period.start, end: o.period.end } };
}

export function summaryReport(results: readonly MeasureResult[], o: ReportOptions): MeasureReport {
  const group: MeasureReportGroup[] = results.map((r) => {
    const { population, score } = populations(r, r.cases, o.threshold);
    return {
      code: groupCode(r),
      population,
      ...(score !== undefined ? { measureScore: { value: score } } : {}),
      stratifier: o.dimensions.map((by) => ({
        code: [{ text: STRATIFY_LABEL[by] }],
        stratum: [...stratify(r.cases, by, o.patients, o.period.end).entries()].map(([value, cases]) => {
          const s = populations(r, cases, o.threshold);
          return { value: { text: o.label(by, value) }, population: s.population, ...(s.score !== undefined ? { measureScore: { value: s.score } } : {}) };
        }),
      })),
    };
  });
  return { ...base('summary', o), group };
}

/** Patients of each numerator and denominator, one contained List each (a patient once per List). */
export function subjectListReport(results: readonly MeasureResult[], o: Omit<ReportOptions, 'label' | 'dimensions'>): MeasureReport {
  const contained: List[] = [];
  const listOf = (id: string, title: string, cases: readonly MeasureCase[]): string => {
    const ids = [...new Set(cases.map((c) => c.patientId))];
    contained.push({ resourceType: 'List', id, status: 'current', mode: 'snapshot', title, entry: ids.map((p) => ({ item: { reference: `Patient/${p}` } })) });
    return `#${id}`;
  };
  const group: MeasureReportGroup[] = results.map((r) => {
    const { population } = populations(r, r.cases, 0);
    const lists: Record<string, string> = {
      'initial-population': listOf(`${r.id}-denominator`, `${r.name}: denominator`, r.cases),
      denominator: `#${r.id}-denominator`,
      ...(r.hasRate
        ? {
            numerator: listOf(
              `${r.id}-numerator`,
              `${r.name}: numerator`,
              r.cases.filter((c) => c.inNumerator),
            ),
          }
        : {}),
    };
    return { code: groupCode(r), population: population.map((p) => ({ ...p, subjectResults: { reference: lists[p.code?.coding?.[0]?.code ?? ''] ?? '' } })) };
  });
  return { ...base('subject-list', o), contained, group };
}
