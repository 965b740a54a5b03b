import { spawnSync, type StdioOptions } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Inputs of the app's build: when any is newer than dist/index.html, the build is stale. */
const INPUTS = ['src', 'index.html', 'launch.html', 'public', 'vite.config.ts'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function buildIsStale(root: string, appDir: string): boolean {
  const index = join(appDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return INPUTS.some((input) => newestMtime(join(root, input)) > built);
}

/**
 * Runs `npx vite build` in `root` (with `args` after it) as a production build whatever NODE_ENV
 * the caller has: under vitest's NODE_ENV=test, Vite ships React's development JSX runtime.
 * `stdio` as spawnSync's (the bench keeps stdout for its figures). False when it failed.
 */
export function buildApp(root: string, args: readonly string[] = [], stdio: StdioOptions = 'inherit'): boolean {
  const result = spawnSync('npx', ['vite', 'build', ...args], { cwd: root, stdio, env: { ...process.env, NODE_ENV: 'production' } });
  return result.status === 0;
}
