import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { appCsp, newNonce, NONCE_PLACEHOLDER } from './securityHeaders.ts';
import { gzipBody, send } from './send.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Hashed assets as read and compressed once, while their file is unchanged: a CDN or gateway
 * serves them precompressed, and compressing the app's chunks again for every fresh browser
 * (each bench run, each test) took the sandbox's CPU from the browser on a small machine.
 */
const assets = new Map<string, { mtimeMs: number; size: number; body: Buffer; gzipped: () => Buffer }>();

async function assetOf(file: string, info: { mtimeMs: number; size: number }) {
  const kept = assets.get(file);
  if (kept && kept.mtimeMs === info.mtimeMs && kept.size === info.size) return kept;
  const body = await readFile(file);
  let compressed: Buffer | undefined;
  // Compressed when first asked for (send compresses only what the client accepts and is text).
  const asset = { mtimeMs: info.mtimeMs, size: info.size, body, gzipped: () => (compressed ??= gzipBody(body)) };
  assets.set(file, asset);
  return asset;
}

/**
 * Serves the app's production build. Returns false when no file matches so the caller can
 * answer 404. Paths are normalised and must stay inside `root` (no `..` escapes).
 */
export async function serveStatic(
  res: ServerResponse,
  root: string,
  pathname: string,
  options: { frameAncestors: readonly string[] } = { frameAncestors: ["'self'"] },
): Promise<boolean> {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = normalize(join(root, rel));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return false;
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    // Hashed assets may be cached; HTML and config.json must be re-read on every launch.
    const hashed = rel.startsWith('/assets/');
    const cache = hashed ? 'public, max-age=31536000, immutable' : 'no-cache';
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (hashed) {
      const asset = await assetOf(file, info);
      send(res, 200, { 'Content-Type': type, 'Cache-Control': cache }, asset.body, asset.gzipped);
      return true;
    }
    const body = await readFile(file);
    if (extname(file).toLowerCase() === '.html') {
      // A fresh nonce per response for the style elements emotion inserts (securityHeaders.ts).
      const nonce = newNonce();
      const html = body.toString('utf8').replaceAll(NONCE_PLACEHOLDER, nonce);
      send(res, 200, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Content-Security-Policy': appCsp(nonce, options.frameAncestors) }, html);
      return true;
    }
    send(res, 200, { 'Content-Type': type, 'Cache-Control': cache }, body);
    return true;
  } catch {
    return false;
  }
}
