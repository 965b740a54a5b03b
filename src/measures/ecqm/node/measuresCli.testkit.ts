/** Runs the real `npm run measures` (and `npm run population`) through their tsx entries, for the tests that drive the commands end to end. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'src', 'measures', 'ecqm', 'node', 'cli.ts');
const POPULATION_CLI = join(ROOT, 'sandbox', 'population', 'cli.ts');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runTsx(script: string, args: readonly string[], timeoutMs: number): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(TSX, [script, ...args], { cwd: ROOT, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

export function runMeasuresCli(args: readonly string[], timeoutMs = 600_000): Promise<CliRun> {
  return runTsx(CLI, args, timeoutMs);
}

/** `npm run population -- ARGS`: the generator of a synthetic population as NDJSON. */
export function runPopulationCli(args: readonly string[], timeoutMs = 300_000): Promise<CliRun> {
  return runTsx(POPULATION_CLI, args, timeoutMs);
}
