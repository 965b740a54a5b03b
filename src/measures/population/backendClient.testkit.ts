/**
 * A SMART Backend Services client for the tests that run `npm run measures -- --fhir` against
 * the sandbox: an ES384 key pair, the private JWK written to a file (what `--key` takes) and
 * the public JWKS as the sandbox's registration of the client.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import type { Resource } from '@medplum/fhirtypes';
import type { BackendClientRegistration } from '../../../sandbox/bulk/backendClients';
import { startSandbox, type Sandbox } from '../../../sandbox/server';

async function testBackendClient(clientId: string, dir: string): Promise<{ keyPath: string; registration: BackendClientRegistration }> {
  const pair = await generateKeyPair('ES384', { extractable: true });
  const keyPath = join(dir, `${clientId}-key.json`);
  await writeFile(keyPath, JSON.stringify({ ...(await exportJWK(pair.privateKey)), kid: 'k', alg: 'ES384' }));
  return { keyPath, registration: { clientId, jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k', alg: 'ES384' }] } } };
}

/**
 * The sandbox with one backend client registered, serving `source` (resources, or a `--data`
 * path), with quick export jobs; the client's `--key` file in `dir`.
 */
export async function startBulkSandbox(clientId: string, dir: string, source: { resources: Resource[] } | { data: string }): Promise<{ sandbox: Sandbox; keyPath: string }> {
  const client = await testBackendClient(clientId, dir);
  const sandbox = await startSandbox({ port: 0, ...source, appDir: '/nonexistent', backendClients: [client.registration], bulkMinDurationMs: 200 });
  return { sandbox, keyPath: client.keyPath };
}
