/** "Handout given" under each profile's CapabilityStatement (msw): all three take a Communication, once. */
import type { Communication } from '@medplum/fhirtypes';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { capabilityStatement } from '../../../sandbox/fhir/capability';
import { getProfile } from '../../../sandbox/fhir/profiles';
import { readHandoutsGiven } from '../../clinical/education';
import { FhirApi } from '../fhirApi';
import { parseGrantedScopes } from '../scopes';
import { recordHandoutGiven } from './education';
import { FakeFhirServer } from './fakeFhirServer.testkit';

const BASE = 'https://ehr.example.org/fhir';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe.each(['generic', 'epic', 'oracle'] as const)('under the %s profile', (profile) => {
  it('records the handout given once, even when sent twice', async () => {
    const fake = new FakeFhirServer({ base: BASE });
    server.use(
      http.get(`${BASE}/metadata`, () => HttpResponse.json(capabilityStatement('https://ehr.example.org', getProfile(profile)))),
      ...fake.handlers(),
    );
    const writer = { api: new FhirApi({ serverUrl: BASE, timeoutMs: 2000, authorization: async () => 'Bearer t' }), granted: parseGrantedScopes('launch user/*.cruds') };
    const input = { actionId: 'a1', patientId: 'p1', handout: 'crisis-card' as const, printed: true, sender: 'Practitioner/cm1', when: '2026-12-01T10:00:00-05:00' };
    expect((await recordHandoutGiven(writer, input)).status).toBe('saved');
    expect((await recordHandoutGiven(writer, input)).status).toBe('saved');
    expect(readHandoutsGiven(fake.all('Communication') as Communication[]).map((g) => g.handout)).toEqual(['crisis-card']);
  });
});

it('says so when the sign-in does not allow it', async () => {
  const fake = new FakeFhirServer({ base: BASE });
  server.use(
    http.get(`${BASE}/metadata`, () => HttpResponse.json(capabilityStatement('https://ehr.example.org', getProfile('generic')))),
    ...fake.handlers(),
  );
  const writer = { api: new FhirApi({ serverUrl: BASE, timeoutMs: 2000, authorization: async () => 'Bearer t' }), granted: parseGrantedScopes('launch user/Observation.rs') };
  const outcome = await recordHandoutGiven(writer, { actionId: 'a2', patientId: 'p1', handout: 'depression', printed: false, when: '2026-12-01T10:00:00-05:00' });
  expect(outcome).toEqual({ status: 'not-allowed', reason: 'Your sign-in does not allow the app to save messages to the patient in this EHR.' });
  expect(fake.all('Communication')).toEqual([]);
});
