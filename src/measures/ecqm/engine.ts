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
import { PatientSource } from 'cql-exec-fhir';
import { Calculator, MeasureBundleHelpers, type ELM } from 'fqm-execution';
import { buildPopulationGroupRelevanceMap, buildStatementRelevanceMap, doesResultPass, findResultForStatementClause } from 'fqm-execution/build/calculation/ClauseResultsBuilder';
import { createPopulationValues } from 'fqm-execution/build/calculation/DetailedResultsBuilder';
import { isStatementFunction } from 'fqm-execution/build/helpers/ClauseResultsHelpers';
import { measureReads, trimBundle } from './dataRequirements';
import { installEngineMemo } from './engineMemo';
import { prefilterFor } from './prefilter';
import { quietly } from './quietly';
import type { MeasurementPeriod, PopulationCode } from './measures';
import { FACT_STATEMENTS, MEASURE_IDS, MEASURES, POPULATIONS, type MeasureId } from './measures';

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
  /** Values of the measure's FACT_STATEMENTS for this patient, as plain data (see factOf). */
  facts?: Record<string, FactValue>;
  /** Set when the engine could not evaluate this patient; the populations are then all false. */
  error?: string;
  /** The prefilter proved the patient cannot be in the initial population: evaluated without the engine, in no population. */
  prefiltered?: true;
}

/** A statement's value: a date (yyyy-MM-dd) for a resource or a date, an interval of dates, or a plain value. */
export type FactValue = null | boolean | number | string | { start: string; end: string };

/** The clinic date of a resource the engine returned (its effective or authored time). */
function resourceDate(json: Record<string, unknown>): string | null {
  const period = json.effectivePeriod as { start?: string } | undefined;
  const value = json.effectiveDateTime ?? json.effectiveInstant ?? period?.start ?? json.authoredOn ?? json.recordedDate;
  return typeof value === 'string' ? value.slice(0, 10) : null;
}

/** A CQL value as plain data that can cross to the page. */
export function factOf(value: unknown): FactValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length > 0 ? factOf(value[value.length - 1]) : null;
  const v = value as { low?: unknown; high?: unknown; _json?: Record<string, unknown>; isDate?: boolean; isDateTime?: boolean };
  if (v._json) return resourceDate(v._json);
  if ('low' in v && 'high' in v) return { start: String(v.low).slice(0, 10), end: String(v.high).slice(0, 10) };
  if (v.isDate || v.isDateTime) return String(value).slice(0, 10);
  return null;
}

export interface EngineRun {
  results: PatientResult[];
  /** Milliseconds spent inside the engine call(s). */
  engineMs: number;
}

const POPULATION_STATEMENTS = new Set(['Initial Population', 'Denominator', 'Denominator Exclusions', 'Denominator Exceptions', 'Numerator', 'Patient']);

function noPopulations(): Record<PopulationCode, boolean> {
  return Object.fromEntries(POPULATIONS.map((p) => [p, false])) as Record<PopulationCode, boolean>;
}

interface PreparedMeasure {
  /** Which of the registry's measures this is (by the Measure's URL), if one. */
  id: MeasureId | undefined;
  measure: fhir4.Measure;
  group: fhir4.MeasureGroup | undefined;
  scoring: string | undefined;
  elm: ELM[];
  mainLibrary: string;
  /** Statement relevance by the populations' relevance: it depends on nothing else, and walking the ELM for it per patient costs ~10 ms. */
  relevance: Map<string, ReturnType<typeof buildStatementRelevanceMap>>;
}

const prepared = new WeakMap<Bundle, PreparedMeasure>();

/** The Measure and its decoded ELM, once per measure Bundle (decoding is most of a second). */
function prepare(measureBundle: Bundle): PreparedMeasure {
  sharedPatientSource();
  let found = prepared.get(measureBundle);
  if (!found) {
    const measure = MeasureBundleHelpers.extractMeasureFromBundle(measureBundle as unknown as fhir4.Bundle);
    const { elmJSONs, rootLibIdentifier } = MeasureBundleHelpers.extractLibrariesFromMeasureBundle(measureBundle as unknown as fhir4.Bundle, measure);
    found = { id: MEASURE_IDS.find((i) => MEASURES[i].url === measure.url), measure, group: measure.group?.[0], scoring: MeasureBundleHelpers.getScoringCodeFromMeasure(measure), elm: elmJSONs, mainLibrary: rootLibIdentifier.id, relevance: new Map() };
    prepared.set(measureBundle, found);
  }
  return found;
}

/**
 * One PatientSource for every call: building one parses cql-exec-fhir's FHIR model info (an
 * XML file, about 0.2 s). It holds the patients of one call, so calls take turns (`turn`): a
 * worker may receive the next request while one is still running.
 */
let patientSource: PatientSource | undefined;
let turn: Promise<unknown> = Promise.resolve();

/** The shared PatientSource, with the engine's memo tables installed on first use (engineMemo.ts). */
function sharedPatientSource(): PatientSource {
  if (!patientSource) {
    patientSource = PatientSource.FHIRv401({ requireProfileTagging: false });
    installEngineMemo(patientSource);
  }
  return patientSource;
}

interface RawResults {
  patientResults: Record<string, Record<string, unknown>>;
  localIdPatientResultsMap: Record<string, Record<string, Record<string, unknown>>>;
}

async function calculateAlone(measureBundle: Bundle, bundles: readonly Bundle[], period: MeasurementPeriod): Promise<RawResults> {
  const source = sharedPatientSource();
  source.reset();
  source.loadBundles(bundles as unknown as fhir4.Bundle[]);
  try {
    const output = await quietly(() =>
      Calculator.calculateRaw(measureBundle as unknown as fhir4.Bundle, bundles as unknown as fhir4.Bundle[], {
        measurementPeriodStart: period.start,
        measurementPeriodEnd: period.end,
        patientSource: source,
        // The ELM is decoded and its repository and value-set index built once per measure,
        // not once per call (fqm-execution keys the cache on the Measure's id|version).
        useElmJsonsCaching: true,
        trustMetaProfile: false,
      }),
    );
    if (typeof output.results === 'string') throw new Error(output.results);
    return output.results as unknown as RawResults;
  } finally {
    source.reset();
  }
}

function calculateRaw(measureBundle: Bundle, bundles: readonly Bundle[], period: MeasurementPeriod): Promise<RawResults> {
  const mine = turn.then(() => calculateAlone(measureBundle, bundles, period));
  turn = mine.catch(() => undefined);
  return mine;
}

/**
 * One patient's populations and statement results from the engine's raw output, with
 * fqm-execution's own rules (the same functions its `calculate` applies): the proportion
 * measure's population logic, and which statements bore on the populations (relevance).
 * `calculate` would also build a result for every clause of every statement, which nothing
 * here reads and which cost about a third of the engine's time.
 */
function toResult(patientId: string, raw: RawResults, m: PreparedMeasure): PatientResult {
  const populations = noPopulations();
  const statements: StatementOutcome[] = [];
  const statementResults = raw.patientResults[patientId] ?? {};
  if (m.group) {
    const detailed = createPopulationValues(m.measure, m.group, statementResults);
    for (const p of detailed.populationResults ?? []) if ((POPULATIONS as readonly string[]).includes(p.populationType)) populations[p.populationType as PopulationCode] = p.result === true;
    const relevance = buildPopulationGroupRelevanceMap(detailed, m.group, m.scoring);
    const main = m.elm.find((l) => l.library.identifier.id === m.mainLibrary);
    const clauses = raw.localIdPatientResultsMap[patientId] ?? {};
    const key = relevance.map((p) => `${p.populationType}:${p.criteriaExpression}:${p.result}`).join(',');
    let relevant = m.relevance.get(key);
    if (!relevant) {
      relevant = buildStatementRelevanceMap(m.measure, relevance, m.mainLibrary, m.elm, m.group, false, false);
      m.relevance.set(key, relevant);
    }
    for (const s of relevant) {
      if (!main || s.libraryName !== m.mainLibrary || s.relevance === 'NA' || !s.statementName || POPULATION_STATEMENTS.has(s.statementName) || s.statementName.startsWith('SDE ')) continue;
      if (isStatementFunction(main, s.statementName)) continue;
      const met = s.relevance !== 'FALSE' && clauses[m.mainLibrary] != null && doesResultPass(findResultForStatementClause(main, s.statementName, clauses));
      statements.push({ name: s.statementName, met });
    }
  }
  const wanted = m.id ? FACT_STATEMENTS[m.id] : [];
  const facts = Object.fromEntries(wanted.map((name) => [name, factOf(statementResults[name])]));
  return { patientId, populations, statements, facts };
}

function patientIdOfBundle(bundle: Bundle): string {
  return bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource?.id ?? '';
}

export interface EngineOptions {
  /** Skip patients the measure's prefilter proves are in no population (default true; prefilter.ts). */
  prefilter?: boolean;
}

/** The result of a patient the prefilter left out: evaluated, in no population, no statement held. */
function prefilteredResult(patientId: string, m: PreparedMeasure): PatientResult {
  const wanted = m.id ? FACT_STATEMENTS[m.id] : [];
  return { patientId, populations: noPopulations(), statements: [], facts: Object.fromEntries(wanted.map((name) => [name, null])), prefiltered: true };
}

/** Which of these patients the measure's prefilter leaves out (none for a measure the registry does not know). */
export async function prefiltered(measureBundle: Bundle, patientBundles: readonly Bundle[], period: MeasurementPeriod): Promise<boolean[]> {
  const m = prepare(measureBundle);
  if (!m.id) return patientBundles.map(() => false);
  const filter = await prefilterFor(m.id, measureBundle);
  return patientBundles.map((b) => filter.excludes(b, period));
}

/**
 * Runs the measure over some patients in one engine call (the caller keeps the number
 * bounded: the engine's memory grows with the patients of a call). Patients the prefilter
 * proves are in no population are answered without the engine. When the call fails, each
 * patient is run alone, so one unreadable record costs only its own result.
 */
export async function runEngine(measureBundle: Bundle, patientBundles: readonly Bundle[], period: MeasurementPeriod, options: EngineOptions = {}): Promise<EngineRun> {
  const started = performance.now();
  const m = prepare(measureBundle);
  const skip = options.prefilter === false ? patientBundles.map(() => false) : await prefiltered(measureBundle, patientBundles, period);
  const kept = patientBundles.filter((_, i) => !skip[i]);
  const run = kept.length ? await runAll(measureBundle, m, kept, period) : [];
  const byId = new Map(run.map((r) => [r.patientId, r]));
  const results = patientBundles.map((b, i) => {
    const id = patientIdOfBundle(b);
    return skip[i] ? prefilteredResult(id, m) : (byId.get(id) ?? { patientId: id, populations: noPopulations(), statements: [], error: 'The engine returned no result.' });
  });
  return { results, engineMs: performance.now() - started };
}

async function runAll(measureBundle: Bundle, m: PreparedMeasure, patientBundles: readonly Bundle[], period: MeasurementPeriod): Promise<PatientResult[]> {
  const reads = await measureReads(measureBundle);
  const bundles = patientBundles.map((b) => trimBundle(b, reads, period));
  const ids = bundles.map(patientIdOfBundle);
  try {
    const raw = await calculateRaw(measureBundle, bundles, period);
    return ids.map((id) => toResult(id, raw, m));
  } catch {
    const results: PatientResult[] = [];
    for (const [i, bundle] of bundles.entries()) {
      try {
        const raw = await calculateRaw(measureBundle, [bundle], period);
        results.push(raw.patientResults[ids[i]!] ? toResult(ids[i]!, raw, m) : { patientId: ids[i]!, populations: noPopulations(), statements: [], error: 'The engine returned no result.' });
      } catch (error) {
        results.push({ patientId: patientIdOfBundle(bundle), populations: noPopulations(), statements: [], error: error instanceof Error ? error.message : String(error) });
      }
    }
    return results;
  }
}

/**
 * Sets the measure up in this process or worker ahead of its first patients: the data
 * requirements and prefilter, the decoded ELM and the FHIR model info (one to two seconds
 * per measure), by one engine call over a patient with no records.
 */
export async function warmUp(measureBundle: Bundle, period: MeasurementPeriod): Promise<void> {
  const nobody: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', id: 'warm-up' } }] };
  await runEngine(measureBundle, [nobody], period, { prefilter: false });
  await prefiltered(measureBundle, [], period);
}
