/**
 * FHIR MeasureReports of an evaluation: one `individual` report per patient (the shape of the
 * official test cases' expected results) and one `summary` report with the counts and the
 * rate as `measureScore`. Population ids and codes come from the Measure itself.
 */
import type { Bundle, Measure, MeasureReport, MeasureReportGroupPopulation } from '@medplum/fhirtypes';
import type { MeasureEvaluation } from './evaluate';
import type { PopulationCode } from './measures';

const POPULATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/measure-population';

export function measureOf(measureBundle: Bundle): Measure {
  const measure = measureBundle.entry?.find((e) => e.resource?.resourceType === 'Measure')?.resource as Measure | undefined;
  if (!measure) throw new Error('The measure package holds no Measure resource.');
  return measure;
}

function populationsOf(measure: Measure): { id?: string; code: PopulationCode; display?: string }[] {
  return (measure.group?.[0]?.population ?? []).flatMap((p) => {
    const coding = p.code?.coding?.[0];
    return coding?.code ? [{ ...(p.id ? { id: p.id } : {}), code: coding.code as PopulationCode, ...(coding.display ? { display: coding.display } : {}) }] : [];
  });
}

function base(measure: Measure, evaluation: MeasureEvaluation, generatedAt: string): Omit<MeasureReport, 'type'> {
  return {
    resourceType: 'MeasureReport',
    status: 'complete',
    measure: `${measure.url ?? ''}${measure.version ? `|${measure.version}` : ''}`,
    date: generatedAt,
    period: { start: evaluation.period.start, end: evaluation.period.end },
  };
}

function population(p: { id?: string; code: PopulationCode; display?: string }, count: number): MeasureReportGroupPopulation {
  return { ...(p.id ? { id: p.id } : {}), code: { coding: [{ system: POPULATION_SYSTEM, code: p.code, ...(p.display ? { display: p.display } : {}) }] }, count };
}

/** The individual reports one at a time: a population's are written out without holding them all (100,000 are about 125 MB of JSON). */
export function* eachIndividualReport(measureBundle: Bundle, evaluation: MeasureEvaluation, generatedAt: string): Generator<MeasureReport> {
  const measure = measureOf(measureBundle);
  const pops = populationsOf(measure);
  for (const r of evaluation.results) {
    yield {
      ...base(measure, evaluation, generatedAt),
      ...(r.error ? { status: 'error' as const } : {}),
      type: 'individual',
      subject: { reference: `Patient/${r.patientId}` },
      group: [{ ...(measure.group?.[0]?.id ? { id: measure.group[0].id } : {}), population: pops.map((p) => population(p, r.populations[p.code] ? 1 : 0)) }],
    };
  }
}

export function summaryReport(measureBundle: Bundle, evaluation: MeasureEvaluation, generatedAt: string): MeasureReport {
  const measure = measureOf(measureBundle);
  const s = evaluation.summary;
  const counts: Record<PopulationCode, number> = {
    'initial-population': s.initialPopulation,
    denominator: s.denominator,
    'denominator-exclusion': s.denominatorExclusion,
    'denominator-exception': s.denominatorException,
    numerator: s.numerator,
  };
  return {
    ...base(measure, evaluation, generatedAt),
    type: 'summary',
    group: [
      {
        ...(measure.group?.[0]?.id ? { id: measure.group[0].id } : {}),
        population: populationsOf(measure).map((p) => population(p, counts[p.code])),
        ...(s.rate !== null ? { measureScore: { value: s.rate } } : {}),
      },
    ],
  };
}
