import type { Filter } from '@medplum/core';
import type { CodeableConcept, Coding, Period, Resource } from '@medplum/fhirtypes';

/**
 * Plain-JavaScript matchers for the search parameters the app sends most, with the meaning
 * R4 gives them. Why: Medplum's matcher evaluates FHIRPath per resource, about 0.5 ms for a
 * token or date filter, so the caseload's `Observation?code=a,b` over 20,000 scores took 9 s.
 * Anything not listed here (other parameters, modifiers, `ap`) still goes to Medplum.
 */
type Matcher = (resource: Resource, filter: Filter) => boolean;
type Getter = (resource: Resource) => unknown;

const field =
  (name: string): Getter =>
  (r) =>
    (r as unknown as Record<string, unknown>)[name];

/** Token parameters whose R4 expression is exactly one element of the resource. */
const TOKEN_FIELDS: Readonly<Record<string, Readonly<Record<string, Getter>>>> = {
  Observation: { code: field('code'), category: field('category'), status: field('status') },
  Condition: { code: field('code'), category: field('category'), 'clinical-status': field('clinicalStatus') },
  Flag: { code: field('code') },
  QuestionnaireResponse: { status: field('status') },
  MedicationRequest: { status: field('status') },
  Encounter: { status: field('status') },
  EpisodeOfCare: { status: field('status') },
};

/** Date parameters (value: a date/dateTime string or a Period). */
export const DATE_FIELDS: Readonly<Record<string, Readonly<Record<string, Getter>>>> = {
  Observation: { date: (r) => pick(r, ['effectiveDateTime', 'effectiveInstant', 'effectivePeriod']) },
  QuestionnaireResponse: { authored: field('authored') },
  Condition: { 'onset-date': (r) => pick(r, ['onsetDateTime', 'onsetPeriod']), 'recorded-date': field('recordedDate') },
  MedicationRequest: { authoredon: field('authoredOn') },
  Flag: { date: field('period') },
  Encounter: { date: field('period') },
};

function pick(r: Resource, names: string[]): unknown {
  const rec = r as unknown as Record<string, unknown>;
  for (const n of names) if (rec[n] !== undefined) return rec[n];
  return undefined;
}

function codings(value: unknown): Coding[] | string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((v: CodeableConcept | Coding) => ('coding' in v ? (v.coding ?? []) : 'code' in v ? [v as Coding] : []));
}

interface Token {
  system: string | undefined;
  code: string;
}

function parseToken(token: string): Token {
  const bar = token.indexOf('|');
  return bar >= 0 ? { system: token.slice(0, bar), code: token.slice(bar + 1) } : { system: undefined, code: token };
}

function codingMatches(c: Coding | string, { system, code }: Token): boolean {
  if (typeof c === 'string') return system === undefined && c === code;
  if (system !== undefined && (c.system ?? '') !== system) return false;
  return code === '' ? true : c.code === code;
}

/** Any of the tokens (`system|code`, `code`, `system|`, `|code`): parsed once, a resource's codings listed once. */
function tokensMatcher(values: readonly string[]): (value: unknown) => boolean {
  const tokens = values.map(parseToken);
  return (value) => codings(value).some((c) => tokens.some((t) => codingMatches(c, t)));
}

/** [start, end) in epoch ms of a FHIR date/dateTime at its own precision; undefined if unparsable. */
export function dateRange(value: string): [number, number] | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(T.*)?)?)?$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, time] = m;
  if (time) {
    // Without a zone the value is read as UTC (FHIR leaves it to the server).
    const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(value);
    const t = Date.parse(zoned ? value : `${value}Z`);
    if (Number.isNaN(t)) return undefined;
    const precision = /\.\d+/.test(time) ? 1 : /^T\d{2}:\d{2}:\d{2}/.test(time) ? 1000 : 60_000;
    return [t, t + precision];
  }
  const year = Number(y);
  if (!mo) return [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)];
  const month = Number(mo) - 1;
  if (!d) return [Date.UTC(year, month, 1), Date.UTC(year, month + 1, 1)];
  const start = Date.UTC(year, month, Number(d));
  return [start, start + 86_400_000];
}

function resourceRange(value: unknown): [number, number] | undefined {
  if (typeof value === 'string') return dateRange(value);
  if (value && typeof value === 'object') {
    const p = value as Period;
    const lo = p.start ? dateRange(p.start)?.[0] : -Infinity;
    const hi = p.end ? dateRange(p.end)?.[1] : Infinity;
    if (lo === undefined || hi === undefined) return undefined;
    return [lo, hi];
  }
  return undefined;
}

const DATE_PREFIXES = new Set(['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb']);

function dateMatches(value: unknown, op: string, param: [number, number]): boolean {
  const r = resourceRange(value);
  if (!r) return false;
  const [lo, hi] = param;
  const [rlo, rhi] = r;
  switch (op) {
    case 'eq':
      return rlo >= lo && rhi <= hi;
    case 'ne':
      return !(rlo >= lo && rhi <= hi);
    case 'gt':
      return rhi > hi;
    case 'lt':
      return rlo < lo;
    case 'ge':
      return rhi > lo;
    case 'le':
      return rlo < hi;
    case 'sa':
      return rlo >= hi;
    case 'eb':
      return rhi <= lo;
    default:
      return false;
  }
}

/** A fast matcher for this filter, or undefined (Medplum decides). */
export function fastMatcher(resourceType: string, filter: Filter): Matcher | undefined {
  const token = TOKEN_FIELDS[resourceType]?.[filter.code];
  if (token && filter.operator === 'eq') {
    const matches = tokensMatcher(filter.value.split(','));
    return (r) => matches(token(r));
  }
  const date = DATE_FIELDS[resourceType]?.[filter.code];
  if (date && DATE_PREFIXES.has(filter.operator) && !filter.value.includes(',')) {
    const range = dateRange(filter.value);
    if (!range) return undefined;
    return (r) => dateMatches(date(r), filter.operator, range);
  }
  return undefined;
}

/** Sort key for date parameters without FHIRPath (start of the value's range). */
export function fastDateKey(resource: Resource, code: string): number | undefined | null {
  const getter = DATE_FIELDS[resource.resourceType]?.[code];
  if (!getter) return null;
  return resourceRange(getter(resource))?.[0];
}
