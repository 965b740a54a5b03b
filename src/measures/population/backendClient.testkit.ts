/**
 * A SMART Backend Services client for the tests that run `npm run measures -- --fhir` against
 * the sandbox: an ES384 key pair, the private JWK written to a file (what `--key` takes) and
 * the public JWKS as the sandbox's registration of the client.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import type { BackendClientRegistration } from '../../../sandbox/bulk/backendClients';

export async function testBackendClient(clientId: string, dir: string): Promise<{ keyPath: string; registration: BackendClientRegistration }> {
  const pair = await generateKeyPair('ES384', { extractable: true });
  const keyPath = join(dir, `${clientId}-key.json`);
  await writeFile(keyPath, JSON.stringify({ ...(await exportJWK(pair.privateKey)), kid: 'k', alg: 'ES384' }));
  return { keyPath, registration: { clientId, jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k', alg: 'ES384' }] } } };
}
