import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { COMMON_HEADERS, EHR_CSP } from './securityHeaders.ts';

/**
 * Every response of the sandbox goes through `send`, so the processing-time header is set in
 * one place. The start mark is taken after any `--latency` sleep: the header reports the
 * sandbox's own work, which the app's benchmark subtracts to measure the app alone.
 */
const started = new WeakMap<ServerResponse, number>();

export const TIME_HEADER = 'X-Sandbox-Time-Ms';

export function markStart(res: ServerResponse): void {
  started.set(res, performance.now());
}

export type Headers = Record<string, string | number | string[]>;

/** Below this a gzip header costs more than it saves. */
const GZIP_MIN_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|fhir\+json|javascript|manifest\+json)|image\/svg)/;

/**
 * gzip when the client accepts it, as real EHR gateways do (FHIR JSON shrinks about tenfold).
 * `gzipped`: gives the body compressed (a static asset's, compressed once, see static.ts).
 */
function maybeGzip(res: ServerResponse, body: string | Buffer | undefined, gzipped?: () => Buffer): string | Buffer | undefined {
  if (body === undefined || body.length < GZIP_MIN_BYTES) return body;
  if (!COMPRESSIBLE.test(String(res.getHeader('Content-Type') ?? ''))) return body;
  res.appendHeader('Vary', 'Accept-Encoding');
  if (!/\bgzip\b/.test(String(res.req.headers['accept-encoding'] ?? ''))) return body;
  res.setHeader('Content-Encoding', 'gzip');
  return gzipped ? gzipped() : gzipBody(body);
}

export function gzipBody(body: string | Buffer): Buffer {
  return gzipSync(body, { level: 5 });
}

export function send(res: ServerResponse, status: number, headers: Headers, body?: string | Buffer, gzipped?: () => Buffer): void {
  const start = started.get(res);
  if (start !== undefined) res.setHeader(TIME_HEADER, (performance.now() - start).toFixed(1));
  for (const [name, value] of Object.entries({ ...COMMON_HEADERS, ...headers })) res.setHeader(name, value);
  const sent = maybeGzip(res, body, gzipped);
  if (sent !== undefined) res.setHeader('Content-Length', Buffer.byteLength(sent));
  res.writeHead(status);
  res.end(sent);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}, contentType = 'application/json'): void {
  send(res, status, { 'Content-Type': `${contentType}; charset=utf-8`, ...headers }, JSON.stringify(body));
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Headers = {}): void {
  send(res, status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': EHR_CSP, ...headers }, html);
}

export function redirect(res: ServerResponse, location: string, status = 302): void {
  send(res, status, { Location: location, 'Cache-Control': 'no-store' });
}

/**
 * The origin the client used to reach us (scheme is always http: the sandbox never serves
 * TLS). Links and the FHIR base follow the request's Host so that `localhost`, `127.0.0.1`
 * and a forwarded port each get URLs that work for them.
 */
export function requestOrigin(req: IncomingMessage): string {
  const host = req.headers.host ?? 'localhost';
  return `http://${host}`;
}
