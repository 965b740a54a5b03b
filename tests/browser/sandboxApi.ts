/**
 * Reads the sandbox's FHIR server from the test process the way an app would: a real SMART
 * launch (launch id from /ehr/launch, authorize with PKCE S256, token), then bearer requests.
 * Lets the browser tests compare what the app shows with what the server holds.
 */
import { createHash, randomBytes } from 'node:crypto';

const tokens = new Map<string, Promise<string>>();

/** Read-only by default; writes (test set-up of records the app must react to) ask for more. */
const READ_SCOPE = 'launch openid fhirUser user/*.rs';
const WRITE_SCOPE = `${READ_SCOPE} user/*.c`;

function base64url(buffer: Buffer): string {
  return buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function obtainToken(origin: string, scope = READ_SCOPE): Promise<string> {
  const launchResponse = await fetch(`${origin}/ehr/launch`, { redirect: 'manual' });
  const launchUrl = new URL(launchResponse.headers.get('location') ?? '', origin);
  const iss = launchUrl.searchParams.get('iss');
  const launch = launchUrl.searchParams.get('launch');
  if (!iss || !launch) throw new Error(`/ehr/launch did not redirect with iss and launch (${launchResponse.status})`);
  const config = (await (await fetch(`${iss}/.well-known/smart-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string };
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  const redirectUri = `${origin}/index.html`;
  const authorize = new URL(config.authorization_endpoint);
  Object.entries({
    response_type: 'code',
    client_id: 'cocm-registry',
    redirect_uri: redirectUri,
    scope,
    state: 'tests',
    aud: iss,
    launch,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).forEach(([k, v]) => authorize.searchParams.set(k, v));
  const authorizeResponse = await fetch(authorize, { redirect: 'manual' });
  const code = new URL(authorizeResponse.headers.get('location') ?? '', origin).searchParams.get('code');
  if (!code) throw new Error(`authorize gave no code (${authorizeResponse.status} ${authorizeResponse.headers.get('location')})`);
  const tokenResponse = await fetch(config.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'cocm-registry', code_verifier: verifier }),
  });
  const token = (await tokenResponse.json()) as { access_token?: string };
  if (!token.access_token) throw new Error(`token endpoint gave no access token (${tokenResponse.status})`);
  return token.access_token;
}

export async function fhirGet<T>(origin: string, path: string): Promise<T> {
  if (!tokens.has(origin)) tokens.set(origin, obtainToken(origin));
  const token = await tokens.get(origin)!;
  const response = await fetch(`${origin}/fhir/${path}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/fhir+json' } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** Creates a resource on the sandbox as a user with create rights; returns the stored copy. */
export async function fhirCreate<T extends { resourceType: string }>(origin: string, resource: T): Promise<T & { id: string }> {
  const key = `${origin} write`;
  if (!tokens.has(key)) tokens.set(key, obtainToken(origin, WRITE_SCOPE));
  const token = await tokens.get(key)!;
  const response = await fetch(`${origin}/fhir/${resource.resourceType}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/fhir+json', 'Content-Type': 'application/fhir+json', Prefer: 'return=representation' },
    body: JSON.stringify(resource),
  });
  if (!response.ok) throw new Error(`POST ${resource.resourceType}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T & { id: string };
}

/** Every resource of a search, following next links. */
export async function fhirSearchAll<T>(origin: string, path: string): Promise<T[]> {
  const out: T[] = [];
  let next: string | undefined = path;
  while (next) {
    const bundle: { entry?: Array<{ resource: T }>; link?: Array<{ relation: string; url: string }> } = await fhirGet(origin, next);
    out.push(...(bundle.entry ?? []).map((e) => e.resource));
    const link = bundle.link?.find((l) => l.relation === 'next')?.url;
    next = link ? link.slice(link.indexOf('/fhir/') + '/fhir/'.length) : undefined;
  }
  return out;
}
