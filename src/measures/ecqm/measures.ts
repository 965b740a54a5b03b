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
