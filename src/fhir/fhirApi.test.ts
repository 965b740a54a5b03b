import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FhirApi } from './fhirApi';
import { FhirError } from './fhirError';

const BASE = 'https://ehr.example.org/fhir';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function api(timeoutMs = 2000) {
  return new FhirApi({ serverUrl: BASE, timeoutMs, authorization: async () => 'Bearer t0k' });
}

function obs(id: string) {
  return { resourceType: 'Observation', id, status: 'final', code: { text: 'x' } };
}

function page(ids: string[], next?: string) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: ids.map((id) => ({ fullUrl: `${BASE}/Observation/${id}`, resource: obs(id), search: { mode: 'match' } })),
    link: next ? [{ relation: 'next', url: next }] : [],
  };
}

describe('FhirApi.search', () => {
  it('follows every next link, sends the bearer token and percent-encodes values', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/Observation`, ({ request }) => {
        const url = new URL(request.url);
        seen.push(url.search);
        expect(request.headers.get('authorization')).toBe('Bearer t0k');
        const p = url.searchParams.get('page') ?? '1';
        if (p === '1') return HttpResponse.json(page(['a', 'b'], `${BASE}/Observation?page=2`));
        if (p === '2') return HttpResponse.json(page(['c', 'b'], `${BASE}/Observation?page=3`));
        return HttpResponse.json(page(['d']));
      }),
    );
    const result = await api().search('Observation', { patient: 'p1', code: ['http://loinc.org|44261-6', 'http://loinc.org|70274-6'] });
    expect(result.resources.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(result.pages).toBe(3);
    expect(result.truncated).toBe(false);
    expect(seen[0]).toBe('?patient=p1&code=http%3A%2F%2Floinc.org%7C44261-6&code=http%3A%2F%2Floinc.org%7C70274-6');
  });

  it('stops at the page cap and says so', async () => {
    server.use(
      http.get(`${BASE}/Observation`, ({ request }) => {
        const n = Number(new URL(request.url).searchParams.get('page') ?? '1');
        return HttpResponse.json(page([`o${n}`], `${BASE}/Observation?page=${n + 1}`));
      }),
    );
    const result = await api().search('Observation', {}, { maxPages: 3 });
    expect(result.resources).toHaveLength(3);
    expect(result.truncated).toBe(true);
  });

  it('repairs next links that point at another host', async () => {
    server.use(
      http.get(`${BASE}/Observation`, ({ request }) => {
        const p = new URL(request.url).searchParams.get('page');
        if (!p) return HttpResponse.json(page(['a'], 'http://internal-node:8080/fhir/Observation?page=2'));
        return HttpResponse.json(page(['b']));
      }),
    );
    const result = await api().search('Observation', {});
    expect(result.resources.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('stops when a server links a page to itself', async () => {
    server.use(http.get(`${BASE}/Observation`, () => HttpResponse.json(page(['a'], `${BASE}/Observation`))));
    const result = await api().search('Observation', {});
    expect(result.resources).toHaveLength(1);
    expect(result.truncated).toBe(false);
  });

  it('keeps included resources apart from matches', async () => {
    server.use(
      http.get(`${BASE}/QuestionnaireResponse`, () =>
        HttpResponse.json({
          resourceType: 'Bundle',
          entry: [
            { resource: { resourceType: 'QuestionnaireResponse', id: 'q1', status: 'completed' }, search: { mode: 'match' } },
            { resource: { resourceType: 'Questionnaire', id: 'form', status: 'active' }, search: { mode: 'include' } },
          ],
        }),
      ),
    );
    const result = await api().search('QuestionnaireResponse', { _include: 'QuestionnaireResponse:questionnaire' });
    expect(result.resources.map((r) => r.id)).toEqual(['q1']);
    expect(result.included.map((r) => r.resourceType)).toEqual(['Questionnaire']);
  });

  it('refuses an answer that is not a Bundle', async () => {
    server.use(http.get(`${BASE}/Observation`, () => HttpResponse.json({ resourceType: 'Patient', id: 'x' })));
    await expect(api().search('Observation', {})).rejects.toMatchObject({ kind: 'invalid-response' });
  });

  it('refuses a body that is not JSON', async () => {
    server.use(http.get(`${BASE}/Observation`, () => new HttpResponse('<html>proxy error</html>', { status: 200, headers: { 'Content-Type': 'text/html' } })));
    await expect(api().search('Observation', {})).rejects.toMatchObject({ kind: 'invalid-response' });
  });
});

describe('FhirApi errors', () => {
  const cases: Array<[number, string, RegExp]> = [
    [401, 'unauthorized', /session has ended/],
    [403, 'forbidden', /does not include questionnaire responses/],
    [404, 'not-found', /could not find/],
    [405, 'not-allowed', /does not allow/],
    [409, 'conflict', /conflict/],
    [412, 'precondition-failed', /changed/],
    [422, 'unprocessable', /did not accept/],
    [400, 'bad-request', /refused/],
    [429, 'rate-limited', /in 7 seconds/],
    [500, 'server', /error 500/],
    [503, 'server', /error 503/],
  ];
  it.each(cases)('maps HTTP %i to %s with words for the user', async (status, kind, words) => {
    server.use(
      http.get(`${BASE}/QuestionnaireResponse`, () =>
        HttpResponse.json(
          { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'scope' }] },
          { status, headers: { 'Retry-After': '7' } },
        ),
      ),
    );
    const error = await api()
      .search('QuestionnaireResponse', { patient: '1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).kind).toBe(kind);
    expect((error as FhirError).status).toBe(status);
    expect((error as FhirError).userMessage).toMatch(words);
    expect((error as FhirError).options.diagnostics).toBe('scope');
  });

  it('gives up after the timeout with a timeout error', async () => {
    server.use(
      http.get(`${BASE}/Patient/1`, async () => {
        await delay(500);
        return HttpResponse.json({ resourceType: 'Patient', id: '1' });
      }),
    );
    await expect(api(50).read('Patient', '1')).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('reports a network failure as such', async () => {
    server.use(http.get(`${BASE}/Patient/1`, () => HttpResponse.error()));
    await expect(api().read('Patient', '1')).rejects.toMatchObject({ kind: 'network' });
  });

  it('refuses a read that answers with another resource type', async () => {
    server.use(http.get(`${BASE}/Patient/1`, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] })));
    await expect(api().read('Patient', '1')).rejects.toMatchObject({ kind: 'invalid-response' });
  });

  it('passes a caller abort through untouched', async () => {
    server.use(
      http.get(`${BASE}/Patient/1`, async () => {
        await delay(300);
        return HttpResponse.json({ resourceType: 'Patient', id: '1' });
      }),
    );
    const controller = new AbortController();
    const pending = api().read('Patient', '1', controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
