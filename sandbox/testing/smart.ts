/**
 * Test helpers: a real SMART EHR launch against a running sandbox (launch id, authorize with
 * PKCE S256, token), as an app would do it. Shared by the sandbox's tests and usable by others.
 */
import { createHash, randomBytes } from 'node:crypto';

export const CLIENT_ID = 'cocm-registry';

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkcePair(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export async function ehrLaunch(origin: string, params: Record<string, string> = {}): Promise<{ iss: string; launch: string }> {
  const res = await fetch(`${origin}/ehr/launch?${new URLSearchParams(params)}`, { redirect: 'manual' });
  const location = new URL(res.headers.get('location') ?? '', origin);
  return { iss: location.searchParams.get('iss') ?? '', launch: location.searchParams.get('launch') ?? '' };
}

export interface AuthorizeParams {
  scope?: string;
  launch?: string;
  redirectUri?: string;
  aud?: string;
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  clientId?: string;
}

/** GET /auth/authorize without following the redirect; returns the Location URL (or the response). */
export async function authorize(origin: string, pkce: Pkce, p: AuthorizeParams = {}): Promise<{ status: number; location: URL | undefined; body: string }> {
  const url = new URL(`${origin}/auth/authorize`);
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: p.clientId ?? CLIENT_ID,
    redirect_uri: p.redirectUri ?? `${origin}/index.html`,
    scope: p.scope ?? 'launch openid fhirUser online_access user/*.cruds',
    state: p.state ?? 'st-1',
    aud: p.aud ?? `${origin}/fhir`,
    launch: p.launch,
    code_challenge: p.codeChallenge ?? pkce.challenge,
    code_challenge_method: p.codeChallengeMethod ?? 'S256',
  };
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') url.searchParams.set(k, v);
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location, origin) : undefined, body: await res.text() };
}

export async function exchange(origin: string, form: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${origin}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** A full EHR launch; returns the token response. */
export async function launchAndToken(origin: string, options: { patient?: string; scope?: string } = {}): Promise<Record<string, unknown> & { access_token: string }> {
  const { launch } = await ehrLaunch(origin, options.patient ? { patient: options.patient } : {});
  const pkce = pkcePair();
  const auth = await authorize(origin, pkce, { launch, ...(options.scope ? { scope: options.scope } : {}) });
  const code = auth.location?.searchParams.get('code');
  if (!code) throw new Error(`no code: ${auth.status} ${auth.location?.href ?? auth.body}`);
  const token = await exchange(origin, { grant_type: 'authorization_code', code, redirect_uri: `${origin}/index.html`, client_id: CLIENT_ID, code_verifier: pkce.verifier });
  if (token.status !== 200) throw new Error(`token ${token.status} ${JSON.stringify(token.json)}`);
  return token.json as Record<string, unknown> & { access_token: string };
}

export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${token}`, Accept: 'application/fhir+json', ...extra };
}
