/**
 * The launch module end to end in a DOM, against msw standing in for an EHR: authorize()
 * builds a PKCE S256 request, and getSession() completes it or names what went wrong.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const ISS = 'https://ehr.example.org/fhir';
const APP = 'http://localhost:3000';
const TOKEN_URL = 'https://ehr.example.org/oauth/token';

const smartConfiguration = {
  issuer: ISS,
  authorization_endpoint: 'https://ehr.example.org/oauth/authorize',
  token_endpoint: TOKEN_URL,
  code_challenge_methods_supported: ['S256'],
  capabilities: ['launch-ehr', 'client-public'],
};

const server = setupServer(
  http.get(`${APP}/config.json`, () => HttpResponse.json({ clientId: 'cocm-registry', read: ['Patient', 'Observation'], write: ['Observation'], trustedIssuers: [ISS] })),
  http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json(smartConfiguration)),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

beforeEach(() => {
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
  vi.resetModules();
});

async function startAuthorization(query = `iss=${encodeURIComponent(ISS)}&launch=L1`): Promise<URL> {
  const { authorize } = await import('./authorize');
  const url = await authorize(new URL(`${APP}/launch.html?${query}`), { redirect: false });
  return new URL(url as string);
}

async function returnFromEhr(authorizeUrl: URL, extra = '') {
  const state = authorizeUrl.searchParams.get('state');
  window.history.replaceState(null, '', `/index.html?code=the-code&state=${state}${extra}`);
  vi.resetModules();
  const { getSession } = await import('./session');
  return getSession();
}

describe('authorize', () => {
  it('sends an EHR launch with PKCE S256, aud, state, launch and the configured client', async () => {
    const url = await startAuthorization();
    expect(url.origin + url.pathname).toBe('https://ehr.example.org/oauth/authorize');
    const p = url.searchParams;
    expect(p.get('client_id')).toBe('cocm-registry');
    expect(p.get('aud')).toBe(ISS);
    expect(p.get('launch')).toBe('L1');
    expect(p.get('redirect_uri')).toBe(`${APP}/index.html`);
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')?.length).toBeGreaterThan(40);
    expect(p.get('state')).toBeTruthy();
    expect(p.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['launch', 'openid', 'fhirUser', 'user/Observation.crus']));
  });

  it('asks for launch/patient in a standalone launch', async () => {
    const url = await startAuthorization(`iss=${encodeURIComponent(ISS)}`);
    expect(url.searchParams.get('scope')?.split(' ')).toContain('launch/patient');
    expect(url.searchParams.has('launch')).toBe(false);
  });

  it('refuses a server that does not offer S256 instead of downgrading', async () => {
    server.use(http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json({ ...smartConfiguration, code_challenge_methods_supported: ['plain'] })));
    const { classifyLaunchError } = await import('./launchError');
    const error = await startAuthorization().catch((e: unknown) => e);
    expect(classifyLaunchError(error).kind).toBe('config');
  });

  it('says the EHR is unreachable when discovery fails', async () => {
    // fhirclient falls back to the CapabilityStatement when discovery fails: both are down.
    server.use(
      http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.error()),
      http.get(`${ISS}/metadata`, () => HttpResponse.error()),
    );
    const { classifyLaunchError } = await import('./launchError');
    const error = await startAuthorization().catch((e: unknown) => e);
    expect(classifyLaunchError(error).kind).toBe('unreachable');
  });

  it('refuses an issuer that is not trusted before sending it any request', async () => {
    // No handler for evil.example: msw fails the test on any request to it (discovery included).
    const evil = 'https://evil.example/fhir';
    const { classifyLaunchError } = await import('./launchError');
    const error = await startAuthorization(`iss=${encodeURIComponent(evil)}&launch=L1`).catch((e: unknown) => e);
    const problem = classifyLaunchError(error);
    expect(problem.kind).toBe('untrusted-issuer');
    expect(problem.iss).toBe(evil);
    expect(problem.nextStep).toContain('trustedIssuers');
  });

  it('refuses to start without an issuer', async () => {
    await expect(startAuthorization('launch=L1')).rejects.toThrow('missing-iss');
  });
});

describe('getSession', () => {
  it('completes the code exchange once, takes the patient from the token and clears code and state from the URL', async () => {
    let tokenCalls = 0;
    let verifier: string | null = null;
    server.use(
      http.post(TOKEN_URL, async ({ request }) => {
        tokenCalls += 1;
        const form = new URLSearchParams(await request.text());
        verifier = form.get('code_verifier');
        return HttpResponse.json({
          access_token: 'at',
          token_type: 'Bearer',
          expires_in: 3600,
          scope: 'launch openid fhirUser user/Patient.rs',
          patient: 'p42',
          id_token: undefined,
        });
      }),
    );
    const authorizeUrl = await startAuthorization();
    const session = await returnFromEhr(authorizeUrl);
    expect(session.patientId).toBe('p42');
    expect(session.granted.can('Patient', 'r')).toBe(true);
    expect(verifier).toBeTruthy();
    expect(tokenCalls).toBe(1);
    expect(window.location.search).toBe('');
    const { getSession } = await import('./session');
    await getSession();
    expect(tokenCalls).toBe(1);
  });

  it('says the app must be opened from the EHR when there is no launch', async () => {
    window.history.replaceState(null, '', '/index.html');
    const { getSession } = await import('./session');
    await expect(getSession()).rejects.toMatchObject({ problem: { kind: 'no-launch' } });
  });

  it('says the launch expired when the state is gone', async () => {
    window.history.replaceState(null, '', '/index.html?code=c&state=unknown-key');
    const { getSession } = await import('./session');
    await expect(getSession()).rejects.toMatchObject({ problem: { kind: 'state-expired' } });
  });

  it('reports a denial from the authorization server', async () => {
    window.history.replaceState(null, '', '/index.html?error=access_denied&error_description=User+said+no&state=s');
    const { getSession } = await import('./session');
    await expect(getSession()).rejects.toMatchObject({ problem: { kind: 'denied' } });
    expect(window.location.search).toBe('');
  });

  it('reports a refused code exchange (reused or expired code)', async () => {
    server.use(http.post(TOKEN_URL, () => HttpResponse.json({ error: 'invalid_grant', error_description: 'code already used' }, { status: 400 })));
    const authorizeUrl = await startAuthorization();
    await expect(returnFromEhr(authorizeUrl)).rejects.toMatchObject({ problem: { kind: 'token-failed' } });
  });

  it('refuses a patient-only grant that names no patient', async () => {
    server.use(http.post(TOKEN_URL, () => HttpResponse.json({ access_token: 'at', token_type: 'Bearer', expires_in: 3600, scope: 'launch patient/*.read' })));
    const authorizeUrl = await startAuthorization();
    await expect(returnFromEhr(authorizeUrl)).rejects.toMatchObject({ problem: { kind: 'no-patient' } });
  });
});
