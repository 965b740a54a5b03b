import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/body.ts';
import { sendJson } from '../http/send.ts';
import { FHIR_JSON, FhirHttpError, outcome, sendOutcome } from './outcome.ts';

/** One entry's answer, as the single request would have given it. */
export interface EntryAnswer {
  status: number;
  body: unknown;
}

/** Runs one GET as if it had come on its own (same token, same checks, same faults). */
export type EntryRunner = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/** More entries than this are refused: a batch is for a view's few searches, not a bulk read. */
const MAX_ENTRIES = 20;

const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * A FHIR `batch` (POST to the base, Bundle.type batch): every entry is a GET (search or read)
 * answered independently through the same pipeline as a request of its own, so scopes, the
 * profile, paging links and injected faults apply per entry, and one failed entry fails only
 * itself (its response carries the status and OperationOutcome). Writes inside a batch are not
 * offered: the app writes one resource at a time with conditional creates.
 */
export async function handleBatch(req: IncomingMessage, res: ServerResponse, origin: string, runEntry: EntryRunner): Promise<void> {
  try {
    await answerBatch(req, res, origin, runEntry);
  } catch (err) {
    if (err instanceof FhirHttpError) return sendOutcome(res, err.status, err.code, err.message, err.headers);
    sendOutcome(res, 500, 'exception', err instanceof Error ? err.message : 'internal error');
  }
}

async function answerBatch(req: IncomingMessage, res: ServerResponse, origin: string, runEntry: EntryRunner): Promise<void> {
  let bundle: Bundle;
  try {
    bundle = JSON.parse(await readBody(req)) as Bundle;
  } catch {
    throw new FhirHttpError(400, 'structure', 'the request body is not valid JSON');
  }
  if (bundle?.resourceType !== 'Bundle' || bundle.type !== 'batch') throw new FhirHttpError(400, 'invalid', 'POST to the base takes a Bundle of type batch');
  const entries = bundle.entry ?? [];
  if (entries.length > MAX_ENTRIES) throw new FhirHttpError(400, 'too-costly', `a batch may hold at most ${MAX_ENTRIES} entries`);
  const answers = await Promise.all(entries.map((entry) => answerEntry(req, entry, origin, runEntry)));
  const response: Bundle = {
    resourceType: 'Bundle',
    type: 'batch-response',
    entry: answers.map(({ status, body }): BundleEntry => {
      const line = `${status} ${REASONS[status] ?? ''}`.trim();
      const resource = body as Resource | undefined;
      if (status >= 400) return { response: { status: line, ...(resource?.resourceType === 'OperationOutcome' ? { outcome: resource as OperationOutcome } : {}) } };
      return { ...(resource ? { resource } : {}), response: { status: line } };
    }),
  };
  sendJson(res, 200, response, {}, FHIR_JSON);
}

async function answerEntry(req: IncomingMessage, entry: BundleEntry, origin: string, runEntry: EntryRunner): Promise<EntryAnswer> {
  const method = entry.request?.method;
  const relative = entry.request?.url?.replace(/^\//, '');
  if (method !== 'GET' || !relative) return { status: 405, body: outcome('not-supported', 'only GET entries (searches and reads) are offered in a batch') };
  const url = new URL(`/fhir/${relative}`, origin);
  const capture = new CapturedResponse(req);
  const entryReq = { method: 'GET', url: url.pathname + url.search, headers: { ...req.headers, 'accept-encoding': 'identity' } } as unknown as IncomingMessage;
  await runEntry(entryReq, capture as unknown as ServerResponse, url);
  return capture.answer();
}

/** Enough of a ServerResponse to take one entry's answer instead of sending it. */
class CapturedResponse {
  private status = 500;
  private text = '';
  private readonly headers = new Map<string, unknown>();
  readonly req: { headers: Record<string, string> } = { headers: {} };
  constructor(readonly original: IncomingMessage) {}
  setHeader(name: string, value: unknown): this {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }
  getHeader(name: string): unknown {
    return this.headers.get(name.toLowerCase());
  }
  appendHeader(name: string, value: unknown): this {
    return this.setHeader(name, value);
  }
  writeHead(status: number): this {
    this.status = status;
    return this;
  }
  end(body?: string | Buffer): this {
    this.text = body === undefined ? '' : body.toString();
    return this;
  }
  answer(): EntryAnswer {
    let body: unknown;
    try {
      body = this.text ? JSON.parse(this.text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: this.status, body };
  }
}
