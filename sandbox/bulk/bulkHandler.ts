/**
 * The Bulk Data endpoints: kick-off (`Group/[id]/$export`, `Patient/$export`), the job's
 * status URL (`bulkstatus/[job]`: 202 with X-Progress and Retry-After, then the manifest;
 * DELETE to cancel or clean up) and its files (`bulkfiles/[job]/[file]`). Every call needs a
 * token whose scopes read every exported type; a job's status and files are its client's only.
 */
import type { Group } from '@medplum/fhirtypes';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { allowedContext } from '../auth/scopes.ts';
import type { TokenRecord } from '../auth/store.ts';
import type { AuthStore } from '../auth/store.ts';
import { send, sendJson } from '../http/send.ts';
import { authenticate } from '../fhir/access.ts';
import { PATIENT_FIELD, patientIdFromReference } from '../fhir/compartment.ts';
import { FHIR_JSON, FhirHttpError, sendOutcome } from '../fhir/outcome.ts';
import { supports, type EhrProfile } from '../fhir/profiles.ts';
import type { IndexedRepository } from '../fhir/repository.ts';
import { jobPercent, type BulkExports } from './exportJobs.ts';

export const BULK_STATUS_PATH = '/fhir/bulkstatus/';
export const BULK_FILES_PATH = '/fhir/bulkfiles/';
const NDJSON_FORMATS = new Set(['application/fhir+ndjson', 'application/ndjson', 'ndjson']);

export interface BulkDeps {
  repo: IndexedRepository;
  profile: EhrProfile;
  store: AuthStore;
  exports: BulkExports;
  /** Seconds a client is told to wait between status polls. */
  retryAfterSeconds: number;
}

/** True when the sandbox's bulk handler answers this path. */
export function isBulkPath(path: string): boolean {
  return path.endsWith('/$export') || path.startsWith(BULK_STATUS_PATH) || path.startsWith(BULK_FILES_PATH);
}

export async function handleBulk(req: IncomingMessage, res: ServerResponse, url: URL, origin: string, deps: BulkDeps): Promise<void> {
  try {
    const token = authenticate(req, deps.store);
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    if (path.startsWith(BULK_STATUS_PATH)) return await status(res, method, decodeURIComponent(path.slice(BULK_STATUS_PATH.length)), token, origin, deps);
    if (path.startsWith(BULK_FILES_PATH)) return await file(res, method, path.slice(BULK_FILES_PATH.length).split('/').map(decodeURIComponent), token, deps);
    return await kickOff(req, res, method, url, token, deps);
  } catch (err) {
    if (err instanceof FhirHttpError) return sendOutcome(res, err.status, err.code, err.message, err.headers);
    sendOutcome(res, 500, 'exception', err instanceof Error ? err.message : 'internal error');
  }
}

/** What the export's `_type` may name: the patient compartment's types this EHR serves. */
export function exportableTypes(profile: EhrProfile): string[] {
  return ['Patient', ...Object.keys(PATIENT_FIELD), 'Coverage'].filter((t) => t !== 'List' && supports(profile, t));
}

async function kickOff(req: IncomingMessage, res: ServerResponse, method: string, url: URL, token: TokenRecord, deps: BulkDeps): Promise<void> {
  if (method !== 'GET' && method !== 'POST') throw new FhirHttpError(405, 'not-supported', `${method} is not how an export starts: use GET`);
  if (method === 'POST') throw new FhirHttpError(405, 'not-supported', 'this server takes export parameters in the query string (GET)');
  if (!/respond-async/i.test(String(req.headers.prefer ?? ''))) throw new FhirHttpError(400, 'required', 'an export needs the header "Prefer: respond-async"');
  const segments = url.pathname.replace(/^\/fhir\//, '').split('/');
  let patients: Set<string> | undefined;
  if (segments.length === 3 && segments[0] === 'Group') {
    requireRead(token, 'Group');
    const group = deps.repo.peek('Group', decodeURIComponent(segments[1]!)) as Group | undefined;
    if (!group) throw new FhirHttpError(404, 'not-found', `Group/${segments[1]} is not known`);
    patients = new Set((group.member ?? []).flatMap((m) => patientIdFromReference(m.entity?.reference) ?? []));
  } else if (!(segments.length === 2 && segments[0] === 'Patient')) {
    throw new FhirHttpError(404, 'not-supported', 'exports are offered at Group/[id]/$export and Patient/$export');
  }
  const format = url.searchParams.get('_outputFormat');
  if (format && !NDJSON_FORMATS.has(format)) throw new FhirHttpError(400, 'not-supported', `_outputFormat ${format} is not offered: use application/fhir+ndjson`);
  for (const unsupported of ['_elements', '_typeFilter', 'patient', 'includeAssociatedData']) {
    if (url.searchParams.has(unsupported)) throw new FhirHttpError(400, 'not-supported', `the export parameter ${unsupported} is not supported by this server`);
  }
  const offered = exportableTypes(deps.profile);
  const typeParam = url.searchParams
    .getAll('_type')
    .flatMap((v) => v.split(','))
    .map((t) => t.trim())
    .filter(Boolean);
  const unknown = typeParam.filter((t) => !offered.includes(t));
  if (unknown.length > 0) throw new FhirHttpError(400, 'not-supported', `_type names types this server does not export: ${unknown.join(', ')}`);
  const types = typeParam.length > 0 ? [...new Set(typeParam)] : offered;
  for (const type of types) requireRead(token, type);
  const since = url.searchParams.get('_since');
  const sinceMs = since === null ? undefined : Date.parse(since);
  if (since !== null && (!/^\d{4}-\d{2}-\d{2}T/.test(since) || !Number.isFinite(sinceMs))) throw new FhirHttpError(400, 'invalid', `_since must be a FHIR instant, got "${since}"`);
  const job = await deps.exports.start({
    request: url.toString(),
    clientId: token.clientId,
    types,
    ...(sinceMs !== undefined ? { sinceMs } : {}),
    ...(patients ? { patients } : {}),
  });
  send(
    res,
    202,
    { 'Content-Location': `${url.origin}${BULK_STATUS_PATH}${job.id}`, 'Content-Type': `${FHIR_JSON}; charset=utf-8` },
    JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: 'export started' }] }),
  );
}

function requireRead(token: TokenRecord, type: string): void {
  const context = allowedContext(token.grant.data, type, 'r');
  if (context !== 'system' && context !== 'user') {
    throw new FhirHttpError(403, 'forbidden', `the granted scopes do not allow exporting ${type} (needs system/${type}.rs or system/*.rs)`);
  }
}

function ownJob(id: string, token: TokenRecord, deps: BulkDeps) {
  const job = deps.exports.get(id);
  // Another client's job is answered exactly like a missing one: its existence is not shared.
  if (!job || job.clientId !== token.clientId) throw new FhirHttpError(404, 'not-found', 'no such export (finished and deleted, or never started)');
  return job;
}

async function status(res: ServerResponse, method: string, id: string, token: TokenRecord, origin: string, deps: BulkDeps): Promise<void> {
  const job = ownJob(id, token, deps);
  if (method === 'DELETE') {
    await deps.exports.delete(job.id);
    return send(res, 202, {});
  }
  if (method !== 'GET') throw new FhirHttpError(405, 'not-supported', 'the status URL takes GET or DELETE');
  if (job.status === 'failed') return sendOutcome(res, 500, 'exception', `the export failed: ${job.error ?? 'unknown error'}`);
  const now = Date.now();
  if (job.status === 'running' || now < job.readyAt) {
    return send(res, 202, { 'X-Progress': `in progress: ${jobPercent(job, now)}%`, 'Retry-After': String(deps.retryAfterSeconds) });
  }
  return sendJson(res, 200, {
    transactionTime: job.transactionTime,
    request: job.request,
    requiresAccessToken: true,
    output: job.files.map((f) => ({ type: f.type, url: `${origin}${BULK_FILES_PATH}${job.id}/${f.name}`, count: f.count })),
    error: [],
  });
}

async function file(res: ServerResponse, method: string, parts: string[], token: TokenRecord, deps: BulkDeps): Promise<void> {
  if (method !== 'GET') throw new FhirHttpError(405, 'not-supported', 'export files are read with GET');
  const [id = '', name = ''] = parts;
  const job = ownJob(id, token, deps);
  const entry = job.status === 'done' ? job.files.find((f) => f.name === name) : undefined;
  if (!entry || parts.length !== 2) throw new FhirHttpError(404, 'not-found', `no file ${name} in this export`);
  send(res, 200, { 'Content-Type': 'application/fhir+ndjson' }, await readFile(join(job.dir, entry.name)));
}
