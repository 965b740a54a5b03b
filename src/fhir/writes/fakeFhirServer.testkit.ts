/**
 * Test helper: a small in-memory FHIR server as msw handlers, with the faults the write path
 * must survive: a create that is stored but whose answer never arrives, refusals by status,
 * and a server that ignores If-None-Exist. Never imported by the app.
 */
import type { Resource } from '@medplum/fhirtypes';
import { http, HttpResponse } from 'msw';

export interface FakeServerOptions {
  base: string;
  /** Honour If-None-Exist (default true). */
  conditionalCreate?: boolean;
}

type Fault = { kind: 'drop-after-store' } | { kind: 'status'; status: number } | { kind: 'network' };

export class FakeFhirServer {
  readonly store = new Map<string, Resource[]>();
  readonly requests: Array<{ method: string; url: string; ifNoneExist: string | null; ifMatch?: string | null }> = [];
  private faults = new Map<string, Fault[]>();
  private nextId = 1;

  constructor(private readonly options: FakeServerOptions) {}

  /** Queue faults for the next creates of a type (one per create; the last one repeats if `sticky`). */
  fail(resourceType: string, ...faults: Fault[]): void {
    this.faults.set(resourceType, [...(this.faults.get(resourceType) ?? []), ...faults]);
  }

  refuse(resourceType: string, status: number, times = 100): void {
    this.fail(resourceType, ...Array.from({ length: times }, () => ({ kind: 'status' as const, status })));
  }

  clearFaults(): void {
    this.faults.clear();
  }

  all(resourceType: string): Resource[] {
    return this.store.get(resourceType) ?? [];
  }

  seed(resource: Resource): void {
    const id = resource.id ?? `seed${this.nextId++}`;
    this.store.set(resource.resourceType, [...this.all(resource.resourceType), { ...resource, id }]);
  }

  private matchesIdentifier(resource: Resource, param: string): boolean {
    const [system, value] = param.split('|');
    const ids = (resource as { identifier?: unknown }).identifier;
    const list = (Array.isArray(ids) ? ids : ids ? [ids] : []) as Array<{ system?: string; value?: string }>;
    return list.some((i) => i.system === system && i.value === value);
  }

  private search(type: string, params: URLSearchParams): Resource[] {
    return this.all(type).filter((r) => {
      const identifier = params.get('identifier');
      if (identifier && !this.matchesIdentifier(r, identifier)) return false;
      const patient = params.get('patient');
      if (patient) {
        const subject = (r as { subject?: { reference?: string } }).subject?.reference;
        if (subject !== `Patient/${patient}` && subject !== patient) return false;
      }
      return true;
    });
  }

  handlers() {
    const base = this.options.base;
    return [
      http.get(`${base}/:type/:id`, ({ request, params }) => {
        this.requests.push({ method: 'GET', url: request.url, ifNoneExist: null });
        const found = this.all(String(params.type)).find((r) => r.id === String(params.id));
        return found ? HttpResponse.json(found) : HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] }, { status: 404 });
      }),
      http.get(`${base}/:type`, ({ request, params }) => {
        const type = String(params.type);
        this.requests.push({ method: 'GET', url: request.url, ifNoneExist: null });
        const found = this.search(type, new URL(request.url).searchParams);
        return HttpResponse.json({ resourceType: 'Bundle', type: 'searchset', entry: found.map((resource) => ({ resource, search: { mode: 'match' } })) });
      }),
      // An update honours If-Match: a stale version answers 412, as FHIR servers do.
      http.put(`${base}/:type/:id`, async ({ request, params }) => {
        const type = String(params.type);
        this.requests.push({ method: 'PUT', url: request.url, ifNoneExist: null, ifMatch: request.headers.get('if-match') });
        const fault = this.faults.get(type)?.shift();
        if (fault?.kind === 'status') return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] }, { status: fault.status });
        const current = this.all(type).find((r) => r.id === String(params.id));
        const ifMatch = request.headers.get('if-match');
        if (current && ifMatch && ifMatch !== `W/"${current.meta?.versionId ?? '1'}"`) return new HttpResponse(null, { status: 412 });
        const body = (await request.json()) as Resource;
        const version = String(Number(current?.meta?.versionId ?? '0') + 1);
        const stored = { ...body, id: String(params.id), meta: { ...body.meta, versionId: version } } as Resource;
        this.store.set(type, [...this.all(type).filter((r) => r.id !== stored.id), stored]);
        return HttpResponse.json(stored, { status: current ? 200 : 201, headers: { ETag: `W/"${version}"` } });
      }),
      http.post(`${base}/:type`, async ({ request, params }) => {
        const type = String(params.type);
        const ifNoneExist = request.headers.get('if-none-exist');
        this.requests.push({ method: 'POST', url: request.url, ifNoneExist });
        const fault = this.faults.get(type)?.shift();
        if (fault?.kind === 'status') {
          return HttpResponse.json(
            { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', diagnostics: `refused ${fault.status}` }] },
            { status: fault.status },
          );
        }
        if (fault?.kind === 'network') return HttpResponse.error();
        // Read the body before matching, so that match-and-store happen without a pause between.
        const body = (await request.json()) as Resource;
        if (ifNoneExist && this.options.conditionalCreate !== false) {
          const matches = this.search(type, new URLSearchParams(ifNoneExist));
          if (matches.length > 1) return new HttpResponse(null, { status: 412 });
          if (matches[0]) return HttpResponse.json(matches[0], { status: 200 });
        }
        const stored = { ...body, id: `${type.toLowerCase()}-${this.nextId++}`, meta: { versionId: '1' } } as Resource;
        this.store.set(type, [...this.all(type), stored]);
        if (fault?.kind === 'drop-after-store') return HttpResponse.error();
        return HttpResponse.json(stored, { status: 201, headers: { Location: `${base}/${type}/${stored.id}/_history/1`, ETag: 'W/"1"' } });
      }),
    ];
  }
}
