import type { Observation } from '@medplum/fhirtypes';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildContactObservation, correctContactObservation, removeContactObservation } from '../../clinical/contacts';
import { WriteCapabilities } from '../capabilities';
import { FhirApi } from '../fhirApi';
import { parseGrantedScopes } from '../scopes';
import { CONTACT_TARGET, createContact, updateContact } from './contacts';
import { FakeFhirServer } from './fakeFhirServer.testkit';

const BASE = 'https://ehr.example.org/fhir';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const CONTACT_ID = '0e5c1f1a-2b3c-4d5e-8f90-a1b2c3d4e5f6';
const observation = buildContactObservation({
  contactId: CONTACT_ID,
  patientId: 'p1',
  performer: 'Practitioner/cm1',
  when: '2026-03-05T14:30:00-05:00',
  type: 'follow-up',
  modality: 'phone',
  minutes: 40,
  outcome: 'completed',
  scaleGiven: false,
  separatelyBilled: false,
  note: '',
  now: new Date('2026-03-05T19:31:00Z'),
});

function deps(scopes = 'launch user/*.cruds') {
  const api = new FhirApi({ serverUrl: BASE, timeoutMs: 2000, authorization: async () => 'Bearer t' });
  return { api, capabilities: new WriteCapabilities({ api, granted: parseGrantedScopes(scopes) }) };
}

function fake(conditionalCreate = true) {
  const f = new FakeFhirServer({ base: BASE, conditionalCreate });
  server.use(...f.handlers());
  return f;
}

const ORACLE_LIKE = {
  resourceType: 'CapabilityStatement',
  rest: [
    {
      mode: 'server',
      resource: [
        {
          type: 'Observation',
          interaction: [{ code: 'read' }, { code: 'create' }],
          extension: [
            {
              url: 'urn:cocm-registry:capability:create-limited-to',
              extension: [{ url: 'category', valueCoding: { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' } }],
            },
          ],
        },
      ],
    },
  ],
};

describe('createContact', () => {
  it('creates once with the contact identifier', async () => {
    const f = fake();
    const d = deps();
    const first = await createContact(observation, CONTACT_ID, false, d);
    expect(first).toMatchObject({ status: 'saved', existing: false });
    expect(f.requests[0]?.ifNoneExist).toBe(`identifier=urn%3Acocm-registry%3Acontact%7C${CONTACT_ID}`);
    const again = await createContact(observation, CONTACT_ID, false, d);
    expect(again).toMatchObject({ status: 'saved', existing: true });
    expect(f.all('Observation')).toHaveLength(1);
  });

  it('after a lost answer on a server without conditional create, looks first and sends nothing twice', async () => {
    const f = fake(false);
    f.fail('Observation', { kind: 'drop-after-store' });
    const d = deps();
    const lost = await createContact(observation, CONTACT_ID, false, d);
    expect(lost).toMatchObject({ status: 'failed' });
    expect(f.all('Observation')).toHaveLength(1);
    const retry = await createContact(observation, CONTACT_ID, true, d);
    expect(retry).toMatchObject({ status: 'saved', existing: true });
    expect(f.all('Observation')).toHaveLength(1);
  });

  it('says before sending when the EHR does not take registry Observations (Oracle-like)', async () => {
    const f = fake();
    server.use(http.get(`${BASE}/metadata`, () => HttpResponse.json(ORACLE_LIKE)));
    const d = deps();
    await d.capabilities.load();
    expect(d.capabilities.getSnapshot().verdict(CONTACT_TARGET)).toMatchObject({ status: 'not-allowed' });
    const result = await createContact(observation, CONTACT_ID, false, d);
    expect(result).toMatchObject({ status: 'not-allowed' });
    expect(f.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('learns a refusal at write time (Epic-like 422) and does not try again', async () => {
    const f = fake();
    f.refuse('Observation', 422, 1);
    const d = deps();
    expect(await createContact(observation, CONTACT_ID, false, d)).toMatchObject({ status: 'not-allowed', reason: expect.stringContaining('contact record') });
    expect(await createContact(observation, CONTACT_ID, false, d)).toMatchObject({ status: 'not-allowed' });
    expect(f.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a sign-in without Observation create is told at once', async () => {
    fake();
    const result = await createContact(observation, CONTACT_ID, false, deps('launch user/Observation.rs'));
    expect(result).toMatchObject({ status: 'not-allowed', reason: expect.stringContaining('sign-in') });
  });

  it('a 401 ends the session, with words that keep the contact', async () => {
    const f = fake();
    f.refuse('Observation', 401, 1);
    expect(await createContact(observation, CONTACT_ID, false, deps())).toMatchObject({ status: 'failed', sessionEnded: true });
  });
});

describe('updateContact', () => {
  function withPut(current: { versionId: string }) {
    const seen: Array<{ ifMatch: string | null; body: Observation }> = [];
    server.use(
      http.put(`${BASE}/Observation/:id`, async ({ request, params }) => {
        const body = (await request.json()) as Observation;
        const ifMatch = request.headers.get('if-match');
        seen.push({ ifMatch, body });
        if (ifMatch && ifMatch !== `W/"${current.versionId}"`) return new HttpResponse(null, { status: 412 });
        current.versionId = String(Number(current.versionId) + 1);
        return HttpResponse.json({ ...body, id: String(params.id), meta: { versionId: current.versionId } });
      }),
    );
    return seen;
  }
  const stored = { ...observation, id: 'o1', meta: { versionId: '1' } };

  it('sends a correction with If-Match on the version read', async () => {
    const seen = withPut({ versionId: '1' });
    const fixed = correctContactObservation(
      stored,
      {
        ...observation,
        when: '2026-03-05T14:30:00-05:00',
        type: 'follow-up',
        modality: 'video',
        minutes: 25,
        outcome: 'completed',
        scaleGiven: false,
        separatelyBilled: false,
        note: '',
      },
      new Date(),
    );
    expect(await updateContact(fixed, '1', deps())).toMatchObject({ status: 'saved', reference: 'Observation/o1' });
    expect(seen[0]?.ifMatch).toBe('W/"1"');
    expect(seen[0]?.body.status).toBe('corrected');
  });

  it('a removal changed by someone else meanwhile is not sent over it', async () => {
    withPut({ versionId: '2' });
    const removed = removeContactObservation(stored, 'duplicate', 'Practitioner/cm1', new Date());
    expect(await updateContact(removed, '1', deps())).toMatchObject({ status: 'changed' });
  });
});
