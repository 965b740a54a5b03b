/**
 * Checks a backend client's signed assertion (SMART Backend Services, "Authenticating to the
 * token endpoint"): RS384 or ES384 over a key the client registered; iss and sub both the
 * client id; aud the token endpoint; an expiry no more than five minutes ahead; a jti never
 * seen before while the assertion could still be replayed.
 */
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { BackendClientRegistry } from './backendClients.ts';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ALGORITHMS = ['RS384', 'ES384'];
const MAX_LIFETIME_SECONDS = 5 * 60;

export type AssertionCheck = { ok: true; clientId: string } | { ok: false; description: string };

/** jtis seen, each kept until its assertion expires (a replay after that fails on exp). */
export class SeenJtis {
  private readonly seen = new Map<string, number>();

  /** True when new (and now remembered); false on a replay. */
  remember(key: string, expiresAtMs: number, nowMs: number): boolean {
    for (const [k, exp] of this.seen) if (exp <= nowMs) this.seen.delete(k);
    if (this.seen.has(key)) return false;
    this.seen.set(key, expiresAtMs);
    return true;
  }
}

export async function checkClientAssertion(
  assertion: string | undefined,
  assertionType: string | undefined,
  tokenUrl: string,
  clients: BackendClientRegistry,
  jtis: SeenJtis,
  nowMs: number,
): Promise<AssertionCheck> {
  if (assertionType !== JWT_BEARER) return { ok: false, description: `client_assertion_type must be ${JWT_BEARER}` };
  if (!assertion) return { ok: false, description: 'client_assertion is required' };
  let claims: ReturnType<typeof decodeJwt>;
  let alg: string | undefined;
  try {
    claims = decodeJwt(assertion);
    alg = decodeProtectedHeader(assertion).alg;
  } catch {
    return { ok: false, description: 'client_assertion is not a JWT' };
  }
  if (!alg || !ALGORITHMS.includes(alg)) return { ok: false, description: `client_assertion must be signed with RS384 or ES384, not ${alg ?? 'nothing'}` };
  const clientId = typeof claims.iss === 'string' ? claims.iss : '';
  const keys = clients.keysOf(clientId);
  if (!keys) return { ok: false, description: `unknown backend client "${clientId}"` };
  if (claims.sub !== clientId) return { ok: false, description: 'client_assertion sub must equal iss (the client id)' };
  const nowSeconds = Math.floor(nowMs / 1000);
  if (typeof claims.exp !== 'number') return { ok: false, description: 'client_assertion needs an exp' };
  if (claims.exp > nowSeconds + MAX_LIFETIME_SECONDS) return { ok: false, description: 'client_assertion exp is more than five minutes ahead' };
  if (typeof claims.jti !== 'string' || claims.jti.length === 0) return { ok: false, description: 'client_assertion needs a jti' };
  try {
    await jwtVerify(assertion, keys, { algorithms: ALGORITHMS, audience: tokenUrl, issuer: clientId, subject: clientId, currentDate: new Date(nowMs) });
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, description: 'client_assertion has expired' };
    if (error instanceof errors.JWTClaimValidationFailed) return { ok: false, description: `client_assertion ${error.claim} claim is wrong (${error.reason})` };
    if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) {
      return { ok: false, description: "client_assertion's signature does not match a key registered for this client" };
    }
    return { ok: false, description: `client_assertion could not be verified (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!jtis.remember(`${clientId} ${claims.jti}`, claims.exp * 1000, nowMs)) return { ok: false, description: 'client_assertion jti was already used' };
  return { ok: true, clientId };
}
