import { FhirRouter } from '@medplum/fhir-router';
import type { Practitioner, Resource } from '@medplum/fhirtypes';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { handleAuthorize } from './auth/authorize.ts';
import { ClientRegistry, DEFAULT_CLIENTS, type ClientRegistration } from './auth/clients.ts';
import { AUTH_PATHS, fhirBase, type AuthDeps } from './auth/deps.ts';
import { createSigningKeys } from './auth/keys.ts';
import { handleDecide, handlePickPage } from './auth/picker.ts';
import { smartConfiguration } from './auth/smartConfig.ts';
import { AuthStore } from './auth/store.ts';
import { handleToken } from './auth/token.ts';
import { BackendClientRegistry, type BackendClientRegistration } from './bulk/backendClients.ts';
import { handleBulk, isBulkPath } from './bulk/bulkHandler.ts';
import { SeenJtis } from './bulk/clientAssertion.ts';
import { BulkExports } from './bulk/exportJobs.ts';
import { loadDataPath } from './data/load.ts';
import { RepositoryDirectory } from './ehr/directory.ts';
import { handleEhrLaunch } from './ehr/launch.ts';
import { renderChart, renderPatientList, renderRegistry } from './ehr/pages.ts';
import { capabilityStatement } from './fhir/capability.ts';
import { handleBatch } from './fhir/batch.ts';
import { handleFhir } from './fhir/handler.ts';
import { FHIR_JSON } from './fhir/outcome.ts';
import { getProfile, supports, type ProfileName } from './fhir/profiles.ts';
import { IndexedRepository } from './fhir/repository.ts';
import { loadFhirSchema } from './fhir/schema.ts';
import { parseForm, readBody } from './http/body.ts';
import { applyCors, preflightHeaders } from './http/cors.ts';
import { FaultPlan, parseFaultSpec, type FaultRule } from './http/faults.ts';
import { hostAllowed, hostPolicy, type HostPolicy } from './http/hosts.ts';
import { PAGE_CSS, PAGE_JS } from './http/page.ts';
import { frameAncestorsFromConfig } from './http/securityHeaders.ts';
import { markStart, redirect, requestOrigin, send, sendJson } from './http/send.ts';
import { serveStatic } from './http/static.ts';
import { generatePanel } from './panel/index.ts';
import { handlePortalPage, handlePortalSignIn, handlePortalSignOut, PORTAL_PATHS } from './portal/portal.ts';

/** The user signed in when `--data` brings no Practitioner of its own. */
export const SANDBOX_USER: Practitioner = { resourceType: 'Practitioner', id: 'sandbox-user', active: true, name: [{ use: 'official', family: 'User', given: ['Sandbox'] }] };

export interface SandboxOptions {
  /** 0 picks a free port (tests). Default 8080. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1 (the sandbox is never exposed beyond this machine). */
  host?: string;
  /** More `host:port` values to answer besides the listening address's (a forwarding proxy's). */
  allowedHosts?: string[];
  /** Origins of an app served elsewhere (a dev server) allowed to call FHIR and auth through CORS. */
  appOrigins?: string[];
  /** Injected faults (`--faults`), a spec string or parsed rules; see http/faults.ts. */
  faults?: string | FaultRule[];
  /** Seed of the fault draws; default 'faults'. */
  faultSeed?: string;
  /** Synthetic panel size; default 200. Ignored when `data` or `resources` is given. */
  patients?: number;
  /** Panel seed; the same seed (and `now`) gives the same panel. Default 'cocm'. */
  seed?: string | number;
  /** The panel's "today"; default the current day (UTC midnight) so histories look current. */
  now?: Date;
  /** FHIR JSON Bundle(s) or NDJSON, a file or a folder, loaded instead of the panel. */
  data?: string;
  /** Resources loaded instead of the panel (tests). */
  resources?: Resource[];
  profile?: ProfileName;
  /** `epic` profile: LOINC codes of Observations that count as mapped flowsheet rows. */
  flowsheetCodes?: readonly string[];
  /** Added before every response of the FHIR and authorization endpoints. */
  latencyMs?: number;
  /** Access token lifetime (expires_in); default 3600. */
  tokenLifetimeSeconds?: number;
  /** False: no refresh tokens (an EHR whose sessions end at expires_in). Default true. */
  refreshTokens?: boolean;
  /** The app's production build; default ./dist. */
  appDir?: string;
  /** Extra registered clients (the default `cocm-registry` is always registered). */
  clients?: ClientRegistration[];
  /** Backend-services clients and their public keys (`--backend-client`): Bulk Data export. */
  backendClients?: BackendClientRegistration[];
  /** The shortest time an export takes before its files are offered (so clients really poll). Default 1000. */
  bulkMinDurationMs?: number;
  /** No request log. Default true; the CLI turns logging on. */
  quiet?: boolean;
  log?: (line: string) => void;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:8080 */
  origin: string;
  /** `${origin}/fhir` */
  fhirBase: string;
  /** The FHIR store (Medplum MemoryRepository with indexes): read or seed it directly in tests. */
  store: IndexedRepository;
  auth: AuthStore;
  /** Resources loaded at start, per type. */
  counts: Record<string, number>;
  /** Milliseconds from the call to listening. */
  startupMs: number;
  /** Lost answers on demand (tests of retries). */
  faults: FaultPlan;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const started = performance.now();
  loadFhirSchema();
  const profile = getProfile(options.profile ?? 'generic', options.flowsheetCodes ? { flowsheetCodes: options.flowsheetCodes } : {});
  const repo = new IndexedRepository();
  const resources =
    options.resources ??
    (options.data
      ? await loadDataPath(options.data)
      : generatePanel({ patients: options.patients ?? 200, seed: options.seed ?? 'cocm', ...(options.now ? { now: options.now } : {}) }).resources);
  // Straight into the repository: no HTTP, no validation (generated or already-valid data).
  repo.bulkLoad(resources);
  // Loaded data may hold no practitioner; an EHR always has a signed-in user, so add one.
  if ([...repo.all('Practitioner')].length === 0) await repo.createResource(SANDBOX_USER);

  const store = new AuthStore();
  const directory = new RepositoryDirectory(repo);
  const auth: AuthDeps = {
    store,
    clients: new ClientRegistry([...DEFAULT_CLIENTS, ...(options.clients ?? [])]),
    keys: await createSigningKeys(),
    directory,
    supportsType: (type) => supports(profile, type),
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    codeLifetimeSeconds: 60,
    launchLifetimeSeconds: 600,
    refreshLifetimeSeconds: 24 * 3600,
    issueRefreshTokens: options.refreshTokens !== false,
    backend: { clients: new BackendClientRegistry(options.backendClients ?? []), jtis: new SeenJtis() },
  };
  const exports = new BulkExports(repo, { minDurationMs: options.bulkMinDurationMs ?? 1000, now: () => Date.now() });
  const router = new FhirRouter();
  const faults = new FaultPlan(typeof options.faults === 'string' ? parseFaultSpec(options.faults) : (options.faults ?? []), options.faultSeed ?? 'faults');
  const appDir = resolve(options.appDir ?? 'dist');
  const latency = Math.max(0, options.latencyMs ?? 0);
  const frameAncestors = frameAncestorsFromConfig(appDir);
  // Known once listening (port 0 picks one); no request is served before.
  let policy: HostPolicy = hostPolicy('127.0.0.1', 0);
  const log = options.quiet === false ? (options.log ?? ((line: string) => console.log(line))) : undefined;

  /** One FHIR interaction, after any injected fault (a drop only for requests of their own). */
  async function answerFhir(req: IncomingMessage, res: ServerResponse, url: URL, origin: string, mayDrop: boolean): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const fault = faults.decide(path);
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.status) {
      return sendJson(
        res,
        fault.status,
        {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: fault.status === 429 ? 'throttled' : 'transient', diagnostics: `injected fault (--faults): ${fault.status}` }],
        },
        fault.status === 429 || fault.status === 503 ? { 'Retry-After': '1' } : {},
        FHIR_JSON,
      );
    }
    if (mayDrop) faults.apply(method, path, res, fault.drop);
    if (isBulkPath(path)) return handleBulk(req, res, url, origin, { repo, profile, store, exports, retryAfterSeconds: 1 });
    return handleFhir(req, res, url, origin, { repo, router, profile, store });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Every URL the sandbox gives out is built from Host: refuse any Host it does not own.
    if (!hostAllowed(policy, req.headers.host)) {
      return send(
        res,
        421,
        { 'Content-Type': 'text/plain; charset=utf-8' },
        `This sandbox does not answer for host "${req.headers.host ?? ''}". Use ${[...policy.origins][0] ?? 'the printed URL'}.`,
      );
    }
    const origin = requestOrigin(req);
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const isFhir = path === '/fhir' || path.startsWith('/fhir/');
    const isAuth = path.startsWith('/auth/');

    if (isFhir || isAuth) {
      if (latency) await new Promise((r) => setTimeout(r, latency));
      markStart(res);
      const corsAllowed = applyCors(req, res, policy);
      if (method === 'OPTIONS') return send(res, 204, preflightHeaders(req, corsAllowed));
    }
    if (path === '/fhir/.well-known/smart-configuration' && method === 'GET') return sendJson(res, 200, smartConfiguration(origin));
    if (path === '/fhir/metadata' && method === 'GET') return sendJson(res, 200, capabilityStatement(origin, profile), {}, FHIR_JSON);
    if (isFhir) {
      // A batch's entries go through the same pipeline one by one, each drawing its own faults.
      if ((path === '/fhir' || path === '/fhir/') && method === 'POST' && profile.batch) {
        return handleBatch(req, res, origin, (entryReq, entryRes, entryUrl) => answerFhir(entryReq, entryRes, entryUrl, origin, false));
      }
      return answerFhir(req, res, url, origin, true);
    }
    if (path === AUTH_PATHS.authorize && method === 'GET') return handleAuthorize(req, res, Object.fromEntries(url.searchParams), auth);
    if (path === AUTH_PATHS.authorize && method === 'POST') return handleAuthorize(req, res, parseForm(await readBody(req)), auth);
    if (path === AUTH_PATHS.pick && method === 'GET') return handlePickPage(req, res, url.searchParams, auth);
    if (path === AUTH_PATHS.decide && method === 'POST') return handleDecide(req, res, parseForm(await readBody(req)), auth);
    if (path === AUTH_PATHS.token && method === 'POST') return handleToken(req, res, parseForm(await readBody(req)), auth);
    if (path === AUTH_PATHS.jwks && method === 'GET') return sendJson(res, 200, auth.keys.jwks);
    if (isAuth) return sendJson(res, 404, { error: 'not_found' });

    if (path === '/portal') return redirect(res, PORTAL_PATHS.home);
    if (path === PORTAL_PATHS.home && method === 'GET') return handlePortalPage(req, res, url.searchParams, auth);
    if (path === PORTAL_PATHS.signIn && method === 'POST') return handlePortalSignIn(req, res, parseForm(await readBody(req)), auth);
    if (path === PORTAL_PATHS.signOut && method === 'POST') return handlePortalSignOut(req, res, auth);
    if (path === '/ehr') return redirect(res, '/ehr/');
    if (path === '/ehr/sandbox.css' && method === 'GET') return send(res, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }, PAGE_CSS);
    if (path === '/ehr/sandbox.js' && method === 'GET') return send(res, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }, PAGE_JS);
    if (path === '/ehr/' && method === 'GET') return renderPatientList(res, url.searchParams, directory);
    if (path === '/ehr/chart' && method === 'GET') return renderChart(res, url.searchParams, directory);
    if (path === '/ehr/registry' && method === 'GET') return renderRegistry(res, url.searchParams, directory);
    if (path === '/ehr/launch' && method === 'GET') return handleEhrLaunch(req, res, url.searchParams, auth);
    if (method === 'GET' || method === 'HEAD') {
      if (await serveStatic(res, appDir, path, { frameAncestors })) return;
      if (path === '/' || path === '/index.html') {
        return send(res, 503, { 'Content-Type': 'text/plain; charset=utf-8' }, `The app's build is missing in ${appDir}: run "npm run build" (npm start does it for you).`);
      }
    }
    send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found');
  }

  const server = createServer((req, res) => {
    const t0 = performance.now();
    // Privacy: method, path without query, status and time only; never bodies or queries.
    if (log) res.on('finish', () => log(`${req.method} ${(req.url ?? '').split('?')[0]} ${res.statusCode} ${(performance.now() - t0).toFixed(0)}ms`));
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Internal error');
      else res.destroy();
      if (log) log(`error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  // Connections stay open between requests, as EHR gateways keep them (close() ends them all).
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8080, host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  policy = hostPolicy(host, port, options.allowedHosts, options.appOrigins);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const origin = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  return {
    origin,
    fhirBase: fhirBase(origin),
    store: repo,
    auth: store,
    counts: repo.counts(),
    startupMs: performance.now() - started,
    faults,
    close: async () => {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      await exports.close();
    },
  };
}
