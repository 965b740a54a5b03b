/**
 * The production build the bench serves. It is built into a directory of the bench's own
 * (with Vite's manifest and hidden source maps, for the bundle figures) so that a bench run
 * never races another `npm run build` emptying dist/ in the same tree. Same sources, same
 * config, same output as dist/ apart from those two side files.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { buildIsStale } from '../sandbox/build.ts';
import { progress } from './print.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const BENCH_APP_DIR = resolve(ROOT, 'node_modules/.cache/cocm-bench/dist');

/** Builds when the bench's build is missing or older than a source; returns its directory. */
export function ensureBuild(): string {
  if (!buildIsStale(ROOT, BENCH_APP_DIR)) return BENCH_APP_DIR;
  progress(`building the app into ${BENCH_APP_DIR}`);
  const result = spawnSync('npx', ['vite', 'build', '--outDir', BENCH_APP_DIR, '--emptyOutDir', '--manifest', '--sourcemap', 'hidden', '--logLevel', 'warn'], {
    cwd: ROOT,
    // stdout carries the figures: the build's own output goes to stderr.
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) throw new Error('vite build failed; see the output above');
  return BENCH_APP_DIR;
}
