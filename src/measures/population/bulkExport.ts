/**
 * FHIR Bulk Data export, client side (Bulk Data Access 2.0): check the server offers
 * `$export`, kick off (Group or Patient level, `_type`, `_since`), poll the status URL as the
 * server asks (Retry-After, X-Progress), download every NDJSON file with retries, then delete
 * the export. A state file in the output folder makes an interrupted run resume: the same
 * export is polled again and files already downloaded are not fetched twice.
 *
 * Written against the spec rather than with a library: the maintained client
 * (smart-on-fhir/bulk-data-client) is a command-line application, not an importable module,
 * and the part we need is small.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BackendAuth } from './backendAuth';
import { BulkError } from './bulkError';

export interface ExportOptions {
  fhirBase: string;
  /** Group export when given; Patient-level export (every patient) otherwise. */
  group?: string;
  types: readonly string[];
  /** FHIR instant: only resources changed since. */
  since?: string;
  outDir: string;
  auth: BackendAuth;
  onProgress?: (event: ExportProgress) => void;
  /** Upper bound on a single wait between polls (ms); the server's Retry-After is used below it. */
  maxPollWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type ExportProgress =
  | { stage: 'kick-off'; statusUrl: string; resumed: boolean }
  | { stage: 'waiting'; progress: string | undefined; polls: number }
  | { stage: 'download'; done: number; total: number; file: string }
  | { stage: 'done'; files: number; resources: number };

export interface ManifestOutput {
  type: string;
  url: string;
  count?: number;
}

export interface ExportResult {
  transactionTime: string;
  /** Downloaded files, in manifest order. */
  files: { type: string; path: string; count: number | undefined }[];
  /** True when a previous run's export was picked up again. */
  resumed: boolean;
}

interface ExportState {
  kickOff: string;
  statusUrl: string;
  manifest?: { transactionTime: string; output: ManifestOutput[] };
  downloaded: string[];
  /** Set when every file arrived: the next run starts a new export (fresh data). */
  complete?: boolean;
}

/** Beside the files, but not a .json the data loader would read as FHIR. */
const STATE_FILE = '.export-state';

export function kickOffUrl(options: Pick<ExportOptions, 'fhirBase' | 'group' | 'types' | 'since'>): string {
  const base = options.fhirBase.replace(/\/+$/, '');
  const url = new URL(options.group ? `${base}/Group/${encodeURIComponent(options.group)}/$export` : `${base}/Patient/$export`);
  url.searchParams.set('_outputFormat', 'application/fhir+ndjson');
  if (options.types.length > 0) url.searchParams.set('_type', options.types.join(','));
  if (options.since) url.searchParams.set('_since', options.since);
  return url.toString();
}

/** The wait between polls and retries: the options' (tests) or a timer. */
function sleepOf(options: Pick<ExportOptions, 'sleep'>): (ms: number) => Promise<void> {
  return options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
}

export async function exportToFolder(options: ExportOptions): Promise<ExportResult> {
  const sleep = sleepOf(options);
  await mkdir(options.outDir, { recursive: true });
  const kickOff = kickOffUrl(options);
  const statePath = join(options.outDir, STATE_FILE);
  let state = await readState(statePath, kickOff);
  const resumed = state !== undefined;
  if (!state) {
    await requireBulkSupport(options);
    const response = await call(options, kickOff, { headers: { Accept: 'application/fhir+json', Prefer: 'respond-async' } });
    const statusUrl = response.headers.get('content-location');
    if (response.status !== 202 || !statusUrl) throw new BulkError(`the export kick-off ${kickOff} answered ${response.status} without a status URL: ${await outcomeText(response)}`);
    state = { kickOff, statusUrl, downloaded: [] };
    await writeState(statePath, state);
  }
  options.onProgress?.({ stage: 'kick-off', statusUrl: state.statusUrl, resumed });

  if (!state.manifest) {
    for (let polls = 1; ; polls++) {
      const response = await call(options, state.statusUrl, { headers: { Accept: 'application/json' } }, { notFoundIsAnswer: true });
      if (response.status === 200) {
        const manifest = (await response.json()) as { transactionTime?: string; output?: ManifestOutput[]; error?: ManifestOutput[] };
        if (!Array.isArray(manifest.output)) throw new BulkError(`the export's manifest at ${state.statusUrl} has no output list`);
        state.manifest = { transactionTime: manifest.transactionTime ?? '', output: manifest.output };
        await writeState(statePath, state);
        break;
      }
      if (response.status === 404 && resumed) {
        // The server forgot the export (expired or deleted): start again from nothing.
        await forget(options.outDir, statePath, state);
        return exportToFolder(options);
      }
      if (response.status !== 202) throw new BulkError(`the export's status URL answered ${response.status}: ${await outcomeText(response)}`);
      options.onProgress?.({ stage: 'waiting', progress: response.headers.get('x-progress') ?? undefined, polls });
      await sleep(waitOf(response.headers.get('retry-after'), options.maxPollWaitMs ?? 60_000));
    }
  }

  const outputs = state.manifest.output;
  const files: ExportResult['files'] = [];
  for (const [i, output] of outputs.entries()) {
    const name = `${String(i + 1).padStart(4, '0')}.${output.type.replace(/[^A-Za-z]/g, '')}.ndjson`;
    const path = join(options.outDir, name);
    if (!state.downloaded.includes(name) || !existsSync(path)) {
      const response = await call(options, output.url, { headers: { Accept: 'application/fhir+ndjson' } }, { notFoundIsAnswer: resumed });
      if (response.status === 404 && resumed) {
        // The server no longer has the export this run began: begin again, never mixing two exports' files.
        await forget(options.outDir, statePath, state);
        return exportToFolder(options);
      }
      if (response.status !== 200) throw new BulkError(`downloading ${output.url} answered ${response.status}: ${await outcomeText(response)}`);
      // Streamed to disk: a file of a large population never sits in memory whole.
      if (!response.body) throw new BulkError(`downloading ${output.url} gave no body`);
      await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(`${path}.part`));
      await rename(`${path}.part`, path);
      state.downloaded.push(name);
      await writeState(statePath, state);
    }
    files.push({ type: output.type, path, count: output.count });
    options.onProgress?.({ stage: 'download', done: i + 1, total: outputs.length, file: name });
  }
  state.complete = true;
  await writeState(statePath, state);
  // Done with the server's copy: say so, so it can free the files (failure here is harmless).
  await call(options, state.statusUrl, { method: 'DELETE' }, { notFoundIsAnswer: true }).catch(() => undefined);
  options.onProgress?.({ stage: 'done', files: files.length, resources: files.reduce((n, f) => n + (f.count ?? 0), 0) });
  return { transactionTime: state.manifest.transactionTime, files, resumed };
}

async function requireBulkSupport(options: ExportOptions): Promise<void> {
  const url = `${options.fhirBase.replace(/\/+$/, '')}/metadata`;
  const response = await call(options, url, { headers: { Accept: 'application/fhir+json' } }, { anonymous: true, notFoundIsAnswer: true });
  if (response.status !== 200) throw new BulkError(`${url} answered ${response.status}: is ${options.fhirBase} a FHIR server's base URL?`);
  const cs = (await response.json().catch(() => ({}))) as { rest?: { operation?: { name?: string }[]; resource?: { type?: string; operation?: { name?: string }[] }[] }[] };
  const level = options.group ? 'Group' : 'Patient';
  const offered = (cs.rest ?? []).some(
    (rest) => (rest.operation ?? []).some((o) => o.name === 'export') || (rest.resource ?? []).some((r) => r.type === level && (r.operation ?? []).some((o) => o.name === 'export')),
  );
  if (!offered) {
    throw new BulkError(
      `the server at ${options.fhirBase} does not offer Bulk Data export (its CapabilityStatement lists no ${level}/$export). Ask the EHR team to enable Bulk Data for backend clients, or export the data another way and use --data`,
    );
  }
}

/** One request with the token, retried on network errors, 429 and 5xx (as the server's Retry-After asks), and once with a new token after a 401. */
async function call(options: ExportOptions, url: string, init: RequestInit, how: { notFoundIsAnswer?: boolean; anonymous?: boolean } = {}): Promise<Response> {
  const sleep = sleepOf(options);
  let renewed = false;
  for (let attempt = 1; ; attempt++) {
    const headers = new Headers(init.headers);
    if (!how.anonymous) headers.set('Authorization', `Bearer ${await options.auth.token()}`);
    let response: Response;
    try {
      response = await fetch(url, { ...init, headers });
    } catch (error) {
      if (attempt >= 4) throw new BulkError(`cannot reach ${url} after ${attempt} tries (${error instanceof Error ? error.message : String(error)}); check the network and run again: finished files are kept`);
      await sleep(1000 * attempt);
      continue;
    }
    if (response.status === 401 && !how.anonymous && !renewed) {
      renewed = true;
      options.auth.invalidate();
      continue;
    }
    if ((response.status === 429 || response.status >= 500) && attempt < 4) {
      await sleep(waitOf(response.headers.get('retry-after'), 30_000, 1000 * attempt));
      continue;
    }
    if (response.status === 401 || response.status === 403) throw new BulkError(`${url} refused the token (${response.status}): ${await outcomeText(response)}`);
    if (response.status >= 400 && !(response.status === 404 && how.notFoundIsAnswer)) {
      throw new BulkError(`${url} answered ${response.status}: ${await outcomeText(response)}`);
    }
    return response;
  }
}

function waitOf(retryAfter: string | null, maxMs: number, fallbackMs = 1000): number {
  if (retryAfter === null) return fallbackMs;
  const seconds = Number(retryAfter);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
  return Math.min(maxMs, Math.max(100, Number.isFinite(ms) ? ms : fallbackMs));
}

async function outcomeText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const oo = JSON.parse(text) as { issue?: { diagnostics?: string; details?: { text?: string } }[] };
    const words = (oo.issue ?? []).map((i) => i.diagnostics ?? i.details?.text).filter(Boolean);
    if (words.length > 0) return words.join('; ');
  } catch {
    // Not an OperationOutcome.
  }
  return text.slice(0, 200) || 'no details';
}

async function readState(path: string, kickOff: string): Promise<ExportState | undefined> {
  if (!existsSync(path)) return undefined;
  try {
    const state = JSON.parse(await readFile(path, 'utf8')) as ExportState;
    return state.kickOff === kickOff && !state.complete && typeof state.statusUrl === 'string' && Array.isArray(state.downloaded) ? state : undefined;
  } catch {
    return undefined;
  }
}

async function forget(outDir: string, statePath: string, state: ExportState): Promise<void> {
  for (const name of state.downloaded) await rm(join(outDir, name), { force: true });
  await rm(statePath, { force: true });
}

async function writeState(path: string, state: ExportState): Promise<void> {
  await writeFile(`${path}.part`, JSON.stringify(state, null, 2));
  await rename(`${path}.part`, path);
}
