import { getStatus, isOk, OperationOutcomeError, parseSearchRequest, validateResource } from '@medplum/core';
import type { FhirRequest, FhirRouter, HttpMethod } from '@medplum/fhir-router';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fhirBase } from '../auth/deps.ts';
import type { AuthStore } from '../auth/store.ts';
import { readBody } from '../http/body.ts';
import { send, sendJson, type Headers } from '../http/send.ts';
import { authenticate, scopeAccess } from './access.ts';
import { PATIENT_FIELD, PATIENT_FREE_TYPES, patientOf } from './compartment.ts';
import { FHIR_JSON, FhirHttpError, sendOutcome } from './outcome.ts';
import { createRefusal, supports, type EhrProfile } from './profiles.ts';
import type { IndexedRepository } from './repository.ts';
import { classify, type FhirRoute } from './route.ts';
import { decorateSearchBundle, prepareSearch } from './search.ts';

export interface FhirDeps {
  repo: IndexedRepository;
  router: FhirRouter;
  profile: EhrProfile;
  store: AuthStore;
}

/**
 * One FHIR request: authenticate, check the profile and the token's scopes, normalise, hand
 * to Medplum's FhirRouter, then add what the router leaves out (paging links, ETag,
 * Location, OperationOutcome bodies with the right status).
 */
export async function handleFhir(req: IncomingMessage, res: ServerResponse, url: URL, origin: string, deps: FhirDeps): Promise<void> {
  try {
    await handle(req, res, url, origin, deps);
  } catch (err) {
    if (err instanceof FhirHttpError) return sendOutcome(res, err.status, err.code, err.message, err.headers);
    if (err instanceof OperationOutcomeError) return sendOperationOutcome(res, err.outcome);
    sendOutcome(res, 500, 'exception', err instanceof Error ? err.message : 'internal error');
  }
}

function sendOperationOutcome(res: ServerResponse, oo: OperationOutcome, headers: Headers = {}): void {
  sendJson(res, getStatus(oo), oo, headers, FHIR_JSON);
}

async function handle(req: IncomingMessage, res: ServerResponse, url: URL, origin: string, deps: FhirDeps): Promise<void> {
  const segments = url.pathname
    .replace(/^\/fhir\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  const method = (req.method ?? 'GET').toUpperCase();
  const token = authenticate(req, deps.store);
  const route = classify(method, segments);
  if (!supports(deps.profile, route.type)) throw new FhirHttpError(404, 'not-supported', `resource type ${route.type} is not supported by this EHR`);
  if (!supports(deps.profile, route.type, route.interaction) || route.conditional) {
    throw new FhirHttpError(405, 'not-supported', `${route.interaction}${route.conditional ? ' (conditional)' : ''} of ${route.type} is not supported by this EHR`);
  }
  const access = scopeAccess(token, route);
  const base = fhirBase(origin);
  // Patient-level access reaches the patient's compartment and shared definitions only: a
  // Group (the program's roster) or any other type that lists patients is out of bounds.
  if (access.patient && route.type !== 'Patient' && !PATIENT_FIELD[route.type] && !PATIENT_FREE_TYPES.has(route.type)) {
    throw new FhirHttpError(403, 'forbidden', `patient-level access: ${route.type} is not part of the patient's record`);
  }

  if (route.interaction === 'search-type') {
    const input = new URLSearchParams(url.search);
    if (method === 'POST') for (const [k, v] of new URLSearchParams(await readBody(req))) input.append(k, v);
    const strict = /handling\s*=\s*strict/i.test(String(req.headers.prefer ?? ''));
    const search = prepareSearch(route.type, input, { strict, ...(access.patient ? { patient: access.patient } : {}) });
    // Patient lists (List) stay searchable without a patient: Epic offers its users' patient
    // lists this way, and they are how an app that may not search across patients finds them.
    if (!deps.profile.crossPatientSearch && PATIENT_FIELD[route.type] && route.type !== 'List' && !search.hasPatient) {
      throw new FhirHttpError(400, 'required', `A patient (or subject) search parameter is required to search ${route.type} on this EHR.`);
    }
    const query = new URLSearchParams(search.params);
    query.set('_count', String(search.count));
    query.set('_offset', String(search.offset));
    // Parsed as Medplum's router parses a search; answered with the stored versions (serialised at once, never changed).
    const bundle = deps.repo.searchForResponse(parseSearchRequest(route.type, queryRecord(query)));
    return sendJson(res, 200, decorateSearchBundle(bundle, base, route.type, search), {}, FHIR_JSON);
  }

  if (route.interaction === 'read' || route.interaction === 'vread' || route.interaction === 'history-instance') {
    if (access.patient && route.type === 'Patient' && route.id !== access.patient) {
      throw new FhirHttpError(403, 'forbidden', 'patient-level access: this is not the patient in context');
    }
    const path = `/${route.type}/${route.id}${route.interaction === 'history-instance' ? '/_history' : route.vid ? `/_history/${route.vid}` : ''}`;
    const [oo, resource] = await deps.router.handleRequest(fhirRequest('GET', path, req), deps.repo);
    if (!isOk(oo) || !resource) return sendOperationOutcome(res, oo);
    // A history is a Bundle of versions: every version must be the patient's (a resource can
    // be moved between patients by an update, and _history must not leak the old owner).
    const versions = resource.resourceType === 'Bundle' ? (resource.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])) : [resource];
    if (access.patient && PATIENT_FIELD[route.type] && versions.some((v) => patientOf(v) !== access.patient)) {
      throw new FhirHttpError(403, 'forbidden', 'patient-level access: this resource belongs to another patient');
    }
    return sendResource(res, 200, resource, base);
  }

  // Writes.
  const resource = parseJsonBody(await readBody(req), route);
  if (access.patient) checkPatientWrite(resource, access.patient, route, deps);
  if (route.interaction === 'create') {
    // The server assigns ids on create (FHIR http "create"); Medplum would keep the client's.
    delete (resource as { id?: string }).id;
    if (resource.meta) delete resource.meta.versionId;
  } else if (route.interaction === 'update' && route.id && !deps.repo.peek(route.type, route.id)) {
    throw new FhirHttpError(405, 'not-supported', `${route.type}/${route.id} does not exist and this server does not create resources on update`);
  }
  if (route.interaction === 'create' || route.interaction === 'update') validate(resource);
  if (route.interaction === 'create') {
    const refusal = createRefusal(deps.profile, resource as Parameters<typeof createRefusal>[1]);
    if (refusal) throw new FhirHttpError(422, 'business-rule', refusal);
  }
  const path = route.id ? `/${route.type}/${route.id}` : `/${route.type}`;
  const [oo, result] = await deps.router.handleRequest(fhirRequest(method as HttpMethod, path, req, resource), deps.repo);
  if (!isOk(oo)) return sendOperationOutcome(res, oo);
  if (!result) return send(res, getStatus(oo), {});
  const status = getStatus(oo);
  const minimal = /return\s*=\s*minimal/i.test(String(req.headers.prefer ?? ''));
  return sendResource(res, status, result, base, { location: status === 201, minimal });
}

/** A query as Medplum's router hands it to parseSearchRequest: one value, or all of a repeated key. */
function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const all = query.getAll(key);
    out[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return out;
}

function fhirRequest(method: HttpMethod, url: string, req: IncomingMessage, body?: unknown): FhirRequest {
  return { method, url, pathname: '', params: {}, query: {}, body, headers: req.headers };
}

function parseJsonBody(text: string, route: FhirRoute): Resource {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new FhirHttpError(400, 'structure', 'the request body is not valid JSON');
  }
  if (route.interaction === 'patch') {
    if (!Array.isArray(body)) throw new FhirHttpError(400, 'structure', 'a PATCH body must be a JSON Patch array');
    return body as unknown as Resource;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new FhirHttpError(400, 'structure', 'the request body must be a JSON object (a FHIR resource)');
  const resource = body as Resource;
  if (resource.resourceType !== route.type) {
    throw new FhirHttpError(400, 'invalid', `the body's resourceType "${String(resource.resourceType)}" does not match the URL's ${route.type}`);
  }
  if (route.interaction === 'update' && resource.id !== route.id) throw new FhirHttpError(400, 'invalid', 'the body id must match the id in the URL');
  return resource;
}

/** Structural validation against the R4 definitions: a real EHR would refuse these too. */
function validate(resource: Resource): void {
  try {
    validateResource(resource);
  } catch (err) {
    if (err instanceof OperationOutcomeError) {
      const issues = err.outcome.issue ?? [];
      throw new FhirHttpError(
        422,
        'processing',
        issues.map((i) => `${i.expression?.join(', ') ?? ''}: ${i.details?.text ?? i.diagnostics ?? ''}`.trim()).join('; ') || 'invalid resource',
      );
    }
    throw err;
  }
}

function checkPatientWrite(resource: Resource, patient: string, route: FhirRoute, deps: FhirDeps): void {
  if (route.interaction === 'patch' || !PATIENT_FIELD[route.type]) return;
  if (patientOf(resource) !== patient) throw new FhirHttpError(403, 'forbidden', 'patient-level access: the resource must belong to the patient in context');
  if (route.id) {
    const existing = deps.repo.peek(route.type, route.id);
    if (existing && patientOf(existing) !== patient) throw new FhirHttpError(403, 'forbidden', 'patient-level access: this resource belongs to another patient');
  }
}

function sendResource(res: ServerResponse, status: number, resource: Resource, base: string, options: { location?: boolean; minimal?: boolean } = {}): void {
  const headers: Headers = {};
  const version = resource.meta?.versionId;
  if (version && resource.resourceType !== 'Bundle') {
    headers.ETag = `W/"${version}"`;
    if (resource.meta?.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
    const where = `${base}/${resource.resourceType}/${resource.id}/_history/${version}`;
    if (options.location) headers.Location = where;
    headers['Content-Location'] = where;
  }
  if (options.minimal) return send(res, status, headers);
  sendJson(res, status, resource, headers, FHIR_JSON);
}
