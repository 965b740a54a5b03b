/** Runs the real `npm run measures` (its tsx entry) for the tests that drive the command end to end. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'src', 'measures', 'ecqm', 'node', 'cli.ts');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runMeasuresCli(args: readonly string[], timeoutMs = 600_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(TSX, [CLI, ...args], { cwd: ROOT, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
