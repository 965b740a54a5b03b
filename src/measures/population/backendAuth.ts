/**
 * SMART Backend Services, client side: a signed assertion (RS384 or ES384, a fresh jti, five
 * minutes to live) traded at the token endpoint for a system/ token, reused until shortly
 * before it expires. The private key comes from a file: a JWK (or a JWKS with one private
 * key) or a PKCS#8 PEM.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { importJWK, importPKCS8, SignJWT, type JWK, type CryptoKey } from 'jose';
import { BulkError } from './bulkError';

export interface PrivateKey {
  key: CryptoKey | Uint8Array;
  alg: 'RS384' | 'ES384';
  kid: string | undefined;
}

/** Reads --key: JWK / JWKS JSON or a PKCS#8 PEM ("BEGIN PRIVATE KEY"). */
export async function readPrivateKey(path: string, kidOverride?: string): Promise<PrivateKey> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new BulkError(`cannot read the private key file ${path} (${error instanceof Error ? error.message : String(error)})`);
  }
  if (text.includes('-----BEGIN')) {
    if (!text.includes('BEGIN PRIVATE KEY')) throw new BulkError(`${path}: the PEM must be PKCS#8 ("BEGIN PRIVATE KEY"); convert it with "openssl pkcs8 -topk8 -nocrypt"`);
    for (const alg of ['ES384', 'RS384'] as const) {
      try {
        return { key: await importPKCS8(text, alg), alg, kid: kidOverride };
      } catch {
        // Not this algorithm's key type: try the other.
      }
    }
    throw new BulkError(`${path}: the PEM holds neither an RSA nor a P-384 EC private key`);
  }
  let parsed: JWK & { keys?: JWK[] };
  try {
    parsed = JSON.parse(text) as JWK & { keys?: JWK[] };
  } catch {
    throw new BulkError(`${path} is neither a PEM nor JSON (a JWK)`);
  }
  const jwk = Array.isArray(parsed.keys) ? parsed.keys.find((k) => k.d) : parsed;
  if (!jwk?.d) throw new BulkError(`${path} holds no private key (a JWK with "d")`);
  const alg = jwk.alg === 'RS384' || (!jwk.alg && jwk.kty === 'RSA') ? 'RS384' : jwk.alg === 'ES384' || (!jwk.alg && jwk.kty === 'EC') ? 'ES384' : undefined;
  if (!alg) throw new BulkError(`${path}: the key must be RSA (RS384) or EC P-384 (ES384)`);
  return { key: await importJWK(jwk, alg), alg, kid: kidOverride ?? jwk.kid };
}

export interface BackendAuthOptions {
  tokenUrl: string;
  clientId: string;
  key: PrivateKey;
  scope: string;
  /** Seconds before expiry at which a token is renewed. */
  renewBeforeSeconds?: number;
  now?: () => number;
}

export class BackendAuth {
  private current: { token: string; expiresAt: number } | undefined;
  private readonly now: () => number;

  constructor(private readonly options: BackendAuthOptions) {
    this.now = options.now ?? (() => Date.now());
  }

  /** A valid token: the cached one, or a new one. */
  async token(): Promise<string> {
    const margin = (this.options.renewBeforeSeconds ?? 30) * 1000;
    if (this.current && this.current.expiresAt - margin > this.now()) return this.current.token;
    return this.renew();
  }

  /** Forgets the token (after a 401) so the next call asks for a new one. */
  invalidate(): void {
    this.current = undefined;
  }

  private async renew(): Promise<string> {
    const { tokenUrl, clientId, key, scope } = this.options;
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: key.alg, typ: 'JWT', ...(key.kid ? { kid: key.kid } : {}) })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenUrl)
      .setJti(randomUUID())
      .setExpirationTime(Math.floor(this.now() / 1000) + 300)
      .sign(key.key);
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    });
    let response: Response;
    try {
      response = await fetch(tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body });
    } catch (error) {
      throw new BulkError(`cannot reach the token endpoint ${tokenUrl} (${error instanceof Error ? error.message : String(error)})`);
    }
    const json = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    if (!response.ok || !json.access_token) {
      const why = json.error_description ?? json.error ?? `HTTP ${response.status}`;
      throw new BulkError(
        `the token endpoint refused client "${clientId}": ${why}. Check that the client id is registered for backend services with this key's public half (kid ${key.kid ?? 'none'}) and that it may have the scopes "${scope}"`,
      );
    }
    this.current = { token: json.access_token, expiresAt: this.now() + (json.expires_in ?? 300) * 1000 };
    return json.access_token;
  }
}
