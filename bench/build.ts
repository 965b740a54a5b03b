/**
 * The production build the bench serves. It is built into a directory of the bench's own
 * (with Vite's manifest and hidden source maps, for the bundle figures) so that a bench run
 * never races another `npm run build` emptying dist/ in the same tree. Same sources, same
 * config, same output as dist/ apart from those two side files.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildApp, buildIsStale } from '../sandbox/build.ts';
import { progress } from './print.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const BENCH_APP_DIR = resolve(ROOT, 'node_modules/.cache/cocm-bench/dist');

// Written after a build made by buildApp (always NODE_ENV=production). A build without it came from
// before that was forced: `npm test`'s bench smoke run inherits vitest's NODE_ENV=test, and a Vite
// build under it ships React's development JSX runtime (the first screen measured 280 KB, not 200).
const PRODUCTION_STAMP = resolve(BENCH_APP_DIR, 'production-build');

/** Builds when the bench's build is missing, older than a source or not a production build; returns its directory. */
export function ensureBuild(): string {
  if (!buildIsStale(ROOT, BENCH_APP_DIR) && existsSync(PRODUCTION_STAMP)) return BENCH_APP_DIR;
  progress(`building the app into ${BENCH_APP_DIR}`);
  // stdout carries the figures: the build's own output goes to stderr.
  const built = buildApp(ROOT, ['--outDir', BENCH_APP_DIR, '--emptyOutDir', '--manifest', '--sourcemap', 'hidden', '--logLevel', 'warn'], ['ignore', 2, 2]);
  if (!built) throw new Error('vite build failed; see the output above');
  writeFileSync(PRODUCTION_STAMP, 'NODE_ENV=production\n');
  return BENCH_APP_DIR;
}
