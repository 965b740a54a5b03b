import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The security headers the sandbox sends, and so the policy a deployment of the app should
 * copy (README, "Deploying into an EHR"; docs/security.md).
 *
 * The app (index.html, launch.html) gets a strict Content-Security-Policy: scripts only from
 * the app's own origin (no inline script, no eval), styles from the app's origin plus the
 * `<style>` elements MUI's emotion inserts, which carry a nonce fresh for every response (the
 * build puts a placeholder nonce in the HTML, see vite.config.ts, and the server replaces it);
 * `connect-src` the app's own origin (the sandbox's FHIR and token endpoints live there);
 * `frame-ancestors` the EHR hosts listed in config.json's `frameAncestors`.
 * The sandbox EHR pages get the same strictness with their own files and no nonce at all.
 */

/** What the build writes where the per-response nonce goes (vite.config.ts `html.cspNonce`). */
export const NONCE_PLACEHOLDER = 'CSP_NONCE_PLACEHOLDER';

export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/** config.json's `frameAncestors` (CSP sources), or `'self'` when absent or unreadable. */
export function frameAncestorsFromConfig(appDir: string): string[] {
  try {
    const config = JSON.parse(readFileSync(join(appDir, 'config.json'), 'utf8')) as { frameAncestors?: unknown };
    const list = config.frameAncestors;
    if (Array.isArray(list) && list.length && list.every((s) => typeof s === 'string' && /^[^\s;,]+$/.test(s))) return list as string[];
  } catch {
    // No build or no config: the safe default below.
  }
  return ["'self'"];
}

export function appCsp(nonce: string, frameAncestors: readonly string[], connectSrc: readonly string[] = ["'self'"]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connectSrc.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
}

/** The sandbox EHR's own pages: their CSS and script are files; they frame only the app. */
export const EHR_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
