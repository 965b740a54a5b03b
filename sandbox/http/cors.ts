import type { IncomingMessage, ServerResponse } from 'node:http';
import { TIME_HEADER } from './send.ts';

/**
 * CORS for the FHIR and token endpoints. The app is normally served from the same origin, but
 * a dev server (vite on another port) or a test page is not, and a browser hides any response
 * header not listed in Expose-Headers: without it the app could not read Location or ETag.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) res.setHeader('Vary', 'Origin');
  res.setHeader(
    'Access-Control-Expose-Headers',
    ['Location', 'ETag', 'Content-Location', 'Last-Modified', 'WWW-Authenticate', TIME_HEADER].join(', '),
  );
}

export function preflightHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      req.headers['access-control-request-headers'] ??
      'Authorization, Content-Type, Accept, If-Match, If-None-Exist, If-None-Match, Prefer, X-Requested-With',
    'Access-Control-Max-Age': '600',
  };
}
