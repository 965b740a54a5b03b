import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestOrigin, sendJson } from '../http/send.ts';
import { handleClientCredentials } from '../bulk/clientCredentials.ts';
import { fhirBase, type AuthDeps } from './deps.ts';
import { narrowGrant } from './scopes.ts';
import type { TokenRecord } from './store.ts';

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function tokenError(res: ServerResponse, error: string, description: string, status = 400): void {
  sendJson(res, status, { error, error_description: description }, NO_STORE);
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/**
 * The token endpoint: authorization_code and refresh_token grants for public clients, and
 * client_credentials for backend-services clients (which name themselves in their assertion).
 */
export async function handleToken(req: IncomingMessage, res: ServerResponse, form: Record<string, string>, deps: AuthDeps): Promise<void> {
  if (form.grant_type === 'client_credentials') {
    if (!deps.backend) return tokenError(res, 'unsupported_grant_type', 'this server has no backend-services clients registered');
    return handleClientCredentials(req, res, form, deps, deps.backend);
  }
  const clientId = form.client_id;
  if (!clientId) return tokenError(res, 'invalid_request', 'client_id is required (public client)');
  if (!deps.clients.has(clientId)) return tokenError(res, 'invalid_client', `unknown client_id "${clientId}"`, 401);

  if (form.grant_type === 'authorization_code') {
    const code = form.code ?? '';
    const record = deps.store.codes.peek(code);
    if (!record) return tokenError(res, 'invalid_grant', 'unknown authorization code');
    if (record.used) return tokenError(res, 'invalid_grant', 'authorization code was already used');
    if (record.expiresAt <= deps.store.now()) return tokenError(res, 'invalid_grant', 'authorization code has expired');
    if (record.clientId !== clientId) return tokenError(res, 'invalid_grant', 'code was issued to another client');
    if (form.redirect_uri !== record.redirectUri) return tokenError(res, 'invalid_grant', 'redirect_uri does not match the authorization request');
    if (!form.code_verifier) return tokenError(res, 'invalid_request', 'code_verifier is required (PKCE)');
    if (s256(form.code_verifier) !== record.codeChallenge) return tokenError(res, 'invalid_grant', 'code_verifier does not match the code_challenge');
    record.used = true;
    const { patient, encounter, user, userType, grant, origin } = record;
    return issueTokens(req, res, deps, { clientId, grant, user, origin, ...(userType ? { userType } : {}), ...(patient ? { patient } : {}), ...(encounter ? { encounter } : {}) });
  }

  if (form.grant_type === 'refresh_token') {
    const refresh = deps.store.refreshTokens.get(form.refresh_token);
    if (!refresh) return tokenError(res, 'invalid_grant', 'refresh token is unknown or has expired');
    if (refresh.clientId !== clientId) return tokenError(res, 'invalid_grant', 'refresh token was issued to another client');
    const grant = narrowGrant(refresh.grant, form.scope, deps.supportsType);
    return issueTokens(req, res, deps, { ...refresh, grant }, form.refresh_token);
  }

  return tokenError(res, 'unsupported_grant_type', 'grant_type must be authorization_code, refresh_token or client_credentials');
}

async function issueTokens(req: IncomingMessage, res: ServerResponse, deps: AuthDeps, context: Omit<TokenRecord, 'expiresAt'>, existingRefresh?: string): Promise<void> {
  const now = deps.store.now();
  const lifetime = deps.tokenLifetimeSeconds;
  const accessToken = deps.store.tokens.put({ ...context, expiresAt: now + lifetime * 1000 });
  const origin = requestOrigin(req);
  const userType = context.userType ?? 'Practitioner';
  const body: Record<string, unknown> = {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: lifetime,
    scope: context.grant.scopes.join(' '),
    need_patient_banner: true,
    fhirUser: `${userType}/${context.user}`,
  };
  if (context.patient) body.patient = context.patient;
  if (context.encounter) body.encounter = context.encounter;
  if (context.grant.openid && context.grant.fhirUser) {
    const person = userType === 'Patient' ? deps.directory.patient(context.user) : deps.directory.practitioner(context.user);
    body.id_token = await deps.keys.signIdToken(
      { fhirUser: `${fhirBase(origin)}/${userType}/${context.user}`, ...(person ? { name: person.name } : {}) },
      { issuer: fhirBase(origin), audience: context.clientId, subject: context.user, lifetimeSeconds: lifetime },
    );
  }
  if (context.grant.refresh && deps.issueRefreshTokens) {
    body.refresh_token = existingRefresh ?? deps.store.refreshTokens.put({ ...context, expiresAt: now + deps.refreshLifetimeSeconds * 1000 });
  }
  sendJson(res, 200, body, NO_STORE);
}
