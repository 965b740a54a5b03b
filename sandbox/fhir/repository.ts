import { deepClone, evalFhirPath, getSearchParameter, matchesSearchRequest, stringify, type Filter, type SearchRequest, type SortRule, type WithId } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, Coding, Resource } from '@medplum/fhirtypes';
import { PATIENT_FIELD, PATIENT_PARAMS, patientIdFromReference, patientOf } from './compartment.ts';
import { CUSTOM_PARAMS } from './customParams.ts';
import { fastDateKey, fastMatcher } from './fastFilters.ts';

type AnyResource = WithId<Resource>;

/** Types whose R4 `code` search parameter is exactly `<Type>.code` (so the index means the same). */
const CODE_INDEXED: ReadonlySet<string> = new Set(['Observation', 'Condition', 'Flag']);

/**
 * Medplum's MemoryRepository with indexes in front of its search.
 *
 * Why: MemoryRepository scans every resource of the searched type and evaluates FHIRPath on
 * each; the R4 `patient` parameter's expression calls resolve(), so
 * `Observation?patient=X` among 30,000 Observations took about 25 s here. This class keeps
 * per-type maps by patient, by code and by identifier, narrows a search to the candidates
 * those give, and lets Medplum's own matcher judge only the candidates (so filter semantics
 * stay Medplum's). It also sorts with proper date comparison and clones only the returned
 * page, where MemoryRepository clones every match (and the FHIR handler's searches, which
 * only serialise the page, clone nothing: `searchForResponse`).
 */
export class IndexedRepository extends MemoryRepository {
  private readonly current = new Map<string, Map<string, AnyResource>>();
  /** Store order (insertion order of `current`) as a number per resource, for stable paging. */
  private readonly order = new Map<string, number>();
  private nextOrder = 0;
  /** type -> patient id -> resource ids */
  private readonly byPatient = new Map<string, Map<string, Set<string>>>();
  /** type -> `system|code` and bare `code` -> resource ids (Resource.code) */
  private readonly byCode = new Map<string, Map<string, Set<string>>>();
  /** type -> `system|value` and bare `value` -> resource ids (Resource.identifier) */
  private readonly byIdentifier = new Map<string, Map<string, Set<string>>>();

  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const result = await super.createResource(resource);
    this.unindex(result.resourceType, result.id);
    this.index(result as AnyResource);
    return result;
  }

  /**
   * Loads many resources at start-up (the panel, `--data`): what createResource does, with one
   * normalising copy per resource instead of three (Medplum's create copies in and out, and
   * the index kept a copy of its own). Medplum's store and the index share that copy: neither
   * mutates a stored version (updates store a new one; reads and searches hand out clones).
   * About 240,000 resources for a 5,000-patient panel: this was most of `npm start`'s wait.
   */
  bulkLoad(resources: readonly Resource[]): void {
    const store = this as unknown as { resources: Map<string, Map<string, AnyResource>>; history: Map<string, Map<string, AnyResource[]>> };
    const now = new Date().toISOString();
    for (const input of resources) {
      // Medplum's stringify drops empty values with a replacer (slow); JSON text without any
      // empty value or null comes out the same from the native one.
      const text = JSON.stringify(input);
      const resource = JSON.parse(EMPTY_VALUE.test(text) ? stringify(input) : text) as AnyResource;
      resource.id ||= this.generateId();
      resource.meta ??= {};
      // A first version; updates get Medplum's generated version ids.
      resource.meta.versionId ||= '1';
      resource.meta.lastUpdated ||= now;
      const { resourceType, id } = resource;
      mapFor(store.resources, resourceType).set(id, resource);
      const versions = mapFor(store.history, resourceType);
      const list = versions.get(id);
      if (list) list.push(resource);
      else versions.set(id, [resource]);
      this.unindex(resourceType, id);
      this.index(resource);
    }
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    await super.deleteResource(resourceType, id);
    this.unindex(resourceType, id);
  }

  override clear(): void {
    super.clear();
    for (const map of [this.current, this.byPatient, this.byCode, this.byIdentifier]) map.clear();
    this.order.clear();
  }

  /** Count of stored resources per type (for start-up reports and tests). */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.current].map(([type, map]) => [type, map.size]));
  }

  /** Current versions of one type, without cloning: callers must not mutate them. */
  all(resourceType: string): Iterable<AnyResource> {
    return this.current.get(resourceType)?.values() ?? [];
  }

  /** Synchronous read of the current version (no clone): for the EHR pages and auth checks. */
  peek(resourceType: string, id: string): AnyResource | undefined {
    return this.current.get(resourceType)?.get(id);
  }

  override async search<T extends Resource>(searchRequest: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const bundle = this.searchStored(searchRequest);
    return bundle.entry ? { ...bundle, entry: bundle.entry.map((e) => ({ resource: deepClone(e.resource) as WithId<T> })) } : bundle;
  }

  /**
   * A search whose page holds the stored versions themselves, not copies: for the FHIR
   * handler, which only serialises the page. Cloning every returned resource (Medplum's
   * JSON round trip) was the largest part of a batched caseload search.
   */
  searchForResponse<T extends Resource>(searchRequest: SearchRequest<T>): Bundle<WithId<T>> {
    return this.searchStored(searchRequest);
  }

  private searchStored<T extends Resource>(searchRequest: SearchRequest<T>): Bundle<WithId<T>> {
    const { resourceType } = searchRequest;
    const { candidates, remaining } = this.narrow(resourceType, searchRequest.filters ?? []);
    // Our own matchers first (custom parameters, then fast equivalents); Medplum judges the rest.
    const own: ((r: Resource) => boolean)[] = [];
    const standard: Filter[] = [];
    for (const f of remaining) {
      const custom = CUSTOM_PARAMS[resourceType]?.[f.code];
      const fast = custom ? undefined : fastMatcher(resourceType, f);
      if (custom) own.push((r) => custom(r, f));
      else if (fast) own.push((r) => fast(r, f));
      else standard.push(f);
    }
    const request: SearchRequest = { resourceType, filters: standard };
    const matches: AnyResource[] = [];
    for (const resource of candidates) {
      if (!own.every((m) => m(resource))) continue;
      if (standard.length > 0 && !matchesSearchRequest(resource, request)) continue;
      matches.push(resource);
    }
    const sorted = searchRequest.sortRules?.length ? sortResources(matches, searchRequest.sortRules) : matches;
    const offset = searchRequest.offset ?? 0;
    const page = searchRequest.count === undefined ? sorted.slice(offset) : sorted.slice(offset, offset + searchRequest.count);
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      ...(page.length ? { entry: page.map((r) => ({ resource: r as WithId<T> })) } : {}),
    };
  }

  /**
   * The smallest candidate set the indexes give, and the filters still to check. Patient
   * filters answered by the index are consumed (Medplum's own evaluation of them is the slow
   * part); code and identifier filters only narrow and are still checked by the matcher.
   */
  private narrow(resourceType: string, filters: readonly Filter[]): { candidates: Iterable<AnyResource>; remaining: Filter[] } {
    const all = this.current.get(resourceType) ?? new Map<string, AnyResource>();
    let ids: Set<string> | undefined;
    const intersect = (next: Set<string>): void => {
      ids = ids ? new Set([...ids].filter((id) => next.has(id))) : next;
    };
    const remaining: Filter[] = [];
    // Patient and _id filters first: they give small sets. A code or identifier filter only
    // narrows (the matcher checks it again), so once a small set is known its index is not
    // walked: the union of a code list over a whole panel (tens of thousands of ids) was most
    // of a batched Observation search's time.
    const consumedFirst = [...filters].sort((a, b) => Number(!isSmallSetFilter(a)) - Number(!isSmallSetFilter(b)));
    for (const filter of consumedFirst) {
      const values = filter.value.split(',');
      const narrowsOnly = filter.operator === 'eq' && (filter.code === 'code' || filter.code === 'identifier');
      if (narrowsOnly && ids !== undefined && ids.size <= SMALL_SET) {
        remaining.push(filter);
        continue;
      }
      if (filter.operator === 'eq' && filter.code === '_id') {
        intersect(new Set(values));
        remaining.push(filter);
      } else if (filter.operator === 'eq' && PATIENT_PARAMS.has(filter.code) && PATIENT_FIELD[resourceType] && values.every((v) => patientIdFromReference(v))) {
        const index = this.byPatient.get(resourceType);
        intersect(union(values.map((v) => index?.get(patientIdFromReference(v) ?? ''))));
      } else if (filter.operator === 'eq' && filter.code === 'code' && CODE_INDEXED.has(resourceType) && values.every((v) => !v.startsWith('|') && !v.endsWith('|'))) {
        intersect(union(values.map((v) => this.byCode.get(resourceType)?.get(v))));
        remaining.push(filter);
      } else if (filter.operator === 'eq' && filter.code === 'identifier') {
        intersect(union(values.map((v) => this.byIdentifier.get(resourceType)?.get(v))));
        remaining.push(filter);
      } else {
        remaining.push(filter);
      }
    }
    if (!ids) return { candidates: all.values(), remaining };
    // Keep insertion order (stable paging): walk the ids in store order when the set is large.
    const chosen = ids;
    const candidates =
      chosen.size > all.size / 4
        ? [...all.values()].filter((r) => chosen.has(r.id))
        : this.inStoreOrder(
            resourceType,
            [...chosen].map((id) => all.get(id)).filter((r): r is AnyResource => r !== undefined),
          );
    return { candidates, remaining };
  }

  /**
   * Same order as walking `current` (insertion order), without rebuilding positions per
   * search; each resource's position is looked up once, not at every comparison.
   */
  private inStoreOrder(resourceType: string, resources: AnyResource[]): AnyResource[] {
    const keyed = resources.map((r) => ({ r, at: this.order.get(`${resourceType}/${r.id}`) ?? 0 }));
    keyed.sort((a, b) => a.at - b.at);
    return keyed.map((k) => k.r);
  }

  private index(resource: AnyResource): void {
    const { resourceType, id } = resource;
    mapFor(this.current, resourceType).set(id, resource);
    this.order.set(`${resourceType}/${id}`, this.nextOrder++);
    const patient = resource.resourceType === 'Patient' ? undefined : patientOf(resource);
    if (patient) add(mapFor(this.byPatient, resourceType), patient, id);
    if (CODE_INDEXED.has(resourceType)) for (const key of codeKeys(resource)) add(mapFor(this.byCode, resourceType), key, id);
    for (const key of identifierKeys(resource)) add(mapFor(this.byIdentifier, resourceType), key, id);
  }

  private unindex(resourceType: string, id: string): void {
    const old = this.current.get(resourceType)?.get(id);
    if (!old) return;
    this.current.get(resourceType)?.delete(id);
    this.order.delete(`${resourceType}/${id}`);
    const patient = patientOf(old);
    if (patient) this.byPatient.get(resourceType)?.get(patient)?.delete(id);
    for (const key of codeKeys(old)) this.byCode.get(resourceType)?.get(key)?.delete(id);
    for (const key of identifierKeys(old)) this.byIdentifier.get(resourceType)?.get(key)?.delete(id);
  }
}

/** JSON text holding an empty string, array or object, or a null (what Medplum's stringify drops). */
const EMPTY_VALUE = /""|\[\]|\{\}|null/;

function mapFor<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

function add(index: Map<string, Set<string>>, key: string, id: string): void {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(id);
}

/** Candidates below this many are checked by the matcher rather than narrowed further by an index. */
const SMALL_SET = 5000;

function isSmallSetFilter(filter: Filter): boolean {
  return filter.operator === 'eq' && (filter.code === '_id' || PATIENT_PARAMS.has(filter.code));
}

function union(sets: (Set<string> | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const set of sets) for (const id of set ?? []) out.add(id);
  return out;
}

function codingKeys(codings: readonly Coding[] | undefined): string[] {
  const keys: string[] = [];
  for (const c of codings ?? []) {
    if (!c.code) continue;
    keys.push(c.code);
    if (c.system) keys.push(`${c.system}|${c.code}`);
  }
  return keys;
}

function codeKeys(resource: Resource): string[] {
  const code = (resource as { code?: { coding?: Coding[] } }).code;
  return code && typeof code === 'object' ? codingKeys(code.coding) : [];
}

function identifierKeys(resource: Resource): string[] {
  const identifiers = (resource as { identifier?: { system?: string; value?: string }[] | { system?: string; value?: string } }).identifier;
  const list = Array.isArray(identifiers) ? identifiers : identifiers ? [identifiers] : [];
  const keys: string[] = [];
  for (const i of list) {
    if (!i.value) continue;
    keys.push(i.value);
    if (i.system) keys.push(`${i.system}|${i.value}`);
  }
  return keys;
}

/** Sort keys computed once per resource; dates compare as instants, not as JSON strings. */
function sortResources(resources: AnyResource[], rules: readonly SortRule[]): AnyResource[] {
  const keyed = resources.map((r) => ({ r, keys: rules.map((rule) => sortKey(r, rule.code)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < rules.length; i++) {
      const cmp = compareKeys(a.keys[i], b.keys[i]);
      if (cmp !== 0) return rules[i]?.descending ? -cmp : cmp;
    }
    return 0;
  });
  return keyed.map((k) => k.r);
}

type SortKey = number | string | undefined;

function sortKey(resource: AnyResource, code: string): SortKey {
  if (code === '_lastUpdated') return toKey(resource.meta?.lastUpdated);
  if (code === '_id') return resource.id;
  const fast = fastDateKey(resource, code);
  if (fast !== null) return fast;
  const expression = getSearchParameter(resource.resourceType, code)?.expression;
  if (!expression) return undefined;
  const values = evalFhirPath(expression, resource);
  return toKey(values[0]);
}

function toKey(value: unknown): SortKey {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const time = /^\d{4}(-\d{2})?(-\d{2})?(T.*)?$/.test(value) ? Date.parse(value) : NaN;
    return Number.isNaN(time) ? value : time;
  }
  if (typeof value === 'object') {
    const o = value as { start?: string; end?: string; value?: number; family?: string; text?: string; display?: string };
    if (o.start || o.end) return toKey(o.start ?? o.end);
    if (typeof o.value === 'number') return o.value;
    return o.family ?? o.text ?? o.display;
  }
  return String(value);
}

function compareKeys(a: SortKey, b: SortKey): number {
  // Missing values sort last in ascending order (as most servers do).
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
