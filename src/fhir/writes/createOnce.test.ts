import type { Flag } from '@medplum/fhirtypes';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FhirApi } from '../fhirApi';
import { createOnce } from './createOnce';
import { FakeFhirServer } from './fakeFhirServer.testkit';

const BASE = 'https://ehr.example.org/fhir';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const api = () => new FhirApi({ serverUrl: BASE, timeoutMs: 2000, authorization: async () => 'Bearer t' });
const identifier = { system: 'urn:cocm-registry:screening', value: 'u1/safety-flag' };
const flag: Flag = { resourceType: 'Flag', identifier: [identifier], status: 'active', code: { text: 'x' }, subject: { reference: 'Patient/p1' } };

function fake(conditionalCreate = true) {
  const f = new FakeFhirServer({ base: BASE, conditionalCreate });
  server.use(...f.handlers());
  return f;
}

describe('createOnce', () => {
  it('creates with If-None-Exist and returns the reference', async () => {
    const f = fake();
    const result = await createOnce(api(), flag, identifier);
    expect(result.outcome).toBe('created');
    expect(result.reference).toMatch(/^Flag\/flag-\d+$/);
    expect(f.requests[0]?.ifNoneExist).toBe('identifier=urn%3Acocm-registry%3Ascreening%7Cu1%2Fsafety-flag');
  });

  it('a retry after the answer was lost finds the first copy: exactly one exists', async () => {
    const f = fake();
    f.fail('Flag', { kind: 'drop-after-store' });
    await expect(createOnce(api(), flag, identifier)).rejects.toMatchObject({ kind: 'network' });
    expect(f.all('Flag')).toHaveLength(1);
    const retry = await createOnce(api(), flag, identifier);
    expect(retry.outcome).toBe('existing');
    expect(f.all('Flag')).toHaveLength(1);
    expect(retry.reference).toBe(`Flag/${f.all('Flag')[0]?.id}`);
  });

  it('searches first when asked, for a server that ignores If-None-Exist', async () => {
    const f = fake(false);
    f.fail('Flag', { kind: 'drop-after-store' });
    await expect(createOnce(api(), flag, identifier)).rejects.toBeDefined();
    const retry = await createOnce(api(), flag, identifier, { searchFirst: true });
    expect(retry.outcome).toBe('existing');
    expect(f.all('Flag')).toHaveLength(1);
    expect(f.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('two concurrent sends leave one copy on a server whose conditional create is atomic', async () => {
    const f = fake();
    const [a, b] = await Promise.all([createOnce(api(), flag, identifier), createOnce(api(), flag, identifier)]);
    expect(f.all('Flag')).toHaveLength(1);
    expect([a.outcome, b.outcome].sort()).toEqual(['created', 'existing']);
  });

  it('passes a refusal through as a FhirError', async () => {
    const f = fake();
    f.refuse('Flag', 403, 1);
    await expect(createOnce(api(), flag, identifier)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(f.all('Flag')).toHaveLength(0);
  });
});
