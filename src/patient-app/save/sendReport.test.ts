import type { Communication, Flag, QuestionnaireResponse } from '@medplum/fhirtypes';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CompletedScreening, RecordClock } from '../../clinical/records';
import { WriteCapabilities } from '../../fhir/capabilities';
import { FhirApi } from '../../fhir/fhirApi';
import { parseGrantedScopes } from '../../fhir/scopes';
import { FakeFhirServer } from '../../fhir/writes/fakeFhirServer.testkit';
import { writableTypes } from '../../fhir/testing/capabilityStatement';
import type { RecordProgress } from '../../screening/model/draft';
import { sendReport } from './sendReport';

const BASE = 'https://ehr.example.org/fhir';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const clock: RecordClock = { now: new Date('2026-03-05T15:00:00Z'), utcOffsetMinutes: -300 };
const SCOPES = 'launch/patient openid fhirUser patient/*.rs patient/QuestionnaireResponse.c patient/Observation.c patient/Flag.c patient/Communication.c';
const metadata = writableTypes;

function screening(item9: number): CompletedScreening {
  return {
    screeningId: '5d1f7a52-0000-4000-8000-000000000001',
    patientId: 'p1',
    author: 'Patient/p1',
    patientBirthDate: '1980-04-02',
    administered: [
      { instrument: 'phq9', scores: [1, 1, 0, 2, 1, 0, 1, 0, item9] },
      { instrument: 'gad7', scores: [1, 2, 1, 0, 0, 1, 1] },
    ],
  };
}

async function setup(types: string[]) {
  const fake = new FakeFhirServer({ base: BASE });
  server.use(
    http.get(`${BASE}/metadata`, () => HttpResponse.json(metadata(types))),
    ...fake.handlers(),
  );
  const api = new FhirApi({ serverUrl: BASE, timeoutMs: 2000, authorization: async () => 'Bearer t' });
  const capabilities = new WriteCapabilities({ api, granted: parseGrantedScopes(SCOPES) });
  await capabilities.load();
  const progress: Record<string, RecordProgress> = {};
  const deps = {
    api,
    capabilities,
    careManager: 'Practitioner/cm1',
    onProgress: (key: string, p: RecordProgress | undefined) => {
      if (p) progress[key] = p;
      else delete progress[key];
    },
  };
  return { fake, progress, deps };
}

const of = <T>(fake: FakeFhirServer, type: string) => (fake.store.get(type) ?? []) as T[];

describe('sendReport', () => {
  it('a positive item 9: forms, totals, the safety Flag and one urgent message to the care manager; a resend adds nothing', async () => {
    const { fake, progress, deps } = await setup(['QuestionnaireResponse', 'Observation', 'Flag', 'Communication']);
    const result = await sendReport(screening(2), clock, progress, deps);
    expect(result).toMatchObject({ finished: true, answersDelivered: true, teamTold: true });
    expect(of<QuestionnaireResponse>(fake, 'QuestionnaireResponse').map((q) => q.author?.reference)).toEqual(['Patient/p1', 'Patient/p1']);
    expect(of<Flag>(fake, 'Flag')).toHaveLength(1);
    const messages = of<Communication>(fake, 'Communication');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ priority: 'urgent', recipient: [{ reference: 'Practitioner/cm1' }], sender: { reference: 'Patient/p1' } });
    expect(messages[0]?.payload?.[0]?.contentString).toContain('"More than half the days" (2)');
    const again = await sendReport(screening(2), clock, progress, deps);
    expect(again.finished).toBe(true);
    expect(of(fake, 'QuestionnaireResponse')).toHaveLength(2);
    expect(of(fake, 'Communication')).toHaveLength(1);
  });

  it('no form create (Oracle-like): the answers go to the team as one message, and nothing says a form was saved', async () => {
    const { fake, progress, deps } = await setup(['Communication']);
    const result = await sendReport(screening(0), clock, progress, deps);
    expect(result).toMatchObject({ finished: true, answersDelivered: true, teamTold: false });
    expect(of(fake, 'QuestionnaireResponse')).toHaveLength(0);
    const messages = of<Communication>(fake, 'Communication');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.priority).toBe('routine');
    expect(messages[0]?.payload?.[0]?.contentString).toMatch(/PHQ-9 total 6 of 27[\s\S]*GAD-7 total 6 of 21/);
  });

  it('nothing can be written: finished, but the answers did not reach the team (the screen says so)', async () => {
    const { progress, deps } = await setup([]);
    const result = await sendReport(screening(0), clock, progress, deps);
    expect(result).toMatchObject({ finished: true, answersDelivered: false });
  });

  it('a stored create whose answer was lost is found on the resend: one copy', async () => {
    const { fake, progress, deps } = await setup(['QuestionnaireResponse', 'Observation', 'Flag', 'Communication']);
    fake.fail('QuestionnaireResponse', { kind: 'drop-after-store' });
    const first = await sendReport(screening(0), clock, progress, deps);
    const second = first.finished ? first : await sendReport(screening(0), clock, progress, deps);
    expect(second.finished).toBe(true);
    expect(of(fake, 'QuestionnaireResponse')).toHaveLength(2);
  });
});
