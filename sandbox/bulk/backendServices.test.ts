/**
 * SMART Backend Services against the sandbox's token endpoint: a good key gets a system/
 * token; a wrong key, an expired or too-long assertion, a reused jti, an unknown client and
 * user-level scopes are refused with words that say which.
 */
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../server.ts';

const CLIENT = 'population-job';
let sb: Sandbox;
let key: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('ES384', { extractable: true });
  ({ privateKey: otherKey } = await generateKeyPair('ES384', { extractable: true }));
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES384' };
  key = pair.privateKey;
  sb = await startSandbox({
    port: 0,
    patients: 4,
    seed: 'backend-tests',
    now: new Date('2026-06-01T00:00:00Z'),
    appDir: '/nonexistent',
    backendClients: [{ clientId: CLIENT, jwks: { keys: [jwk] } }],
  });
});
afterAll(() => sb.close());

async function assertion(options: { signer?: CryptoKey; jti?: string; expSeconds?: number; iss?: string; aud?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES384', kid: 'k1', typ: 'JWT' })
    .setIssuer(options.iss ?? CLIENT)
    .setSubject(options.iss ?? CLIENT)
    .setAudience(options.aud ?? `${sb.origin}/auth/token`)
    .setJti(options.jti ?? crypto.randomUUID())
    .setExpirationTime(now + (options.expSeconds ?? 240))
    .sign(options.signer ?? key);
}

async function token(clientAssertion: string, scope = 'system/Patient.rs system/Observation.rs'): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sb.origin}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: clientAssertion,
    }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('backend services token endpoint', () => {
  it('advertises private_key_jwt and client_credentials', async () => {
    const cfg = (await (await fetch(`${sb.fhirBase}/.well-known/smart-configuration`)).json()) as Record<string, string[]>;
    expect(cfg.grant_types_supported).toContain('client_credentials');
    expect(cfg.token_endpoint_auth_methods_supported).toContain('private_key_jwt');
    expect(cfg.token_endpoint_auth_signing_alg_values_supported).toEqual(['RS384', 'ES384']);
  });

  it('gives a five-minute system token for a good assertion, and the token reads across patients', async () => {
    const { status, json } = await token(await assertion(), 'system/Patient.rs system/Observation.rs user/Flag.rs launch openid');
    expect(status).toBe(200);
    expect(json.expires_in).toBe(300);
    // Only system/ scopes are granted to a backend client.
    expect(json.scope).toBe('system/Patient.rs system/Observation.rs');
    const res = await fetch(`${sb.fhirBase}/Patient?_count=50`, { headers: { Authorization: `Bearer ${String(json.access_token)}` } });
    const bundle = (await res.json()) as { entry?: unknown[] };
    expect(bundle.entry).toHaveLength(4);
    const flags = await fetch(`${sb.fhirBase}/Flag`, { headers: { Authorization: `Bearer ${String(json.access_token)}` } });
    expect(flags.status).toBe(403);
  });

  it('refuses a key the client did not register', async () => {
    const { status, json } = await token(await assertion({ signer: otherKey }));
    expect(status).toBe(401);
    expect(json.error).toBe('invalid_client');
    expect(json.error_description).toMatch(/signature does not match a key registered/);
  });

  it('refuses an expired assertion and one that lives more than five minutes', async () => {
    const expired = await token(await assertion({ expSeconds: -10 }));
    expect(expired.status).toBe(401);
    expect(expired.json.error_description).toMatch(/expired/);
    const long = await token(await assertion({ expSeconds: 3600 }));
    expect(long.json.error_description).toMatch(/more than five minutes/);
  });

  it('refuses a jti used before', async () => {
    const signed = await assertion({ jti: 'once-only' });
    expect((await token(signed)).status).toBe(200);
    const replay = await token(signed);
    expect(replay.status).toBe(401);
    expect(replay.json.error_description).toMatch(/jti was already used/);
  });

  it('refuses an unknown client, a wrong audience and a request without system scopes', async () => {
    expect((await token(await assertion({ iss: 'stranger' }))).json.error_description).toMatch(/unknown backend client "stranger"/);
    expect((await token(await assertion({ aud: 'https://elsewhere/token' }))).json.error_description).toMatch(/aud claim is wrong/);
    const noScope = await token(await assertion(), 'user/Patient.rs');
    expect(noScope.status).toBe(400);
    expect(noScope.json.error).toBe('invalid_scope');
  });
});
