import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../server.ts';
import { authorize, bearer, CLIENT_ID, ehrLaunch, exchange, launchAndToken, pkcePair } from '../testing/smart.ts';

let sb: Sandbox;
let patientId: string;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, patients: 6, seed: 'auth-tests', now: new Date('2025-06-01T00:00:00Z'), appDir: '/nonexistent' });
  patientId = [...sb.store.all('Patient')][0]!.id;
});
afterAll(() => sb.close());

describe('discovery', () => {
  it('serves smart-configuration with S256 only and the SMART capabilities', async () => {
    const res = await fetch(`${sb.fhirBase}/.well-known/smart-configuration`);
    expect(res.status).toBe(200);
    const cfg = (await res.json()) as Record<string, unknown>;
    expect(cfg.issuer).toBe(sb.fhirBase);
    expect(cfg.authorization_endpoint).toBe(`${sb.origin}/auth/authorize`);
    expect(cfg.token_endpoint).toBe(`${sb.origin}/auth/token`);
    expect(cfg.code_challenge_methods_supported).toEqual(['S256']);
    expect(cfg.capabilities).toEqual(
      expect.arrayContaining(['launch-ehr', 'launch-standalone', 'client-public', 'context-ehr-patient', 'permission-v1', 'permission-v2', 'sso-openid-connect']),
    );
    const jwks = (await (await fetch(cfg.jwks_uri as string)).json()) as { keys: { kty: string }[] };
    expect(jwks.keys[0]?.kty).toBe('RSA');
  });

  it('serves a CapabilityStatement with the oauth-uris extension and per-type interactions', async () => {
    const res = await fetch(`${sb.fhirBase}/metadata`);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
    const cs = (await res.json()) as {
      fhirVersion: string;
      rest: { security: { extension: { url: string; extension: { url: string; valueUri: string }[] }[] }; resource: { type: string; interaction: { code: string }[] }[] }[];
    };
    expect(cs.fhirVersion).toBe('4.0.1');
    const ext = cs.rest[0]!.security.extension.find((e) => e.url.endsWith('oauth-uris'))!;
    expect(ext.extension).toEqual(
      expect.arrayContaining([
        { url: 'authorize', valueUri: `${sb.origin}/auth/authorize` },
        { url: 'token', valueUri: `${sb.origin}/auth/token` },
      ]),
    );
    const codes = (type: string): string[] => cs.rest[0]!.resource.find((r) => r.type === type)!.interaction.map((i) => i.code);
    expect(codes('Patient')).not.toContain('create');
    expect(codes('Observation')).toEqual(expect.arrayContaining(['read', 'search-type', 'create', 'update']));
  });
});

describe('EHR launch code flow', () => {
  it('authorize -> code -> token -> FHIR read, with patient context and a verifiable id_token', async () => {
    const { iss, launch } = await ehrLaunch(sb.origin, { patient: patientId });
    expect(iss).toBe(sb.fhirBase);
    const pkce = pkcePair();
    const auth = await authorize(sb.origin, pkce, { launch, state: 'abc' });
    expect(auth.status).toBe(302);
    expect(auth.location?.origin + auth.location!.pathname).toBe(`${sb.origin}/index.html`);
    expect(auth.location?.searchParams.get('state')).toBe('abc');
    const code = auth.location!.searchParams.get('code')!;
    const token = await exchange(sb.origin, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${sb.origin}/index.html`,
      client_id: CLIENT_ID,
      code_verifier: pkce.verifier,
    });
    expect(token.status).toBe(200);
    expect(token.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600, patient: patientId, need_patient_banner: true });
    expect(String(token.json.scope).split(' ')).toEqual(expect.arrayContaining(['launch', 'openid', 'fhirUser', 'online_access', 'user/*.cruds']));
    expect(token.json.refresh_token).toBeTruthy();
    const jwks = createRemoteJWKSet(new URL(`${sb.origin}/auth/jwks`));
    const { payload } = await jwtVerify(String(token.json.id_token), jwks, { issuer: sb.fhirBase, audience: CLIENT_ID });
    expect(String(payload.fhirUser)).toMatch(/Practitioner\/prac-\d$/);
    const read = await fetch(`${sb.fhirBase}/Patient/${patientId}`, { headers: bearer(String(token.json.access_token)) });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { id: string }).id).toBe(patientId);
  });

  it('refuses a reused code, a wrong verifier and a wrong redirect_uri at the token endpoint', async () => {
    const { launch } = await ehrLaunch(sb.origin, { patient: patientId });
    const pkce = pkcePair();
    const code = (await authorize(sb.origin, pkce, { launch })).location!.searchParams.get('code')!;
    const form = { grant_type: 'authorization_code', code, redirect_uri: `${sb.origin}/index.html`, client_id: CLIENT_ID, code_verifier: pkce.verifier };
    expect((await exchange(sb.origin, { ...form, code_verifier: pkcePair().verifier })).json.error).toBe('invalid_grant');
    expect((await exchange(sb.origin, { ...form, redirect_uri: `${sb.origin}/` })).json.error).toBe('invalid_grant');
    expect((await exchange(sb.origin, form)).status).toBe(200);
    const reused = await exchange(sb.origin, form);
    expect(reused.status).toBe(400);
    expect(reused.json.error).toBe('invalid_grant');
  });

  it('refreshes only with offline_access or online_access', async () => {
    const withRefresh = await launchAndToken(sb.origin);
    const refreshed = await exchange(sb.origin, { grant_type: 'refresh_token', refresh_token: String(withRefresh.refresh_token), client_id: CLIENT_ID });
    expect(refreshed.status).toBe(200);
    const without = await launchAndToken(sb.origin, { scope: 'launch user/*.rs' });
    expect(without.refresh_token).toBeUndefined();
    expect(without.id_token).toBeUndefined();
  });
});

describe('authorize refusals', () => {
  it('shows an error page (no redirect) for an unregistered redirect URI or client', async () => {
    const { launch } = await ehrLaunch(sb.origin);
    const bad = await authorize(sb.origin, pkcePair(), { launch, redirectUri: 'https://evil.example/cb' });
    expect(bad.status).toBe(400);
    expect(bad.location).toBeUndefined();
    expect(bad.body).toContain('not registered');
    const unknown = await authorize(sb.origin, pkcePair(), { launch, clientId: 'someone-else' });
    expect(unknown.status).toBe(400);
    expect(unknown.location).toBeUndefined();
  });

  it.each([
    ['plain PKCE', { codeChallengeMethod: 'plain' }, 'invalid_request'],
    ['wrong aud', { aud: 'http://elsewhere.example/fhir' }, 'invalid_request'],
    ['unknown launch', { launch: 'nope' }, 'invalid_request'],
  ])('redirects back with an OAuth error for %s', async (_name, params, error) => {
    const { launch } = await ehrLaunch(sb.origin);
    const res = await authorize(sb.origin, pkcePair(), { launch, ...params });
    expect(res.status).toBe(302);
    expect(res.location?.searchParams.get('error')).toBe(error);
    expect(res.location?.searchParams.get('error_description')).toBeTruthy();
    expect(res.location?.searchParams.get('state')).toBe('st-1');
    expect(res.location?.searchParams.get('code')).toBeNull();
  });

  it('standalone launch/patient shows a patient picker and honours Deny', async () => {
    const res = await authorize(sb.origin, pkcePair(), { scope: 'launch/patient openid fhirUser patient/*.rs' });
    expect(res.status).toBe(302);
    const picker = await fetch(res.location!);
    const html = await picker.text();
    expect(html).toContain('Search patients by name or MRN');
    const request = res.location!.searchParams.get('request')!;
    const deny = await fetch(`${sb.origin}/auth/authorize/decide`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request, action: 'deny' }),
    });
    expect(new URL(deny.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
  });
});

describe('token checks on FHIR requests', () => {
  it('401 without a token, with WWW-Authenticate and an OperationOutcome', async () => {
    const res = await fetch(`${sb.fhirBase}/Patient`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await res.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('403 when the scopes do not cover the type or interaction', async () => {
    const token = await launchAndToken(sb.origin, { scope: 'launch patient/Patient.read user/Observation.rs' });
    const cond = await fetch(`${sb.fhirBase}/Condition`, { headers: bearer(token.access_token) });
    expect(cond.status).toBe(403);
    const write = await fetch(`${sb.fhirBase}/Observation`, { method: 'POST', headers: bearer(token.access_token, { 'Content-Type': 'application/fhir+json' }), body: '{}' });
    expect(write.status).toBe(403);
  });

  it('patient/ scopes reach only the patient in context', async () => {
    const [mine, other] = [...sb.store.all('Patient')].map((p) => p.id);
    const token = await launchAndToken(sb.origin, { patient: mine!, scope: 'launch patient/*.rs' });
    expect((await fetch(`${sb.fhirBase}/Patient/${other}`, { headers: bearer(token.access_token) })).status).toBe(403);
    expect((await fetch(`${sb.fhirBase}/Observation?patient=${other}`, { headers: bearer(token.access_token) })).status).toBe(403);
    const all = (await (await fetch(`${sb.fhirBase}/Observation?_count=200`, { headers: bearer(token.access_token) })).json()) as {
      entry?: { resource: { subject: { reference: string } } }[];
    };
    expect((all.entry ?? []).every((e) => e.resource.subject.reference === `Patient/${mine}`)).toBe(true);
  });

  it('an expired token gets 401', async () => {
    const short = await startSandbox({ port: 0, patients: 1, seed: 'expiry', appDir: '/nonexistent', tokenLifetimeSeconds: 1 });
    try {
      const token = await launchAndToken(short.origin);
      expect(token.expires_in).toBe(1);
      await new Promise((r) => setTimeout(r, 1100));
      const res = await fetch(`${short.fhirBase}/Patient`, { headers: bearer(token.access_token) });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    } finally {
      await short.close();
    }
  });
});
