import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Flag } from '@medplum/fhirtypes';
import { FhirApi, parseLocation } from './fhirApi';

const BASE = 'https://ehr.example.org/fhir';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function api() {
  return new FhirApi({ serverUrl: BASE, timeoutMs: 2000, authorization: async () => 'Bearer t0k' });
}

const flag: Flag = { resourceType: 'Flag', status: 'active', code: { text: 'x' }, subject: { reference: 'Patient/1' } };

describe('FhirApi.create', () => {
  it('posts FHIR JSON with If-None-Exist and reads id, version, Location and ETag', async () => {
    let seen: { headers: Headers; body: unknown } | undefined;
    server.use(
      http.post(`${BASE}/Flag`, async ({ request }) => {
        seen = { headers: request.headers, body: await request.json() };
        return HttpResponse.json({ ...flag, id: 'f1', meta: { versionId: '1' } }, { status: 201, headers: { Location: `${BASE}/Flag/f1/_history/1`, ETag: 'W/"1"' } });
      }),
    );
    const query = new URLSearchParams({ identifier: 'urn:cocm-registry:screening|abc/flag' }).toString();
    const result = await api().create(flag, { ifNoneExist: query });
    expect(seen?.headers.get('if-none-exist')).toBe('identifier=urn%3Acocm-registry%3Ascreening%7Cabc%2Fflag');
    expect(seen?.headers.get('content-type')).toBe('application/fhir+json');
    expect(seen?.headers.get('prefer')).toBe('return=representation');
    expect(seen?.headers.get('authorization')).toBe('Bearer t0k');
    expect(seen?.body).toEqual(flag);
    expect(result).toMatchObject({ status: 201, id: 'f1', versionId: '1', etag: 'W/"1"', location: `${BASE}/Flag/f1/_history/1` });
    expect(result.resource?.id).toBe('f1');
  });

  it('takes the id from Location when the server sends no body', async () => {
    server.use(http.post(`${BASE}/Flag`, () => new HttpResponse(null, { status: 201, headers: { Location: 'Flag/f9/_history/3' } })));
    const result = await api().create(flag);
    expect(result).toMatchObject({ status: 201, id: 'f9', versionId: '3' });
    expect(result.resource).toBeUndefined();
  });

  it('reports 200 for an existing match of a conditional create', async () => {
    server.use(http.post(`${BASE}/Flag`, () => HttpResponse.json({ ...flag, id: 'old' }, { status: 200 })));
    await expect(api().create(flag, { ifNoneExist: 'identifier=x' })).resolves.toMatchObject({ status: 200, id: 'old' });
  });

  it('ignores an OperationOutcome body but keeps the Location id', async () => {
    server.use(http.post(`${BASE}/Flag`, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 201, headers: { Location: `${BASE}/Flag/f2` } })));
    const result = await api().create(flag);
    expect(result.resource).toBeUndefined();
    expect(result.id).toBe('f2');
  });

  it.each([
    [403, 'forbidden'],
    [405, 'not-allowed'],
    [422, 'unprocessable'],
    [401, 'unauthorized'],
  ])('maps a refused create (%i) to %s', async (status, kind) => {
    server.use(
      http.post(`${BASE}/Flag`, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'no' }] }, { status })),
    );
    await expect(api().create(flag)).rejects.toMatchObject({ kind, status });
  });
});

describe('FhirApi.update', () => {
  it('puts to the instance URL with If-Match and returns the new ETag', async () => {
    let ifMatch: string | null = null;
    server.use(
      http.put(`${BASE}/Flag/f1`, ({ request }) => {
        ifMatch = request.headers.get('if-match');
        return HttpResponse.json({ ...flag, id: 'f1', status: 'inactive', meta: { versionId: '2' } }, { headers: { ETag: 'W/"2"' } });
      }),
    );
    const result = await api().update({ ...flag, id: 'f1', status: 'inactive' }, { ifMatch: 'W/"1"' });
    expect(ifMatch).toBe('W/"1"');
    expect(result).toMatchObject({ status: 200, id: 'f1', versionId: '2', etag: 'W/"2"' });
  });

  it('maps 412 to precondition-failed', async () => {
    server.use(http.put(`${BASE}/Flag/f1`, () => new HttpResponse(null, { status: 412 })));
    await expect(api().update({ ...flag, id: 'f1' }, { ifMatch: 'W/"1"' })).rejects.toMatchObject({ kind: 'precondition-failed' });
  });
});

describe('parseLocation', () => {
  it('reads relative and absolute locations, with and without history', () => {
    expect(parseLocation('Observation/a1', 'Observation')).toEqual({ id: 'a1' });
    expect(parseLocation('https://x/fhir/Observation/a1/_history/7', 'Observation')).toEqual({ id: 'a1', versionId: '7' });
    expect(parseLocation('https://x/fhir/Flag/a1', 'Observation')).toEqual({});
    expect(parseLocation(undefined, 'Observation')).toEqual({});
  });
});
