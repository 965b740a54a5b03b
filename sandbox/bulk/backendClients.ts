/**
 * Backend-services clients (SMART Backend Services): a confidential client that signs its own
 * token requests with a private key and registers only the public half, as a JWKS file or a
 * JWKS URL. `--backend-client ID=PATH|URL` on the command line; tests pass registrations.
 */
import { readFile } from 'node:fs/promises';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export interface BackendClientRegistration {
  clientId: string;
  /** The client's public keys, inline. */
  jwks?: JSONWebKeySet;
  /** Or where to fetch them (read at each token request, with jose's cache). */
  jwksUrl?: string;
}

export class BackendClientRegistry {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  constructor(registrations: readonly BackendClientRegistration[]) {
    for (const r of registrations) {
      if (r.jwks) this.keySets.set(r.clientId, createLocalJWKSet(r.jwks));
      else if (r.jwksUrl) this.keySets.set(r.clientId, createRemoteJWKSet(new URL(r.jwksUrl)));
      else throw new Error(`backend client ${r.clientId} has neither a JWKS nor a JWKS URL`);
    }
  }

  keysOf(clientId: string): JWTVerifyGetKey | undefined {
    return this.keySets.get(clientId);
  }
}

/** `ID=PATH` or `ID=https://…/jwks.json`: a registration, with a local JWKS file read now. */
export async function backendClientFromArg(arg: string): Promise<BackendClientRegistration> {
  const eq = arg.indexOf('=');
  const clientId = eq > 0 ? arg.slice(0, eq) : '';
  const where = eq > 0 ? arg.slice(eq + 1) : '';
  if (!clientId || !where) throw new Error(`--backend-client needs ID=JWKS_FILE or ID=JWKS_URL, got "${arg}"`);
  if (/^https?:\/\//.test(where)) return { clientId, jwksUrl: where };
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(where, 'utf8'));
  } catch (error) {
    throw new Error(`--backend-client ${clientId}: cannot read the JWKS file ${where} (${error instanceof Error ? error.message : String(error)})`);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`--backend-client ${clientId}: ${where} is not a JWKS (an object with a non-empty "keys" array)`);
  return { clientId, jwks: parsed as JSONWebKeySet };
}
