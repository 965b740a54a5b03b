import type { IncomingMessage, ServerResponse } from 'node:http';
import { esc } from '../http/html.ts';
import { page } from '../http/page.ts';
import { redirect, requestOrigin, sendHtml } from '../http/send.ts';
import { AUTH_PATHS, fhirBase, type AuthDeps } from './deps.ts';
import { grantScopes } from './scopes.ts';
import { authorizePatientUser } from '../portal/portal.ts';
import type { AuthorizationRequest, UserType } from './store.ts';

/** RFC 7636: a code_challenge is the base64url SHA-256 of the verifier, 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43,128}$/;

/** An error shown in the browser: used only when we must NOT redirect (unknown client/URI). */
function errorPage(res: ServerResponse, status: number, message: string): void {
  sendHtml(res, status, page('Sign-in error', `<h1>Sign-in error</h1><p class="error" role="alert">${esc(message)}</p>`));
}

/** OAuth error redirect (RFC 6749 4.1.2.1) to a redirect URI already known to be registered. */
export function errorRedirect(res: ServerResponse, redirectUri: string, error: string, description: string, state?: string): void {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state) url.searchParams.set('state', state);
  redirect(res, url.href);
}

/** Issues a code for the request and sends the browser back to the app. */
export function issueCode(
  res: ServerResponse,
  deps: AuthDeps,
  request: AuthorizationRequest,
  context: { patient?: string; encounter?: string; user: string; userType?: UserType },
): void {
  const code = deps.store.codes.put({
    ...request,
    ...context,
    expiresAt: deps.store.now() + deps.codeLifetimeSeconds * 1000,
    used: false,
  });
  const url = new URL(request.redirectUri);
  url.searchParams.set('code', code);
  url.searchParams.set('state', request.state);
  redirect(res, url.href);
}

/**
 * The authorization endpoint (GET, or POST with a form body: `authorize-post`). Checks run in
 * an order that never redirects to an unverified URI: client and redirect URI first (errors
 * as a page), then everything else as an OAuth error redirect.
 */
export function handleAuthorize(req: IncomingMessage, res: ServerResponse, params: Record<string, string>, deps: AuthDeps): void {
  const origin = requestOrigin(req);
  const clientId = params.client_id ?? '';
  const redirectUri = params.redirect_uri ?? '';
  if (!clientId || !deps.clients.has(clientId)) {
    errorPage(res, 400, `Unknown client_id "${clientId}". The sandbox registers "cocm-registry" (and any client given to startSandbox).`);
    return;
  }
  if (!redirectUri || !deps.clients.redirectAllowed(clientId, redirectUri, origin)) {
    errorPage(res, 400, `redirect_uri "${redirectUri}" is not registered for client "${clientId}" (exact match required).`);
    return;
  }
  const state = params.state ?? '';
  const fail = (error: string, description: string): void => errorRedirect(res, redirectUri, error, description, state || undefined);

  if (params.response_type !== 'code') return fail('unsupported_response_type', 'response_type must be "code"');
  if (!state) return fail('invalid_request', 'state is required');
  const base = fhirBase(origin);
  if ((params.aud ?? '').replace(/\/+$/, '') !== base) return fail('invalid_request', `aud must be the FHIR base URL ${base}`);
  const method = params.code_challenge_method;
  if (!method || !params.code_challenge) return fail('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256');
  if (method !== 'S256') return fail('invalid_request', `code_challenge_method "${method}" is not allowed; use S256`);
  if (!S256_CHALLENGE.test(params.code_challenge)) return fail('invalid_request', 'code_challenge is not a base64url S256 value');

  const patientFacing = deps.clients.patientFacing(clientId);
  const grant = grantScopes(params.scope ?? '', deps.supportsType, patientFacing ? { patientUser: true } : {});
  if (grant.scopes.length === 0) return fail('invalid_scope', 'none of the requested scopes can be granted');
  const request: AuthorizationRequest = { clientId, redirectUri, state, codeChallenge: params.code_challenge, grant, origin };

  if (params.launch !== undefined) {
    if (patientFacing) return fail('invalid_request', 'a patient app is launched from the patient portal (standalone), not from inside the EHR');
    const launch = deps.store.launches.get(params.launch);
    if (!launch) return fail('invalid_request', 'launch is unknown or has expired; open the app again from the EHR');
    if (!grant.launch) return fail('invalid_scope', 'an EHR launch must request the "launch" scope');
    // A launch id is good for one authorization: a copied or replayed launch URL gets nothing.
    deps.store.launches.delete(params.launch);
    // A launch without a patient (the caseload) grants no launch/patient context.
    issueCode(res, deps, request, { ...(launch.patient ? { patient: launch.patient } : {}), ...(launch.encounter ? { encounter: launch.encounter } : {}), user: launch.user });
    return;
  }
  // Standalone launch: `launch` without a launch id means nothing.
  grant.launch = false;
  grant.scopes = grant.scopes.filter((s) => s !== 'launch');
  // A patient app's user is a patient, signed in through the portal.
  if (patientFacing) return authorizePatientUser(req, res, request, deps);
  if (grant.launchPatient) {
    const pending = deps.store.pending.put({ ...request, expiresAt: deps.store.now() + 15 * 60 * 1000 });
    redirect(res, `${AUTH_PATHS.pick}?request=${encodeURIComponent(pending)}`);
    return;
  }
  const user = deps.directory.defaultUser();
  if (!user) return fail('server_error', 'the sandbox has no practitioner to sign in as');
  issueCode(res, deps, request, { user });
}
