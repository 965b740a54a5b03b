/**
 * The one call into the CQL engine. fqm-execution (Apache-2.0; cql-execution + cql-exec-fhir
 * underneath) runs a measure package's published ELM over patient Bundles and says, per
 * patient, which populations the patient is in and what each define statement evaluated to.
 * Nothing here knows a measure's logic: it is all in the vendored ELM.
 *
 * `trustMetaProfile: false`: EHR data is US Core and carries no QI-Core `meta.profile`; with
 * fqm-execution's default a resource counts only if it names the QI-Core profile the logic
 * retrieves (and a Patient without one stops the run). With it off, every resource of the
 * retrieved type is a candidate and the measure's own code, status and date filters decide.
 * The official test cases match either way (tests/ecqm.official.test.ts).
 */
import type { Bundle } from '@medplum/fhirtypes';
import { Calculator } from 'fqm-execution';
import type { MeasurementPeriod, PopulationCode } from './measures';
import { POPULATIONS } from './measures';

export interface StatementOutcome {
  /** The define statement's name in the measure's main library. */
  name: string;
  /** Whether it held for this patient (a non-empty list or true). */
  met: boolean;
}

export interface PatientResult {
  patientId: string;
  populations: Record<PopulationCode, boolean>;
  /** The main library's statements that bore on this patient's populations. */
  statements: StatementOutcome[];
  /** Set when the engine could not evaluate this patient; the populations are then all false. */
  error?: string;
}

export interface EngineRun {
  results: PatientResult[];
  /** Milliseconds spent inside the engine call(s). */
  engineMs: number;
}

interface FqmStatement {
  libraryName?: string;
  statementName?: string;
  final?: string;
  relevance?: string;
  isFunction?: boolean;
}

interface FqmPatientResult {
  patientId: string;
  detailedResults?: { populationResults?: { populationType: string; result: boolean }[]; statementResults?: FqmStatement[] }[];
}

const POPULATION_STATEMENTS = new Set(['Initial Population', 'Denominator', 'Denominator Exclusions', 'Denominator Exceptions', 'Numerator', 'Patient']);

/** The `name` of the measure's main Library (the first one its `library` names). */
export function mainLibraryName(measureBundle: Bundle): string | undefined {
  const resources = (measureBundle.entry ?? []).map((e) => e.resource);
  const measure = resources.find((r) => r?.resourceType === 'Measure') as { library?: string[] } | undefined;
  const canonical = measure?.library?.[0]?.split('|')[0];
  const library = resources.find((r) => r?.resourceType === 'Library' && (r as { url?: string }).url === canonical) as { name?: string } | undefined;
  return library?.name;
}

function noPopulations(): Record<PopulationCode, boolean> {
  return Object.fromEntries(POPULATIONS.map((p) => [p, false])) as Record<PopulationCode, boolean>;
}

function toResult(raw: FqmPatientResult, mainLibrary: string | undefined): PatientResult {
  const group = raw.detailedResults?.[0];
  const populations = noPopulations();
  for (const p of group?.populationResults ?? []) if ((POPULATIONS as readonly string[]).includes(p.populationType)) populations[p.populationType as PopulationCode] = p.result === true;
  const statements = (group?.statementResults ?? [])
    .filter((s) => s.libraryName === mainLibrary && !s.isFunction && s.relevance !== 'NA' && s.statementName && !POPULATION_STATEMENTS.has(s.statementName) && !s.statementName.startsWith('SDE '))
    .map((s) => ({ name: s.statementName!, met: s.final === 'TRUE' }));
  return { patientId: raw.patientId, populations, statements };
}

/**
 * cql-exec-fhir reports gaps in its model info ("Failed to locate element ...") on the
 * console. They are not about any patient, but the CLI's stdout must stay JSON and the
 * browser's console clean, so the engine runs with the console quiet.
 */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  // eslint-disable-next-line no-console -- silencing the engine's console, not writing to it
  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info, debug: console.debug };
  const quiet = (): void => undefined;
  Object.assign(console, { log: quiet, warn: quiet, error: quiet, info: quiet, debug: quiet });
  try {
    return await run();
  } finally {
    Object.assign(console, saved);
  }
}

async function calculate(measureBundle: Bundle, bundles: readonly Bundle[], period: MeasurementPeriod): Promise<FqmPatientResult[]> {
  const output = await quietly(() =>
    Calculator.calculate(measureBundle as unknown as fhir4.Bundle, bundles as unknown as fhir4.Bundle[], {
      measurementPeriodStart: period.start,
      measurementPeriodEnd: period.end,
      calculateHTML: false,
      calculateSDEs: false,
      calculateRAVs: false,
      trustMetaProfile: false,
    }),
  );
  return output.results as unknown as FqmPatientResult[];
}

function patientIdOfBundle(bundle: Bundle): string {
  return bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource?.id ?? '';
}

/**
 * Runs the measure over some patients in one engine call (the caller keeps the number
 * bounded: the engine's memory grows with the patients of a call). When the call fails, each
 * patient is run alone, so one unreadable record costs only its own result.
 */
export async function runEngine(measureBundle: Bundle, bundles: readonly Bundle[], period: MeasurementPeriod): Promise<EngineRun> {
  const mainLibrary = mainLibraryName(measureBundle);
  const started = performance.now();
  try {
    const raw = await calculate(measureBundle, bundles, period);
    return { results: raw.map((r) => toResult(r, mainLibrary)), engineMs: performance.now() - started };
  } catch {
    const results: PatientResult[] = [];
    for (const bundle of bundles) {
      try {
        const [raw] = await calculate(measureBundle, [bundle], period);
        results.push(raw ? toResult(raw, mainLibrary) : { patientId: patientIdOfBundle(bundle), populations: noPopulations(), statements: [], error: 'The engine returned no result.' });
      } catch (error) {
        results.push({ patientId: patientIdOfBundle(bundle), populations: noPopulations(), statements: [], error: error instanceof Error ? error.message : String(error) });
      }
    }
    return { results, engineMs: performance.now() - started };
  }
}
