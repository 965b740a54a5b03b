/**
 * `npm start`: builds the app when its build is missing or stale, then serves it with the
 * sandbox EHR on one port and prints the URLs.
 */
import { resolve } from 'node:path';
import { buildApp, buildIsStale } from './build.ts';
import { CliError, parseCliArgs, USAGE } from './cliArgs.ts';
import { DataLoadError } from './data/load.ts';
import { backendClientFromArg } from './bulk/backendClients.ts';
import { startSandbox } from './server.ts';

async function main(): Promise<number> {
  const t0 = performance.now();
  let opts;
  try {
    opts = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`sandbox: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const root = resolve(import.meta.dirname, '..');
  const appDir = resolve(root, 'dist');
  if (buildIsStale(root, appDir)) {
    console.log('Building the app (npx vite build), because dist/ is missing or older than its sources…');
    if (!buildApp(root)) {
      console.error('sandbox: the app build failed (see above)');
      return 1;
    }
  }
  let sandbox;
  try {
    const backendClients = await Promise.all(opts.backendClients.map((arg) => backendClientFromArg(arg)));
    sandbox = await startSandbox({
      backendClients,
      port: opts.port,
      patients: opts.patients,
      seed: opts.seed,
      ...(opts.data ? { data: resolve(opts.data) } : {}),
      profile: opts.profile,
      ...(opts.flowsheetCodes ? { flowsheetCodes: opts.flowsheetCodes } : {}),
      latencyMs: opts.latencyMs,
      tokenLifetimeSeconds: opts.tokenLifetimeSeconds,
      host: opts.host,
      appOrigins: opts.appOrigins,
      ...(opts.faults ? { faults: opts.faults } : {}),
      ...(opts.faultSeed ? { faultSeed: opts.faultSeed } : {}),
      appDir,
      quiet: opts.quiet,
    });
  } catch (err) {
    if (err instanceof DataLoadError) {
      console.error(`sandbox: cannot load --data: ${err.message}`);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`sandbox: port ${opts.port} is in use; choose another with --port`);
      return 1;
    }
    throw err;
  }
  // Browsers treat localhost as a secure context (PKCE needs crypto.subtle) and resolve it to 127.0.0.1.
  const shown = sandbox.origin.replace('127.0.0.1', 'localhost');
  if (opts.faults) {
    const report = setInterval(() => {
      if (sandbox.faults.total) console.log(`faults injected so far: ${JSON.stringify(sandbox.faults.injected)}`);
    }, 30_000);
    report.unref();
  }
  const patients = sandbox.counts.Patient ?? 0;
  const total = Object.values(sandbox.counts).reduce((s, n) => s + n, 0);
  console.log(`
Sandbox EHR ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${patients} patients, ${total} resources, profile ${opts.profile}${opts.data ? `, data from ${opts.data}` : `, seed "${opts.seed}"`}${opts.latencyMs ? `, latency ${opts.latencyMs} ms` : ''}${opts.faults ? `, faults ${opts.faults}` : ''}
  EHR (patient list):   ${shown}/ehr/
  Registry, no patient: ${shown}/ehr/registry
  FHIR base (iss):      ${shown}/fhir
${opts.backendClients.length ? `  Bulk Data export:     ${shown}/fhir/Group/[id]/$export, ${shown}/fhir/Patient/$export (backend clients: ${opts.backendClients.map((c) => c.split('=')[0]).join(', ')})\n` : ''}  App:                  ${shown}/
Press Ctrl+C to stop.`);
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error('sandbox:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
