import type { Observation, Patient, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../server.ts';
import { bearer, launchAndToken } from '../testing/smart.ts';

let sb: Sandbox;
let token: string;

const patient: Patient = {
  resourceType: 'Patient',
  id: 'p1',
  name: [{ family: 'Paging', given: ['Pat'] }],
  identifier: [{ system: 'http://sandbox.cocm.example/mrn', value: 'M1' }],
};
const other: Patient = { resourceType: 'Patient', id: 'p2', name: [{ family: 'Other', given: ['Olive'] }] };

function obs(i: number, subject: string): Observation {
  return {
    resourceType: 'Observation',
    id: `o${i}`,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: i % 2 ? '44261-6' : '70274-6' }] },
    subject: { reference: `Patient/${subject}` },
    effectiveDateTime: new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 250) * 86_400_000).toISOString(),
    valueInteger: i % 27,
  };
}

beforeAll(async () => {
  const resources: Resource[] = [
    patient,
    other,
    { resourceType: 'Practitioner', id: 'cm1', name: [{ family: 'Manager', given: ['Casey'] }] },
    ...Array.from({ length: 250 }, (_, i) => obs(i, 'p1')),
    ...Array.from({ length: 5 }, (_, i) => obs(1000 + i, 'p2')),
    { resourceType: 'Flag', id: 'f1', status: 'active', code: { text: 'safety' }, subject: { reference: 'Patient/p1' } },
    { resourceType: 'Flag', id: 'f2', status: 'inactive', code: { text: 'old' }, subject: { reference: 'Patient/p1' } },
  ];
  sb = await startSandbox({ port: 0, resources, appDir: '/nonexistent', appOrigins: ['http://localhost:5173'] });
  token = (await launchAndToken(sb.origin)).access_token;
});
afterAll(() => sb.close());

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(path.startsWith('http') ? path : `${sb.fhirBase}/${path}`, { headers: bearer(token, headers) });
}

interface SearchBundle {
  total: number;
  entry?: { fullUrl: string; resource: Resource; search: { mode: string } }[];
  link: { relation: string; url: string }[];
}

describe('search', () => {
  it('pages a 250-resource search by next links: every resource once, absolute links', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${sb.fhirBase}/Observation?patient=p1`;
    let pages = 0;
    while (url) {
      const res = await get(url);
      expect(res.status).toBe(200);
      const bundle = (await res.json()) as SearchBundle;
      expect(bundle.total).toBe(250);
      pages++;
      for (const e of bundle.entry ?? []) seen.push(e.resource.id!);
      url = bundle.link.find((l) => l.relation === 'next')?.url;
      if (url) expect(url.startsWith(sb.fhirBase + '/Observation?')).toBe(true);
    }
    expect(pages).toBe(5); // default page size 50
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
  });

  it('caps _count at 1000 and gives fullUrl and search.mode', async () => {
    const bundle = (await (await get('Observation?subject=Patient/p1&_count=5000')).json()) as SearchBundle;
    expect(bundle.entry).toHaveLength(250);
    // The page size the server applied is in its links (what an app reads instead of its own _count).
    expect(new URL(bundle.link.find((l) => l.relation === 'self')!.url).searchParams.get('_count')).toBe('1000');
    expect(bundle.entry![0]!.fullUrl).toBe(`${sb.fhirBase}/Observation/${bundle.entry![0]!.resource.id}`);
    expect(bundle.entry![0]!.search.mode).toBe('match');
  });

  it('answers patient=<bare id> and subject=<bare id> like Patient/<id>, with code and date filters', async () => {
    const bare = (await (await get('Observation?patient=p2&_count=200')).json()) as SearchBundle;
    expect(bare.total).toBe(5);
    const subject = (await (await get('Observation?subject=p2')).json()) as SearchBundle;
    expect(subject.total).toBe(5);
    const code = (await (await get(`Observation?patient=p1&code=${encodeURIComponent('http://loinc.org|44261-6')}`)).json()) as SearchBundle;
    expect(code.total).toBe(125);
    const dated = (await (await get('Observation?patient=p1&date=ge2024-06-01&_count=200')).json()) as SearchBundle;
    expect(dated.total).toBeGreaterThan(0);
    expect(dated.total).toBeLessThan(250);
    for (const e of dated.entry ?? []) expect((e.resource as Observation).effectiveDateTime! >= '2024-06-01').toBe(true);
  });

  it('sorts by date as instants', async () => {
    const bundle = (await (await get('Observation?patient=p1&_sort=-date&_count=200')).json()) as SearchBundle;
    const dates = bundle.entry!.map((e) => Date.parse((e.resource as Observation).effectiveDateTime!));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('answers Flag?status= (not an R4 parameter) and reports unknown parameters instead of matching nothing', async () => {
    const flags = (await (await get('Flag?patient=p1&status=active')).json()) as SearchBundle;
    expect(flags.entry?.filter((e) => e.search.mode === 'match').map((e) => e.resource.id)).toEqual(['f1']);
    const unknown = (await (await get('Observation?patient=p2&bogus=1')).json()) as SearchBundle;
    expect(unknown.total).toBe(5);
    expect(unknown.entry?.some((e) => e.search.mode === 'outcome')).toBe(true);
    expect((await get('Observation?bogus=1', { Prefer: 'handling=strict' })).status).toBe(400);
  });

  it('finds patients by identifier value and by name', async () => {
    expect(((await (await get('Patient?identifier=M1')).json()) as SearchBundle).total).toBe(1);
    expect(((await (await get('Patient?name=pagi')).json()) as SearchBundle).total).toBe(1);
  });
});

describe('reads, writes and headers', () => {
  const newObs = (): Observation => ({
    resourceType: 'Observation',
    status: 'final',
    identifier: [{ system: 'urn:test', value: 'once' }],
    code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
    subject: { reference: 'Patient/p2' },
    valueInteger: 7,
  });

  it('create gives 201 with Location and ETag, exposed through CORS', async () => {
    const res = await fetch(`${sb.fhirBase}/Observation`, {
      method: 'POST',
      headers: bearer(token, { 'Content-Type': 'application/fhir+json', Origin: 'http://localhost:5173' }),
      body: JSON.stringify({ ...newObs(), identifier: [{ system: 'urn:test', value: 'headers' }] }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Observation;
    expect(res.headers.get('location')).toBe(`${sb.fhirBase}/Observation/${created.id}/_history/${created.meta!.versionId}`);
    expect(res.headers.get('etag')).toBe(`W/"${created.meta!.versionId}"`);
    const exposed = res.headers.get('access-control-expose-headers') ?? '';
    for (const h of ['Location', 'ETag', 'Content-Location', 'X-Sandbox-Time-Ms']) expect(exposed).toContain(h);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(Number(res.headers.get('x-sandbox-time-ms'))).toBeGreaterThanOrEqual(0);
  });

  it('answers a CORS preflight', async () => {
    const res = await fetch(`${sb.fhirBase}/Observation`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, if-none-exist' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('if-none-exist');
  });

  it('conditional create (If-None-Exist) does not duplicate', async () => {
    const post = (): Promise<Response> =>
      fetch(`${sb.fhirBase}/Observation`, {
        method: 'POST',
        headers: bearer(token, { 'Content-Type': 'application/fhir+json', 'If-None-Exist': 'identifier=urn:test|once' }),
        body: JSON.stringify(newObs()),
      });
    const first = await post();
    expect(first.status).toBe(201);
    const second = await post();
    expect(second.status).toBe(200);
    expect(((await second.json()) as Observation).id).toBe(((await first.json()) as Observation).id);
    expect(((await (await get('Observation?identifier=urn:test|once')).json()) as SearchBundle).total).toBe(1);
  });

  it('update with a stale If-Match gets 412; with the current one, 200 and a new ETag', async () => {
    const read = await get('Observation/o1');
    const etag = read.headers.get('etag')!;
    const body = (await read.json()) as Observation;
    const put = (ifMatch: string): Promise<Response> =>
      fetch(`${sb.fhirBase}/Observation/o1`, {
        method: 'PUT',
        headers: bearer(token, { 'Content-Type': 'application/fhir+json', 'If-Match': ifMatch }),
        body: JSON.stringify({ ...body, valueInteger: 3 }),
      });
    expect((await put('W/"not-the-version"')).status).toBe(412);
    const ok = await put(etag);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).not.toBe(etag);
  });

  it('maps malformed requests to OperationOutcomes with the right status', async () => {
    const post = (type: string, body: string): Promise<Response> =>
      fetch(`${sb.fhirBase}/${type}`, { method: 'POST', headers: bearer(token, { 'Content-Type': 'application/fhir+json' }), body });
    expect((await post('Observation', '{not json')).status).toBe(400);
    expect((await post('Observation', JSON.stringify({ resourceType: 'Flag' }))).status).toBe(400);
    expect((await post('Observation', JSON.stringify({ resourceType: 'Observation', status: 'final', valueInteger: 'x' }))).status).toBe(422);
    expect((await post('Patient', JSON.stringify({ resourceType: 'Patient' }))).status).toBe(405);
    expect((await get('Observation/does-not-exist')).status).toBe(404);
    const unknownType = await get('Unicorn');
    expect(unknownType.status).toBe(404);
    expect(((await unknownType.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });
});
