/**
 * Counts of a proportion measure over its patients, as the summary line and the registry's
 * table show them. Rate = numerator / (denominator - exclusions - exceptions), the CMS
 * performance rate; undefined when nobody is left in the denominator.
 */
import type { PatientResult } from './engine';
import type { MeasureId, PopulationCode } from './measures';

export interface MeasureSummary {
  measure: MeasureId;
  initialPopulation: number;
  denominator: number;
  denominatorExclusion: number;
  denominatorException: number;
  numerator: number;
  /** Between 0 and 1, or null when the denominator after exclusions and exceptions is 0. */
  rate: number | null;
}

/** Where one patient ended up, most specific first: what the drill-down says per patient. */
export type Landing = 'numerator' | 'denominator-exclusion' | 'denominator-exception' | 'denominator' | 'initial-population' | 'none';

export function landingOf(populations: Readonly<Record<PopulationCode, boolean>>): Landing {
  if (populations['denominator-exclusion']) return 'denominator-exclusion';
  if (populations.numerator) return 'numerator';
  if (populations['denominator-exception']) return 'denominator-exception';
  if (populations.denominator) return 'denominator';
  if (populations['initial-population']) return 'initial-population';
  return 'none';
}

export function summarize(measure: MeasureId, results: readonly PatientResult[]): MeasureSummary {
  const count = (code: PopulationCode): number => results.filter((r) => r.populations[code]).length;
  const landings = results.map((r) => landingOf(r.populations));
  const denominator = count('denominator');
  // A patient is counted once: exclusion wins over numerator, numerator over exception.
  const denominatorExclusion = landings.filter((l) => l === 'denominator-exclusion').length;
  const denominatorException = landings.filter((l) => l === 'denominator-exception').length;
  const numerator = landings.filter((l) => l === 'numerator').length;
  const remaining = denominator - denominatorExclusion - denominatorException;
  return {
    measure,
    initialPopulation: count('initial-population'),
    denominator,
    denominatorExclusion,
    denominatorException,
    numerator,
    rate: remaining > 0 ? numerator / remaining : null,
  };
}

/** The denominator after exclusions and exceptions: what the rate divides by. */
export function performanceDenominator(summary: MeasureSummary): number {
  return summary.denominator - summary.denominatorExclusion - summary.denominatorException;
}
