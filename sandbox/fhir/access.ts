import type { IncomingMessage } from 'node:http';
import { allowedContext, type ScopeContext } from '../auth/scopes.ts';
import type { AuthStore, TokenRecord } from '../auth/store.ts';
import { PATIENT_FIELD } from './compartment.ts';
import { FhirHttpError } from './outcome.ts';
import type { FhirRoute } from './route.ts';

const REALM = 'Bearer realm="cocm-sandbox"';

/** The token of the request, or a 401 that tells the client why (RFC 6750). */
export function authenticate(req: IncomingMessage, store: AuthStore): TokenRecord {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new FhirHttpError(401, 'login', 'a bearer access token is required', { 'WWW-Authenticate': REALM });
  const token = store.tokens.get(match[1]);
  if (!token) {
    throw new FhirHttpError(401, 'login', 'the access token is unknown or has expired', {
      'WWW-Authenticate': `${REALM}, error="invalid_token", error_description="The access token is unknown or has expired"`,
    });
  }
  return token;
}

/**
 * Access the token's scopes give to this interaction: 'user' (any patient), or 'patient'
 * (only the token's patient, enforced by the caller). 403 when no scope allows it.
 */
export function scopeAccess(token: TokenRecord, route: FhirRoute): { context: ScopeContext; patient?: string } {
  const allowed = allowedContext(token.grant.data, route.type, route.perm);
  // A patient user sees only their own record, whatever the scopes say.
  const context = allowed && token.userType === 'Patient' ? 'patient' : allowed;
  if (!context) {
    const names: Record<string, string> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };
    throw new FhirHttpError(
      403,
      'forbidden',
      `the granted scopes do not allow ${names[route.perm]} of ${route.type} (needs e.g. user/${route.type}.${route.perm === 'r' || route.perm === 's' ? 'rs' : route.perm} or patient/${route.type}.${route.perm})`,
    );
  }
  if (context === 'user' || context === 'system') return { context };
  // patient/ scopes without a patient in context can reach no patient data at all.
  if (!token.patient && (route.type === 'Patient' || PATIENT_FIELD[route.type])) {
    throw new FhirHttpError(403, 'forbidden', 'patient-level scopes were granted but the token has no patient in context');
  }
  return { context, ...(token.patient ? { patient: token.patient } : {}) };
}
