import type { Bundle, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../server.ts';
import { bearer, launchAndToken } from '../testing/smart.ts';

let sb: Sandbox;
let epic: Sandbox;
let token: string;

const resources: Resource[] = [
  { resourceType: 'Patient', id: 'p1', name: [{ family: 'Batch', given: ['Bea'] }] },
  { resourceType: 'Practitioner', id: 'cm1', name: [{ family: 'Manager', given: ['Casey'] }] },
  ...Array.from({ length: 3 }, (_, i): Resource => ({ resourceType: 'Condition', id: `c${i}`, subject: { reference: 'Patient/p1' }, code: { text: `condition ${i}` } })),
  ...Array.from({ length: 250 }, (_, i): Resource => ({
    resourceType: 'Goal',
    id: `g${i}`,
    lifecycleStatus: 'active',
    description: { text: `goal ${i}` },
    subject: { reference: 'Patient/p1' },
  })),
];

beforeAll(async () => {
  sb = await startSandbox({ port: 0, resources, appDir: '/nonexistent', faults: 'MedicationRequest:503:1' });
  epic = await startSandbox({ port: 0, resources, appDir: '/nonexistent', profile: 'epic' });
  token = (await launchAndToken(sb.origin)).access_token;
});
afterAll(async () => {
  await sb.close();
  await epic.close();
});

function batch(base: string, urls: string[], auth = token): Promise<Response> {
  const body: Bundle = { resourceType: 'Bundle', type: 'batch', entry: urls.map((url) => ({ request: { method: 'GET', url } })) };
  return fetch(`${base}/`, { method: 'POST', headers: bearer(auth, { 'Content-Type': 'application/fhir+json' }), body: JSON.stringify(body) });
}

describe('batch', () => {
  it('is advertised in the CapabilityStatement of the generic profile, not of epic', async () => {
    const generic = (await (await fetch(`${sb.fhirBase}/metadata`)).json()) as { rest: { interaction?: { code: string }[] }[] };
    expect(generic.rest[0]?.interaction).toEqual([{ code: 'batch' }]);
    const imitated = (await (await fetch(`${epic.fhirBase}/metadata`)).json()) as { rest: { interaction?: unknown[] }[] };
    expect(imitated.rest[0]?.interaction).toBeUndefined();
  });

  it('answers each entry on its own: searches with paging links, a read, and a failed entry failing alone', async () => {
    const res = await batch(sb.fhirBase, ['Condition?patient=p1', 'Goal?patient=p1&_count=200', 'MedicationRequest?patient=p1', 'Patient/p1', 'Nonsense?x=1']);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Bundle<Resource>;
    expect(answer.type).toBe('batch-response');
    const [conditions, goals, meds, patient, nonsense] = answer.entry ?? [];
    expect(conditions?.response?.status).toBe('200 OK');
    expect((conditions?.resource as Bundle).entry).toHaveLength(3);
    // Patient-compartment searches get the same paging as on their own: the next link works.
    const next = (goals?.resource as Bundle).link?.find((l) => l.relation === 'next')?.url;
    expect((goals?.resource as Bundle).entry).toHaveLength(200);
    expect(next).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir\/Goal\?/);
    expect(meds?.response?.status).toMatch(/^503/);
    expect(meds?.response?.outcome?.resourceType).toBe('OperationOutcome');
    expect(patient?.resource?.resourceType).toBe('Patient');
    expect(nonsense?.response?.status).toMatch(/^404/);
  });

  it('checks the token per entry, and refuses a batch on a profile that does not offer it', async () => {
    expect((await batch(sb.fhirBase, ['Condition?patient=p1'], 'not-a-token')).status).toBe(200);
    const refused = (await (await batch(sb.fhirBase, ['Condition?patient=p1'], 'not-a-token')).json()) as Bundle;
    expect(refused.entry?.[0]?.response?.status).toMatch(/^401/);
    const epicToken = (await launchAndToken(epic.origin)).access_token;
    expect((await batch(epic.fhirBase, ['Condition?patient=p1'], epicToken)).status).toBe(405);
  });
});
