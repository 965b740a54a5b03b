import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../server.ts';
import { authorize, bearer, exchange, pkcePair } from '../testing/smart.ts';

const PATIENT_CLIENT = 'cocm-patient';
const SCOPE = 'launch/patient openid fhirUser user/*.rs patient/*.rs patient/QuestionnaireResponse.c patient/Observation.c';

let sb: Sandbox;
let me: string;
let other: string;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, patients: 4, seed: 'portal-tests', now: new Date('2025-06-01T00:00:00Z'), appDir: '/nonexistent' });
  const ids = [...sb.store.all('Patient')].map((p) => p.id);
  me = ids[0]!;
  other = ids[1]!;
});
afterAll(() => sb.close());

/** Signs in to the portal as `patient`; returns the cookie and where the portal sent the browser. */
async function portalSignIn(patient: string, request?: string): Promise<{ cookie: string; location: URL }> {
  const res = await fetch(`${sb.origin}/portal/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ patient, ...(request ? { request } : {}) }),
  });
  expect(res.status).toBe(302);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, location: new URL(res.headers.get('location') ?? '', sb.origin) };
}

async function patientToken(patient: string): Promise<Record<string, unknown> & { access_token: string }> {
  const { cookie } = await portalSignIn(patient);
  const pkce = pkcePair();
  const url = new URL(`${sb.origin}/auth/authorize`);
  Object.entries({
    response_type: 'code',
    client_id: PATIENT_CLIENT,
    redirect_uri: `${sb.origin}/patient.html`,
    scope: SCOPE,
    state: 's',
    aud: sb.fhirBase,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  }).forEach(([k, v]) => url.searchParams.set(k, v));
  const auth = await fetch(url, { redirect: 'manual', headers: { Cookie: cookie } });
  const code = new URL(auth.headers.get('location') ?? '', sb.origin).searchParams.get('code');
  if (!code) throw new Error(`no code: ${auth.status} ${auth.headers.get('location')}`);
  const token = await exchange(sb.origin, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: `${sb.origin}/patient.html`,
    client_id: PATIENT_CLIENT,
    code_verifier: pkce.verifier,
  });
  expect(token.status).toBe(200);
  return token.json as Record<string, unknown> & { access_token: string };
}

describe('patient portal and patient-user tokens', () => {
  it('the portal lists patients to sign in as, and signing in opens the patient app by standalone launch', async () => {
    const html = await (await fetch(`${sb.origin}/portal/`)).text();
    expect(html).toContain('Patient portal');
    expect(html).toContain(`value="${me}"`);
    const { cookie, location } = await portalSignIn(me);
    expect(cookie).toMatch(/^cocm_portal=[A-Za-z0-9_-]{43}$/);
    expect(location.pathname).toBe('/patient.html');
    expect(location.searchParams.get('iss')).toBe(sb.fhirBase);
    // The cookie is an opaque handle: no patient id in it.
    expect(cookie).not.toContain(me);
  });

  it('issues a patient-user token: fhirUser Patient/ID, patient = ID, patient scopes only, a matching id_token', async () => {
    const token = await patientToken(me);
    expect(token.fhirUser).toBe(`Patient/${me}`);
    expect(token.patient).toBe(me);
    const scopes = String(token.scope).split(' ');
    expect(scopes).toEqual(expect.arrayContaining(['launch/patient', 'openid', 'fhirUser', 'patient/*.rs', 'patient/QuestionnaireResponse.c', 'patient/Observation.c']));
    expect(scopes.some((s) => s.startsWith('user/'))).toBe(false);
    const { payload } = await jwtVerify(String(token.id_token), createRemoteJWKSet(new URL(`${sb.origin}/auth/jwks`)), { issuer: sb.fhirBase, audience: PATIENT_CLIENT });
    expect(payload.fhirUser).toBe(`${sb.fhirBase}/Patient/${me}`);
  });

  it('a patient token reads and writes its own record and is refused for another patient', async () => {
    const { access_token: token } = await patientToken(me);
    expect((await fetch(`${sb.fhirBase}/Patient/${me}`, { headers: bearer(token) })).status).toBe(200);
    expect((await fetch(`${sb.fhirBase}/Patient/${other}`, { headers: bearer(token) })).status).toBe(403);
    expect((await fetch(`${sb.fhirBase}/Observation?patient=${other}`, { headers: bearer(token) })).status).toBe(403);
    // A search without a patient is confined to the token's own patient.
    const bundle = (await (await fetch(`${sb.fhirBase}/Observation?_count=200`, { headers: bearer(token) })).json()) as {
      entry?: Array<{ resource: { subject?: { reference?: string } } }>;
    };
    expect((bundle.entry ?? []).every((e) => e.resource.subject?.reference === `Patient/${me}`)).toBe(true);
    const form = (patient: string) => ({ resourceType: 'QuestionnaireResponse', status: 'completed', subject: { reference: `Patient/${patient}` } });
    const post = (body: unknown) =>
      fetch(`${sb.fhirBase}/QuestionnaireResponse`, { method: 'POST', headers: bearer(token, { 'Content-Type': 'application/fhir+json' }), body: JSON.stringify(body) });
    expect((await post(form(other))).status).toBe(403);
    expect((await post(form(me))).status).toBe(201);
    // No scope for Group (the program roster): refused.
    expect((await fetch(`${sb.fhirBase}/Group`, { headers: bearer(token) })).status).toBe(403);
  });

  it('without a portal session the authorization sends the patient to sign in, then resumes it', async () => {
    const pkce = pkcePair();
    const auth = await authorize(sb.origin, pkce, { clientId: PATIENT_CLIENT, redirectUri: `${sb.origin}/patient.html`, scope: SCOPE });
    expect(auth.location?.pathname).toBe('/portal/');
    const request = auth.location!.searchParams.get('request')!;
    const { location } = await portalSignIn(me, request);
    expect(location.pathname).toBe('/patient.html');
    const code = location.searchParams.get('code');
    expect(code).toBeTruthy();
    const token = await exchange(sb.origin, {
      grant_type: 'authorization_code',
      code: code!,
      redirect_uri: `${sb.origin}/patient.html`,
      client_id: PATIENT_CLIENT,
      code_verifier: pkce.verifier,
    });
    expect(token.json.fhirUser).toBe(`Patient/${me}`);
  });

  it('the patient app cannot be opened by EHR launch (it is a portal app)', async () => {
    const pkce = pkcePair();
    const auth = await authorize(sb.origin, pkce, { clientId: PATIENT_CLIENT, redirectUri: `${sb.origin}/patient.html`, scope: `launch ${SCOPE}`, launch: 'anything' });
    expect(auth.location?.searchParams.get('error')).toBe('invalid_request');
  });
});
