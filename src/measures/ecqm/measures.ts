/**
 * The two CMS eCQMs the registry runs, as CMS publishes them (vendored unchanged under
 * `measures/`; see measures/README.md). Only names and where the package lives are here:
 * the logic is the package's ELM, run by fqm-execution.
 */
export type MeasureId = 'CMS159' | 'CMS2';

export const MEASURE_IDS: readonly MeasureId[] = ['CMS159', 'CMS2'];

export interface MeasureInfo {
  id: MeasureId;
  /** The row's name in the registry's quality-measures table. */
  title: string;
  /** Folder under `measures/`. */
  folder: string;
  /** The Measure resource's canonical URL and version (checked when the package loads). */
  url: string;
  version: string;
}

export const MEASURES: Readonly<Record<MeasureId, MeasureInfo>> = {
  CMS159: {
    id: 'CMS159',
    title: 'CMS159 Depression remission at 12 months',
    folder: 'CMS159FHIR-v0.3.000',
    url: 'https://madie.cms.gov/Measure/CMS159FHIRDepressionRemissionatTwelveMonths',
    version: '0.3.000',
  },
  CMS2: {
    id: 'CMS2',
    title: 'CMS2 Depression screening and follow-up',
    folder: 'CMS2FHIR-v0.4.001',
    url: 'https://madie.cms.gov/Measure/CMS2FHIRPCSDepressionScreenAndFollowUp',
    version: '0.4.001',
  },
};

export function isMeasureId(value: string): value is MeasureId {
  return (MEASURE_IDS as readonly string[]).includes(value);
}

/** The populations of a proportion measure, in the order of the summary line. */
export const POPULATIONS = ['initial-population', 'denominator', 'denominator-exclusion', 'denominator-exception', 'numerator'] as const;
export type PopulationCode = (typeof POPULATIONS)[number];

/** An inclusive measurement period, as dates (yyyy-MM-dd). */
export interface MeasurementPeriod {
  start: string;
  end: string;
}

/**
 * Statements of each measure's main library whose values (not only whether they held) the
 * registry reads off the engine, for the care-gap lists: CMS159's assessment window and
 * whether a PHQ-9 is in it yet (its Numerator is null until one is); CMS2's most recent
 * screening and whether it was negative. Names as CMS's CQL defines them.
 */
export const FACT_STATEMENTS: Readonly<Record<MeasureId, readonly string[]>> = {
  CMS159: ['Index Depression Assessment', 'Measure Assessment Period', 'Numerator'],
  CMS2: ['Most Recent Adult Depression Screening', 'Most Recent Adolescent Depression Screening', 'Has Most Recent Adult Screening Negative', 'Has Most Recent Adolescent Screening Negative'],
};
