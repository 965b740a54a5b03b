/**
 * The token endpoint's client_credentials grant for backend-services clients: a signed
 * assertion instead of a user, system/ scopes only, and a short-lived token with no refresh
 * (the client signs a new assertion when it needs one).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AUTH_PATHS, type AuthDeps } from '../auth/deps.ts';
import { grantScopes } from '../auth/scopes.ts';
import { requestOrigin, sendJson } from '../http/send.ts';
import type { BackendClientRegistry } from './backendClients.ts';
import { checkClientAssertion, type SeenJtis } from './clientAssertion.ts';

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
/** SMART Backend Services recommends access tokens of five minutes at most. */
export const BACKEND_TOKEN_SECONDS = 300;

export interface BackendAuthDeps {
  clients: BackendClientRegistry;
  jtis: SeenJtis;
}

export async function handleClientCredentials(req: IncomingMessage, res: ServerResponse, form: Record<string, string>, deps: AuthDeps, backend: BackendAuthDeps): Promise<void> {
  const now = deps.store.now();
  const tokenUrl = requestOrigin(req) + AUTH_PATHS.token;
  const check = await checkClientAssertion(form.client_assertion, form.client_assertion_type, tokenUrl, backend.clients, backend.jtis, now);
  if (!check.ok) return sendJson(res, 401, { error: 'invalid_client', error_description: check.description }, NO_STORE);
  if (!form.scope) return sendJson(res, 400, { error: 'invalid_scope', error_description: 'scope is required (system/ scopes, e.g. system/Observation.rs)' }, NO_STORE);
  const grant = grantScopes(form.scope, deps.supportsType, { system: true });
  if (grant.data.length === 0)
    return sendJson(res, 400, { error: 'invalid_scope', error_description: 'none of the requested scopes can be granted: ask for system/ scopes' }, NO_STORE);
  const lifetime = Math.min(BACKEND_TOKEN_SECONDS, deps.tokenLifetimeSeconds);
  const accessToken = deps.store.tokens.put({ clientId: check.clientId, grant, user: '', origin: requestOrigin(req), expiresAt: now + lifetime * 1000 });
  sendJson(res, 200, { access_token: accessToken, token_type: 'bearer', expires_in: lifetime, scope: grant.scopes.join(' ') }, NO_STORE);
}
