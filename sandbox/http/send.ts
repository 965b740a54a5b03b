import type { IncomingMessage, ServerResponse } from 'node:http';

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

export function send(res: ServerResponse, status: number, headers: Headers, body?: string | Buffer): void {
  const start = started.get(res);
  if (start !== undefined) res.setHeader(TIME_HEADER, (performance.now() - start).toFixed(1));
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.writeHead(status);
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}, contentType = 'application/json'): void {
  send(res, status, { 'Content-Type': `${contentType}; charset=utf-8`, ...headers }, JSON.stringify(body));
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Headers = {}): void {
  send(res, status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers }, html);
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
