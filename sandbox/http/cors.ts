import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostPolicy } from './hosts.ts';
import { TIME_HEADER } from './send.ts';

/**
 * CORS for the FHIR and token endpoints, for the app's own origins only (see hosts.ts). The
 * app is normally served from the same origin, but a dev server (vite on another port) is
 * not, and a browser hides any response header not listed in Expose-Headers: without it the
 * app could not read Location or ETag. Any other origin gets no CORS headers at all, so a
 * page elsewhere cannot read an answer even with a stolen token.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, policy: HostPolicy): boolean {
  res.setHeader('Vary', 'Origin');
  const origin = req.headers.origin;
  if (!origin || !policy.origins.has(origin)) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', ['Location', 'ETag', 'Content-Location', 'Last-Modified', 'WWW-Authenticate', TIME_HEADER].join(', '));
  return true;
}

export function preflightHeaders(req: IncomingMessage, allowed: boolean): Record<string, string> {
  if (!allowed) return {};
  return {
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type, Accept, If-Match, If-None-Exist, If-None-Match, Prefer, X-Requested-With',
    'Access-Control-Max-Age': '600',
  };
}
