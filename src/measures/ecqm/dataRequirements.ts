/**
 * What a measure can read, worked out from its own ELM (fqm-execution's data requirements),
 * and patient Bundles trimmed to it. The engine wraps every resource of a retrieved type and
 * tests its code against every value set of every retrieve; a GAD-7, a QuestionnaireResponse
 * or a contact note can never change a population, but each one costs the engine time. So a
 * Bundle keeps the Patient, and of other resources only those some retrieve could return:
 * their type is retrieved, and where every retrieve of that type filters by a code, the
 * resource's code is one of those filters' codes (a resource with no code at all matches no
 * code filter). Anything the filter cannot judge (a path we do not read, a value set the
 * package does not expand, a `medicationReference`) is kept: trimming may keep too much,
 * never too little. The official cases check that it changes no result.
 */
import type { Bundle, Resource, ValueSet } from '@medplum/fhirtypes';
import { Calculator } from 'fqm-execution';
import { addDays } from '../../clinical/enrollment/calendar';
import { quietly } from './quietly';

interface CodeFilterJson {
  path?: string;
  valueSet?: string;
  code?: { code?: string }[];
}

interface DataRequirementJson {
  type?: string;
  codeFilter?: CodeFilterJson[];
  dateFilter?: { path?: string; valuePeriod?: { start?: string; end?: string } }[];
}

/**
 * The measurement period the data requirements are worked out for. A retrieve whose date filter
 * comes back as exactly this period is one the logic reads only "during" the measurement
 * period (fqm-execution derives date filters from the query's where clause); any other
 * filter is not judged.
 */
const REQUIREMENTS_PERIOD = { start: '2026-01-01', end: '2026-12-31' };

/** Days either side of the period kept for a date-filtered retrieve (time zones, day precision). */
const SPARE_DAYS = 2;

/** Per resource type: undefined = keep every resource of it; else the code filters, one of which must match. */
export interface MeasureReads {
  types: Map<string, CodeGate[] | undefined>;
}

export interface CodeGate {
  path: string;
  codes: ReadonlySet<string>;
  /** The value set the filter names (its canonical URL), when it names one. */
  valueSet?: string;
  /** The retrieve reads only resources whose `period` lies in the measurement period. */
  inPeriod?: boolean;
}

/** The fields a filter's `path` names, as a resource holds them (CodeableConcept or a list of them). */
const CODE_FIELDS: Readonly<Record<string, string>> = { code: 'code', type: 'type', medication: 'medicationCodeableConcept' };

/** Every code of each value set the package expands, by the value set's canonical URL. */
export function valueSetCodes(measureBundle: Bundle): Map<string, Set<string>> {
  const byUrl = new Map<string, Set<string>>();
  for (const entry of measureBundle.entry ?? []) {
    const vs = entry.resource as ValueSet | undefined;
    if (vs?.resourceType !== 'ValueSet' || !vs.url) continue;
    const codes = byUrl.get(vs.url) ?? new Set<string>();
    const walk = (items: readonly { code?: string; contains?: unknown[] }[] | undefined): void => {
      for (const c of items ?? []) {
        if (c.code) codes.add(c.code);
        walk(c.contains as { code?: string; contains?: unknown[] }[] | undefined);
      }
    };
    walk(vs.expansion?.contains);
    for (const include of vs.compose?.include ?? []) for (const c of include.concept ?? []) codes.add(c.code);
    byUrl.set(vs.url, codes);
  }
  return byUrl;
}

function inPeriod(req: DataRequirementJson): boolean {
  return (req.dateFilter ?? []).some(
    (f) => f.path === 'period' && f.valuePeriod?.start?.slice(0, 10) === REQUIREMENTS_PERIOD.start && f.valuePeriod.end?.slice(0, 10) === REQUIREMENTS_PERIOD.end,
  );
}

/** One retrieve's gate on codes, or undefined when it reads every resource of its type (or one we cannot judge). */
function gateOf(req: DataRequirementJson, valueSets: Map<string, Set<string>>): CodeGate | undefined {
  for (const filter of req.codeFilter ?? []) {
    if (!filter.path || !(filter.path in CODE_FIELDS)) continue;
    if (filter.valueSet) {
      const url = filter.valueSet.split('|')[0]!;
      const codes = valueSets.get(url);
      // A value set the bundle does not expand: the engine would fail on it; do not judge.
      if (codes) return { path: filter.path, codes, valueSet: url, ...(inPeriod(req) ? { inPeriod: true } : {}) };
    } else if (filter.code?.length) {
      return { path: filter.path, codes: new Set(filter.code.map((c) => c.code ?? '')), ...(inPeriod(req) ? { inPeriod: true } : {}) };
    }
  }
  return undefined;
}

export function measureReadsOf(dataRequirements: readonly DataRequirementJson[], measureBundle: Bundle): MeasureReads {
  const valueSets = valueSetCodes(measureBundle);
  const types = new Map<string, CodeGate[] | undefined>();
  for (const req of dataRequirements) {
    if (!req.type) continue;
    const gate = gateOf(req, valueSets);
    if (types.has(req.type) && types.get(req.type) === undefined) continue;
    if (!gate) types.set(req.type, undefined);
    else types.set(req.type, [...(types.get(req.type) ?? []), gate]);
  }
  return { types };
}

const cache = new WeakMap<Bundle, Promise<MeasureReads>>();

/** The measure's reads, worked out once per measure Bundle (it takes the engine most of a second). */
export function measureReads(measureBundle: Bundle): Promise<MeasureReads> {
  let found = cache.get(measureBundle);
  if (!found) {
    found = quietly(() =>
      Calculator.calculateDataRequirements(measureBundle as unknown as fhir4.Bundle, { measurementPeriodStart: REQUIREMENTS_PERIOD.start, measurementPeriodEnd: REQUIREMENTS_PERIOD.end }),
    ).then((out) =>
      measureReadsOf(((out.results as { dataRequirement?: DataRequirementJson[] }).dataRequirement ?? []) as DataRequirementJson[], measureBundle),
    );
    cache.set(measureBundle, found);
  }
  return found;
}

function codesIn(value: unknown): string[] {
  const concepts = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const codes: string[] = [];
  for (const c of concepts as { coding?: { code?: string }[] }[]) for (const coding of c?.coding ?? []) if (coding.code) codes.push(coding.code);
  return codes;
}

/** False when the resource's `period` is known to end before, or start after, the measurement period (with days to spare). */
function mayLieIn(resource: Resource, period: { start: string; end: string }): boolean {
  const p = (resource as { period?: { start?: string; end?: string } }).period;
  const day = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined);
  const start = day(p?.start);
  const end = day(p?.end);
  if (start && start > addDays(period.end, SPARE_DAYS)) return false;
  return !(end && end < addDays(period.start, -SPARE_DAYS));
}

/** Whether some retrieve could return the resource: its code is in a gate's codes (and, for a period-filtered retrieve, its period may lie in `period`). */
export function passes(resource: Resource, gates: readonly CodeGate[], period?: { start: string; end: string }): boolean {
  const fields = resource as unknown as Record<string, unknown>;
  return gates.some((gate) => {
    if (gate.inPeriod && period && !mayLieIn(resource, period)) return false;
    const field = CODE_FIELDS[gate.path]!;
    // A medication by reference, or a code path this resource does not hold: keep it.
    if (gate.path === 'medication' && fields.medicationReference !== undefined) return true;
    return codesIn(fields[field]).some((c) => gate.codes.has(c));
  });
}

export function readable(resource: Resource, reads: MeasureReads, period?: { start: string; end: string }): boolean {
  if (resource.resourceType === 'Patient') return true;
  if (!reads.types.has(resource.resourceType)) return false;
  const gates = reads.types.get(resource.resourceType);
  return gates === undefined || passes(resource, gates, period);
}

/**
 * A patient's Bundle with only what the measure could read (the same Bundle when nothing
 * goes); with the measurement period, also without resources a period-filtered retrieve is
 * the only reader of and that lie outside it (CMS2's qualifying encounters).
 */
export function trimBundle(bundle: Bundle, reads: MeasureReads, period?: { start: string; end: string }): Bundle {
  const entry = (bundle.entry ?? []).filter((e) => e.resource && readable(e.resource, reads, period));
  return entry.length === bundle.entry?.length ? bundle : { ...bundle, entry };
}
