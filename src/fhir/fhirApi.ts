/**
 * All HTTP talk with the EHR's FHIR server goes through here: bearer token, timeouts, error
 * mapping and paging. Built on `fetch` so that every header (ETag, Location, If-None-Exist,
 * If-Match, Retry-After) and status is ours to read; fhirclient owns the launch and token.
 */
import type { Bundle, BundleEntry, BundleLink, Resource } from '@medplum/fhirtypes';
import { errorForStatus, FhirError, readableType } from './fhirError';

export interface FhirApiOptions {
  serverUrl: string;
  timeoutMs: number;
  /** Returns the `Authorization` header value (renewing the token first if needed). */
  authorization: () => Promise<string | undefined>;
  fetch?: typeof fetch;
}

export type SearchParams = Record<string, string | string[] | undefined>;

export interface SearchResult<T extends Resource> {
  resources: T[];
  /** Resources the server added with `_include`, or OperationOutcome warnings. */
  included: Resource[];
  /** Pages read. */
  pages: number;
  /** True when the page cap stopped us before the last page. */
  truncated: boolean;
}

export interface SearchOptions<T extends Resource = Resource> {
  /** Safety cap: stop after this many pages and say so (`truncated`). */
  maxPages?: number;
  signal?: AbortSignal;
  /** Called with each page's matches as it arrives (progressive views start before the last page). */
  onPage?: (resources: T[]) => void;
}

export const DEFAULT_MAX_PAGES = 50;

/** What a create or update told us: the caller decides whether 200 means "already there". */
export interface WriteResult<T extends Resource> {
  /** 201 created; 200 an existing match (conditional create) or an update. */
  status: number;
  /** The body when the server returned one (we ask for `return=representation`). */
  resource?: T;
  /** The logical id, from the body or else from the Location header. */
  id?: string;
  versionId?: string;
  location?: string;
  etag?: string;
}

export interface CreateOptions {
  /**
   * Search query (`identifier=system|value`, without `?`) for a conditional create: the server
   * answers 200 with the existing match instead of creating a second copy. Build it with
   * `URLSearchParams` so that `|`, `:` and `/` are percent-encoded.
   */
  ifNoneExist?: string;
  signal?: AbortSignal;
}

export interface UpdateOptions {
  /** ETag of the version we changed (`W/"3"`): a 412 then means someone else changed it. */
  ifMatch?: string;
  signal?: AbortSignal;
}

/** `Patient/1/_history/2` or a full URL ending so: the id and version it names. */
export function parseLocation(location: string | null | undefined, resourceType: string): { id?: string; versionId?: string } {
  if (!location) return {};
  const match = new RegExp(`(?:^|/)${resourceType}/([A-Za-z0-9\\-.]{1,64})(?:/_history/([A-Za-z0-9\\-.]{1,64}))?/?(?:[?#].*)?$`).exec(location);
  if (!match) return {};
  return { ...(match[1] ? { id: match[1] } : {}), ...(match[2] ? { versionId: match[2] } : {}) };
}

export class FhirApi {
  private readonly base: URL;
  private readonly doFetch: typeof fetch;

  constructor(private readonly options: FhirApiOptions) {
    this.base = new URL(options.serverUrl.endsWith('/') ? options.serverUrl : `${options.serverUrl}/`);
    this.doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  get serverUrl(): string {
    return this.base.href;
  }

  /** A URL on this server from a relative path (`Patient/1`) or an absolute one. */
  resolve(pathOrUrl: string): URL {
    return new URL(pathOrUrl, this.base);
  }

  /**
   * Some servers put another host (an internal name, http instead of https) in paging links;
   * following them would fail or leak the token. Keep the path under our base instead.
   */
  repairLink(link: string): URL {
    const url = new URL(link, this.base);
    if (url.origin === this.base.origin) return url;
    const basePath = this.base.pathname;
    const index = url.pathname.indexOf(basePath.replace(/\/$/, ''));
    const path = index >= 0 ? url.pathname.slice(index + basePath.length - 1) : url.pathname;
    const repaired = new URL(path.replace(/^\//, '') + url.search, this.base);
    return repaired;
  }

  async request(url: URL, init: RequestInit & { resourceType?: string } = {}): Promise<Response> {
    const { resourceType, ...rest } = init;
    const headers = new Headers(rest.headers);
    headers.set('Accept', 'application/fhir+json');
    const authorization = await this.options.authorization();
    if (authorization) headers.set('Authorization', authorization);
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = rest.signal ? AbortSignal.any([rest.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.doFetch(url.href, { ...rest, headers, signal });
    } catch (error) {
      if (timeout.aborted) {
        throw new FhirError(
          'timeout',
          `The EHR took too long to answer for ${readableType(resourceType)}. Try again; if it keeps happening, the EHR may be slow right now.`,
          resourceType ? { resourceType } : {},
        );
      }
      if (rest.signal?.aborted) throw error;
      throw new FhirError(
        'network',
        `CoCM Registry could not reach the EHR for ${readableType(resourceType)}. Check the connection and try again.`,
        resourceType ? { resourceType } : {},
      );
    }
    if (!response.ok) {
      const body = await response.json().catch(() => undefined);
      throw errorForStatus(response.status, resourceType, body, response.headers.get('Retry-After'));
    }
    return response;
  }

  private async json<T>(response: Response, resourceType: string | undefined): Promise<T> {
    try {
      return (await response.json()) as T;
    } catch {
      throw new FhirError('invalid-response', `The EHR sent ${readableType(resourceType)} in a form the app cannot read.`, {
        status: response.status,
        ...(resourceType ? { resourceType } : {}),
      });
    }
  }

  async read<T extends Resource>(resourceType: T['resourceType'], id: string, signal?: AbortSignal): Promise<T> {
    const response = await this.request(this.resolve(`${resourceType}/${encodeURIComponent(id)}`), { resourceType, ...(signal ? { signal } : {}) });
    const resource = await this.json<T>(response, resourceType);
    if (resource?.resourceType !== resourceType) {
      throw new FhirError('invalid-response', `The EHR answered with something other than the requested ${readableType(resourceType)}.`, { resourceType });
    }
    return resource;
  }

  /** Builds a search URL; values are percent-encoded (some proxies mangle a raw `//`). */
  searchUrl(resourceType: string, params: SearchParams): URL {
    const url = this.resolve(resourceType);
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
    }
    url.search = query.toString();
    return url;
  }

  /** Reads every page of a search (to the cap), de-duplicating entries across pages. */
  search<T extends Resource>(resourceType: T['resourceType'], params: SearchParams, options: SearchOptions<T> = {}): Promise<SearchResult<T>> {
    return this.pages<T>(resourceType, { url: this.searchUrl(resourceType, params) }, options);
  }

  /** A search whose first page came inside a batch response: that page, then its `next` links. */
  searchFrom<T extends Resource>(resourceType: T['resourceType'], firstPage: Bundle, options: SearchOptions<T> = {}): Promise<SearchResult<T>> {
    return this.pages<T>(resourceType, { page: firstPage }, options);
  }

  private async pages<T extends Resource>(resourceType: T['resourceType'], start: { url: URL } | { page: Bundle }, options: SearchOptions<T>): Promise<SearchResult<T>> {
    const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    const seen = new Set<string>();
    const resources: T[] = [];
    const included: Resource[] = [];
    const visited = new Set<string>();
    let next: URL | undefined = 'url' in start ? start.url : undefined;
    let given: Bundle | undefined = 'page' in start ? start.page : undefined;
    let pages = 0;
    while ((given || next) && pages < maxPages) {
      let bundle: Bundle;
      if (given) {
        bundle = given;
        given = undefined;
      } else {
        const url = next as URL;
        visited.add(url.href);
        const response = await this.request(url, { resourceType, ...(options.signal ? { signal: options.signal } : {}) });
        bundle = await this.json<Bundle>(response, resourceType);
      }
      if (bundle?.resourceType !== 'Bundle') {
        throw new FhirError('invalid-response', `The EHR answered a search for ${readableType(resourceType)} with something other than a result list.`, { resourceType });
      }
      pages += 1;
      const pageMatches: T[] = [];
      for (const entry of bundle.entry ?? []) {
        const resource = entry.resource;
        if (!resource) continue;
        const key = `${resource.resourceType}/${resource.id ?? entry.fullUrl ?? seen.size}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (resource.resourceType === resourceType && entry.search?.mode !== 'include') pageMatches.push(resource as T);
        else included.push(resource);
      }
      resources.push(...pageMatches);
      options.onPage?.(pageMatches);
      const nextLink: string | undefined = (bundle.link ?? []).find((l: BundleLink) => l.relation === 'next')?.url;
      next = nextLink ? this.repairLink(nextLink) : undefined;
      // A server that links a page to itself would loop forever.
      if (next && visited.has(next.href)) next = undefined;
    }
    return { resources, included, pages, truncated: next !== undefined };
  }

  /**
   * Several searches in one FHIR `batch` (POST to the base). Each entry answers on its own: one
   * settled result per search, in order, a failed entry rejected with its own status and
   * words; later pages follow each entry's `next` links. Throws when the batch as a whole
   * fails (then no entry was answered). Ask only servers whose CapabilityStatement offers it.
   */
  async batchSearch(searches: ReadonlyArray<{ resourceType: string; params: SearchParams }>, options: SearchOptions = {}): Promise<PromiseSettledResult<SearchResult<Resource>>[]> {
    const body: Bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: searches.map(({ resourceType, params }) => ({ request: { method: 'GET', url: `${resourceType}?${this.searchUrl(resourceType, params).search.slice(1)}` } })),
    };
    const response = await this.request(this.base, {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(body),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const answer = await this.json<Bundle>(response, undefined);
    const entries = answer?.resourceType === 'Bundle' && answer.type === 'batch-response' ? (answer.entry ?? []) : undefined;
    if (!entries || entries.length !== searches.length) throw new FhirError('invalid-response', 'The EHR answered several reads at once in a form the app cannot read.', {});
    return Promise.allSettled(
      searches.map(async ({ resourceType }, i) => {
        const entry = entries[i] as BundleEntry;
        const status = Number(/^\s*(\d{3})/.exec(entry.response?.status ?? '')?.[1] ?? (entry.resource ? 200 : 500));
        if (status >= 400 || !entry.resource) throw errorForStatus(status >= 400 ? status : 500, resourceType, entry.response?.outcome, null);
        return this.searchFrom(resourceType as Resource['resourceType'], entry.resource as Bundle, options);
      }),
    );
  }

  /**
   * POST a new resource. With `ifNoneExist` a retry of the same create (after a timeout, a
   * double click, a renewed token) finds the first copy instead of making a second one.
   */
  async create<T extends Resource>(resource: T, options: CreateOptions = {}): Promise<WriteResult<T>> {
    const headers = new Headers({ 'Content-Type': 'application/fhir+json', Prefer: 'return=representation' });
    if (options.ifNoneExist) headers.set('If-None-Exist', options.ifNoneExist);
    const response = await this.request(this.resolve(resource.resourceType), {
      method: 'POST',
      headers,
      body: JSON.stringify(resource),
      resourceType: resource.resourceType,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return this.writeResult(response, resource.resourceType);
  }

  /** PUT a changed resource; with `ifMatch` the server refuses (412) if it changed meanwhile. */
  async update<T extends Resource>(resource: T & { id: string }, options: UpdateOptions = {}): Promise<WriteResult<T>> {
    const headers = new Headers({ 'Content-Type': 'application/fhir+json', Prefer: 'return=representation' });
    if (options.ifMatch) headers.set('If-Match', options.ifMatch);
    const response = await this.request(this.resolve(`${resource.resourceType}/${encodeURIComponent(resource.id)}`), {
      method: 'PUT',
      headers,
      body: JSON.stringify(resource),
      resourceType: resource.resourceType,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return this.writeResult(response, resource.resourceType);
  }

  /** Servers may answer a write with the resource, an OperationOutcome or nothing at all. */
  private async writeResult<T extends Resource>(response: Response, resourceType: string): Promise<WriteResult<T>> {
    const location = response.headers.get('Location') ?? response.headers.get('Content-Location') ?? undefined;
    const etag = response.headers.get('ETag') ?? undefined;
    const text = await response.text().catch(() => '');
    let body: Resource | undefined;
    if (text.trim()) {
      try {
        body = JSON.parse(text) as Resource;
      } catch {
        body = undefined;
      }
    }
    const resource = body?.resourceType === resourceType ? (body as T) : undefined;
    const fromLocation = parseLocation(location, resourceType);
    const id = resource?.id ?? fromLocation.id;
    const versionId = resource?.meta?.versionId ?? fromLocation.versionId;
    return {
      status: response.status,
      ...(resource ? { resource } : {}),
      ...(id ? { id } : {}),
      ...(versionId ? { versionId } : {}),
      ...(location ? { location } : {}),
      ...(etag ? { etag } : {}),
    };
  }
}
