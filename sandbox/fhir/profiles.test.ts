/**
 * The epic and oracle profiles over HTTP: what /metadata advertises is what the server
 * enforces (Epic: mapped flowsheet rows only, Flags read-only, no cross-patient search;
 * Oracle: vital signs and labs only, no QuestionnaireResponse create, no Flag).
 */
import type { CapabilityStatement } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../server.ts';
import { bearer, launchAndToken } from '../testing/smart.ts';
import { CREATE_LIMIT_EXTENSION } from './profiles.ts';

const patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Test', given: ['Pat'] }] };
const practitioner = { resourceType: 'Practitioner', id: 'u1', name: [{ family: 'User' }] };

function observation(code: string, category: string) {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: category }] }],
    code: { coding: [{ system: 'http://loinc.org', code }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2026-11-01T10:00:00-05:00',
    valueQuantity: { value: 7, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' },
  };
}

const flag = { resourceType: 'Flag', status: 'active', code: { text: 'x' }, subject: { reference: 'Patient/p1' } };
const form = { resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'http://loinc.org/q/44249-1', subject: { reference: 'Patient/p1' } };

async function withProfile(profile: 'epic' | 'oracle') {
  const sandbox = await startSandbox({ port: 0, profile, resources: [patient, practitioner] as never, quiet: true });
  const { access_token: token } = await launchAndToken(sandbox.origin, { patient: 'p1', scope: 'launch openid fhirUser user/*.cruds' });
  const post = (body: object) =>
    fetch(`${sandbox.fhirBase}/${(body as { resourceType: string }).resourceType}`, {
      method: 'POST',
      headers: { ...bearer(token), 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(body),
    });
  const get = (path: string) => fetch(`${sandbox.fhirBase}/${path}`, { headers: bearer(token) });
  return { sandbox, post, get };
}

function resourceEntry(cs: CapabilityStatement, type: string) {
  return cs.rest?.[0]?.resource?.find((r) => r.type === type);
}

describe('epic profile', () => {
  let env: Awaited<ReturnType<typeof withProfile>>;
  beforeAll(async () => {
    env = await withProfile('epic');
  });
  afterAll(async () => env.sandbox.close());

  it('advertises mapped flowsheet codes and a read-only Flag', async () => {
    const cs = (await (await env.get('metadata')).json()) as CapabilityStatement;
    const obs = resourceEntry(cs, 'Observation');
    expect(obs?.interaction?.map((i) => i.code)).toContain('create');
    const limit = obs?.extension?.find((e) => e.url === CREATE_LIMIT_EXTENSION);
    expect(limit?.extension?.filter((e) => e.url === 'code').map((e) => e.valueCoding?.code)).toEqual(['44261-6', '70274-6']);
    expect(resourceEntry(cs, 'Flag')?.interaction?.map((i) => i.code)).not.toContain('create');
    expect(resourceEntry(cs, 'QuestionnaireResponse')?.interaction?.map((i) => i.code)).toContain('create');
  });

  it('files a mapped total, refuses an unmapped code with 422, and a Flag with 405', async () => {
    expect((await env.post(observation('44261-6', 'survey'))).status).toBe(201);
    const refused = await env.post(observation('55758-7', 'survey'));
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toMatch(/not mapped to a flowsheet row/);
    expect((await env.post(flag)).status).toBe(405);
    expect((await env.post(form)).status).toBe(201);
  });

  it('refuses a search across patients but answers one per patient', async () => {
    const across = await env.get('Observation?code=http%3A%2F%2Floinc.org%7C44261-6');
    expect(across.status).toBe(400);
    expect(JSON.stringify(await across.json())).toMatch(/patient .*required/i);
    expect((await env.get('Observation?patient=p1')).status).toBe(200);
    expect((await env.get('Patient?name=Test')).status).toBe(200);
  });
});

describe('oracle profile', () => {
  let env: Awaited<ReturnType<typeof withProfile>>;
  beforeAll(async () => {
    env = await withProfile('oracle');
  });
  afterAll(async () => env.sandbox.close());

  it('advertises vital-sign and laboratory Observation creates, no QuestionnaireResponse create, no Flag', async () => {
    const cs = (await (await env.get('metadata')).json()) as CapabilityStatement;
    const limit = resourceEntry(cs, 'Observation')?.extension?.find((e) => e.url === CREATE_LIMIT_EXTENSION);
    expect(limit?.extension?.map((e) => e.valueCoding?.code)).toEqual(['vital-signs', 'laboratory']);
    expect(resourceEntry(cs, 'QuestionnaireResponse')?.interaction?.map((i) => i.code)).not.toContain('create');
    expect(resourceEntry(cs, 'Flag')).toBeUndefined();
  });

  it('refuses a survey Observation (422), a form (405) and a Flag (404); takes a vital sign', async () => {
    expect((await env.post(observation('44261-6', 'survey'))).status).toBe(422);
    expect((await env.post(observation('8867-4', 'vital-signs'))).status).toBe(201);
    expect((await env.post(form)).status).toBe(405);
    expect((await env.post(flag)).status).toBe(404);
  });
});
