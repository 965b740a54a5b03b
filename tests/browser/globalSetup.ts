import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { generatePanel } from '../../sandbox/panel/index';
import { startSandbox } from '../../sandbox/server';

declare module 'vitest' {
  export interface ProvidedContext {
    origin: string;
    /** A synthetic patient with a ten-year history (about 260 administrations per instrument). */
    longHistoryPatient: string;
  }
}

/** Starts the sandbox EHR (serving the production build) once for all browser test files. */
export default async function setup(project: TestProject) {
  const appDir = resolve(import.meta.dirname, '../../dist');
  if (!existsSync(resolve(appDir, 'index.html'))) {
    throw new Error('The production build is missing: run `npm run build` first (npm run test:browser does).');
  }
  const panel = generatePanel({ patients: 40, seed: 'browser-tests' });
  const sandbox = await startSandbox({ port: 0, resources: panel.resources, appDir, quiet: true });
  project.provide('origin', sandbox.origin);
  const longHistory = panel.summary.longHistoryPatients[0];
  if (!longHistory) throw new Error('the synthetic panel has no ten-year history');
  project.provide('longHistoryPatient', longHistory);
  return async () => {
    await sandbox.close();
  };
}
