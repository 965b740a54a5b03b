import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startSandbox } from '../../sandbox/server';

declare module 'vitest' {
  export interface ProvidedContext {
    origin: string;
  }
}

/** Starts the sandbox EHR (serving the production build) once for all browser test files. */
export default async function setup(project: TestProject) {
  const appDir = resolve(import.meta.dirname, '../../dist');
  if (!existsSync(resolve(appDir, 'index.html'))) {
    throw new Error('The production build is missing: run `npm run build` first (npm run test:browser does).');
  }
  const sandbox = await startSandbox({ port: 0, patients: 40, seed: 'browser-tests', appDir, quiet: true });
  project.provide('origin', sandbox.origin);
  return async () => {
    await sandbox.close();
  };
}
