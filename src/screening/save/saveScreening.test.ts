import type { CapabilityStatement, Flag, Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CompletedScreening, RecordClock } from '../../clinical/records';
import { CREATE_LIMIT_EXTENSION, WriteCapabilities } from '../../fhir/capabilities';
import { FhirApi } from '../../fhir/fhirApi';
import { parseGrantedScopes } from '../../fhir/scopes';
import { FakeFhirServer } from '../../fhir/writes/fakeFhirServer.testkit';
import { capabilityStatement, READ_SEARCH_CREATE } from '../../fhir/testing/capabilityStatement';
import type { RecordProgress } from '../model/draft';
import { saveScreening } from './saveScreening';

const BASE = 'https://ehr.example.org/fhir';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const clock: RecordClock = { now: new Date('2026-03-05T15:00:00Z'), utcOffsetMinutes: -300 };
const screening: CompletedScreening = {
  screeningId: '0b7f0f7e-1111-4222-8333-944455556666',
  patientId: 'p1',
  encounterId: 'e1',
  author: 'Practitioner/ma1',
  patientBirthDate: '1980-04-02',
  administered: [
    { instrument: 'phq9', scores: [2, 2, 1, 1, 1, 1, 1, 1, 2], difficulty: 'LA6573-5' },
    { instrument: 'gad7', scores: [1, 1, 1, 1, 1, 1, 1] },
  ],
};

const ALL_SCOPES = 'launch openid fhirUser user/Observation.crs user/QuestionnaireResponse.crs user/Flag.crs';

const CREATE = READ_SEARCH_CREATE;
const GENERIC = capabilityStatement([
  { type: 'Observation', interaction: CREATE, conditionalCreate: true },
  { type: 'QuestionnaireResponse', interaction: CREATE, conditionalCreate: true },
  { type: 'Flag', interaction: CREATE, conditionalCreate: true },
]);

interface Setup {
  fake: FakeFhirServer;
  api: FhirApi;
  capabilities: WriteCapabilities;
  progress: Record<string, RecordProgress>;
  run: () => ReturnType<typeof saveScreening>;
}

async function setup(options: { metadata?: CapabilityStatement; scopes?: string; conditionalCreate?: boolean; timeoutMs?: number } = {}): Promise<Setup> {
  const fake = new FakeFhirServer({ base: BASE, conditionalCreate: options.conditionalCreate ?? true });
  server.use(
    http.get(`${BASE}/metadata`, () => HttpResponse.json(options.metadata ?? GENERIC)),
    ...fake.handlers(),
  );
  const api = new FhirApi({ serverUrl: BASE, timeoutMs: options.timeoutMs ?? 2000, authorization: async () => 'Bearer t' });
  const capabilities = new WriteCapabilities({ api, granted: parseGrantedScopes(options.scopes ?? ALL_SCOPES) });
  await capabilities.load();
  const progress: Record<string, RecordProgress> = {};
  const onProgress = (key: string, p: RecordProgress | undefined) => {
    if (p) progress[key] = p;
    else delete progress[key];
  };
  return { fake, api, capabilities, progress, run: () => saveScreening(screening, clock, { ...progress }, { api, capabilities, onProgress }) };
}

function only<T>(list: unknown[]): T {
  expect(list).toHaveLength(1);
  return list[0] as T;
}

describe('saveScreening', () => {
  it('writes forms, then scores derived from the saved forms, and the flag: one of each', async () => {
    const s = await setup();
    const report = await s.run();
    expect(report.finished).toBe(true);
    expect(Object.fromEntries(Object.entries(report.outcomes).map(([k, o]) => [k, o.status]))).toEqual({
      'phq9-response': 'saved',
      'gad7-response': 'saved',
      'phq9-total': 'saved',
      'gad7-total': 'saved',
      'depression-screening-result': 'saved',
      'safety-flag': 'saved',
    });
    const forms = s.fake.all('QuestionnaireResponse') as QuestionnaireResponse[];
    expect(forms).toHaveLength(2);
    const observations = s.fake.all('Observation') as Observation[];
    expect(observations).toHaveLength(3);
    const phqForm = forms.find((f) => f.questionnaire === 'http://loinc.org/q/44249-1');
    const phqTotal = observations.find((o) => o.code.coding?.[0]?.code === '44261-6');
    expect(phqTotal?.derivedFrom).toEqual([{ reference: `QuestionnaireResponse/${phqForm?.id}` }]);
    expect(phqTotal?.valueInteger).toBe(12);
    // CMS2's screening result: adult code, positive (PHQ-9 12 >= 10), from the form and the total.
    const result = observations.find((o) => o.code.coding?.[0]?.code === '73832-8');
    expect(result).toMatchObject({
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '73832-8' }] },
      valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '428181000124104' }] },
      effectiveDateTime: '2026-03-05T10:00:00-05:00',
      encounter: { reference: 'Encounter/e1' },
      derivedFrom: [{ reference: `QuestionnaireResponse/${phqForm?.id}` }, { reference: `Observation/${phqTotal?.id}` }],
      identifier: [{ system: 'urn:cocm-registry:screening', value: '0b7f0f7e-1111-4222-8333-944455556666/depression-screening-result' }],
    });
    only<Flag>(s.fake.all('Flag'));
    expect(report.written.map((w) => w.key).sort()).toEqual(['depression-screening-result', 'gad7-response', 'gad7-total', 'phq9-response', 'phq9-total', 'safety-flag']);
    expect(s.progress['phq9-total']).toMatchObject({ status: 'saved', reference: `Observation/${phqTotal?.id}` });
    // Every create was conditional on the record's identifier.
    expect(s.fake.requests.filter((r) => r.method === 'POST').every((r) => r.ifNoneExist?.startsWith('identifier=urn%3Acocm-registry%3Ascreening%7C0b7f0f7e'))).toBe(true);
  });

  it('retry after the server dropped the answer to a create: still exactly one of each', async () => {
    const s = await setup();
    s.fake.fail('QuestionnaireResponse', { kind: 'drop-after-store' });
    s.fake.fail('Observation', { kind: 'drop-after-store' });
    const first = await s.run();
    expect(first.finished).toBe(false);
    const statuses = Object.values(first.outcomes)
      .map((o) => o.status)
      .sort();
    expect(statuses).toEqual(['failed', 'failed', 'saved', 'saved', 'waiting', 'waiting']);
    expect(first.outcomes['phq9-response']?.status === 'failed' || first.outcomes['gad7-response']?.status === 'failed').toBe(true);

    const second = await s.run();
    expect(second.finished).toBe(true);
    expect(s.fake.all('QuestionnaireResponse')).toHaveLength(2);
    expect(s.fake.all('Observation')).toHaveLength(3);
    expect(s.fake.all('Flag')).toHaveLength(1);
    for (const obs of s.fake.all('Observation') as Observation[]) {
      expect(obs.derivedFrom?.[0]?.reference).toMatch(/^QuestionnaireResponse\/questionnaireresponse-\d+$/);
    }
    // A third press (double click after success) sends nothing.
    const before = s.fake.requests.length;
    const third = await s.run();
    expect(third.finished).toBe(true);
    expect(s.fake.requests.length).toBe(before);
  });

  it('a server that ignores If-None-Exist: the retry looks the identifier up first', async () => {
    const s = await setup({
      metadata: capabilityStatement([
        { type: 'Observation', interaction: CREATE },
        { type: 'QuestionnaireResponse', interaction: CREATE },
        { type: 'Flag', interaction: CREATE },
      ]),
      conditionalCreate: false,
    });
    s.fake.fail('Flag', { kind: 'drop-after-store' });
    await s.run();
    expect(s.progress['safety-flag']).toEqual({ status: 'attempted' });
    const retry = await s.run();
    expect(retry.outcomes['safety-flag']).toMatchObject({ status: 'saved' });
    expect(s.fake.all('Flag')).toHaveLength(1);
  });

  it('403 on the Flag: learned as not allowed, everything else saved', async () => {
    const s = await setup();
    s.fake.refuse('Flag', 403);
    const report = await s.run();
    expect(report.outcomes['safety-flag']).toEqual({ status: 'not-allowed', reason: 'The EHR refused to let the app save flags, so it will not try again in this session.' });
    expect(report.finished).toBe(true);
    expect(s.fake.all('QuestionnaireResponse')).toHaveLength(2);
    expect(s.fake.all('Observation')).toHaveLength(3);
    expect(s.capabilities.getSnapshot().verdict({ resourceType: 'Flag' }).status).toBe('not-allowed');
    expect(s.progress['safety-flag']).toBeUndefined();
  });

  it('401: the session ended; nothing is lost and a retry after relaunch completes without copies', async () => {
    const s = await setup();
    s.fake.refuse('QuestionnaireResponse', 401, 2);
    s.fake.refuse('Flag', 401, 1);
    const report = await s.run();
    expect(report.sessionEnded).toBe(true);
    expect(report.finished).toBe(false);
    expect(report.outcomes['phq9-response']).toMatchObject({ status: 'failed', reason: expect.stringMatching(/session ended.*answers are kept/) });
    expect(report.outcomes['phq9-total']).toMatchObject({ status: 'failed' });
    expect(s.capabilities.getSnapshot().verdict({ resourceType: 'Flag' }).status).toBe('allowed');
    const retry = await s.run();
    expect(retry.finished).toBe(true);
    expect(s.fake.all('QuestionnaireResponse')).toHaveLength(2);
    expect(s.fake.all('Flag')).toHaveLength(1);
  });

  it('Oracle-like EHR: scores and forms not offered, nothing sent, all not-allowed with reasons', async () => {
    const s = await setup({
      metadata: capabilityStatement([
        {
          type: 'Observation',
          interaction: CREATE,
          extension: [
            {
              url: CREATE_LIMIT_EXTENSION,
              extension: [{ url: 'category', valueCoding: { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' } }],
            },
          ],
        },
        { type: 'QuestionnaireResponse', interaction: [{ code: 'read' }, { code: 'update' }] },
      ]),
    });
    const report = await s.run();
    expect(new Set(Object.values(report.outcomes).map((o) => o.status))).toEqual(new Set(['not-allowed']));
    expect(report.outcomes['phq9-total']).toMatchObject({ reason: expect.stringMatching(/only vital signs/) });
    expect(s.fake.requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(report.finished).toBe(true);
  });

  it('forms not allowed: the scores are saved on their own, without derivedFrom', async () => {
    const s = await setup({ scopes: 'launch user/Observation.crs user/Flag.crs user/QuestionnaireResponse.rs' });
    const report = await s.run();
    expect(report.outcomes['phq9-response']).toMatchObject({ status: 'not-allowed', reason: expect.stringMatching(/sign-in does not allow/) });
    const totals = (s.fake.all('Observation') as Observation[]).filter((o) => o.code.coding?.[0]?.code !== '73832-8');
    expect(totals).toHaveLength(2);
    expect(totals.every((o) => o.derivedFrom === undefined)).toBe(true);
  });

  it('422 on the PHQ-9 score: that code is learned as refused, the GAD-7 score is saved', async () => {
    const s = await setup();
    let refused = false;
    server.use(
      http.post(`${BASE}/Observation`, async ({ request }) => {
        const body = (await request.clone().json()) as Observation;
        if (body.code.coding?.[0]?.code === '44261-6') {
          refused = true;
          return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: 'no flowsheet row' }] }, { status: 422 });
        }
        return undefined;
      }),
    );
    const report = await s.run();
    expect(refused).toBe(true);
    expect(report.outcomes['phq9-total']).toEqual({ status: 'not-allowed', reason: 'The EHR did not accept the PHQ-9 total score from the app.' });
    expect(report.outcomes['gad7-total']).toMatchObject({ status: 'saved' });
    expect(report.finished).toBe(true);
  });

  it('an active suicide-risk flag already on the patient: no second flag', async () => {
    const s = await setup();
    s.fake.seed({
      resourceType: 'Flag',
      id: 'old',
      status: 'active',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '225444004' }] },
      subject: { reference: 'Patient/p1' },
    } as Flag);
    const report = await s.run();
    expect(report.outcomes['safety-flag']).toMatchObject({
      status: 'already-there',
      reference: 'Flag/old',
      reason: expect.stringMatching(/already has an active suicide-risk flag/),
    });
    expect(s.fake.all('Flag')).toHaveLength(1);
  });

  it('an inactive or other-patient flag does not count', async () => {
    const s = await setup();
    s.fake.seed({
      resourceType: 'Flag',
      id: 'old',
      status: 'inactive',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '225444004' }] },
      subject: { reference: 'Patient/p1' },
    } as Flag);
    s.fake.seed({
      resourceType: 'Flag',
      id: 'other',
      status: 'active',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '225444004' }] },
      subject: { reference: 'Patient/p2' },
    } as Flag);
    const report = await s.run();
    expect(report.outcomes['safety-flag']).toMatchObject({ status: 'saved' });
    expect(s.fake.all('Flag')).toHaveLength(3);
  });

  it('a timeout leaves the record attempted, and the retry does not duplicate it', async () => {
    const s = await setup({ timeoutMs: 100 });
    let stored = 0;
    server.use(
      http.post(`${BASE}/Flag`, async ({ request }) => {
        if (stored > 0) return undefined;
        stored += 1;
        s.fake.seed({ ...((await request.json()) as Flag), id: 'slow' });
        await new Promise((r) => setTimeout(r, 300));
        return HttpResponse.json({}, { status: 201 });
      }),
    );
    const first = await s.run();
    expect(first.outcomes['safety-flag']).toMatchObject({ status: 'failed', reason: expect.stringMatching(/did not answer in time.*will not be saved twice/) });
    expect(s.progress['safety-flag']).toEqual({ status: 'attempted' });
    const retry = await s.run();
    expect(retry.outcomes['safety-flag']).toMatchObject({ status: 'saved', reference: 'Flag/slow' });
    expect(s.fake.all('Flag')).toHaveLength(1);
  });

  it('PHQ-2 negative for a 15-year-old: the adolescent code with the negative finding', async () => {
    const s = await setup();
    const teen: CompletedScreening = { ...screening, patientBirthDate: '2010-06-01', administered: [{ instrument: 'phq2', scores: [1, 1] }] };
    const report = await saveScreening(teen, clock, {}, { api: s.api, capabilities: s.capabilities, onProgress: () => undefined });
    expect(report.outcomes['depression-screening-result']).toMatchObject({ status: 'saved' });
    const result = (s.fake.all('Observation') as Observation[]).find((o) => o.code.coding?.[0]?.code === '73831-0');
    expect(result?.valueCodeableConcept?.coding?.[0]?.code).toBe('428171000124102');
  });

  it('no birth date in the screening: read from the Patient; a failed read is retried, never guessed', async () => {
    const s = await setup();
    const unknownAge: CompletedScreening = { ...screening, patientBirthDate: undefined } as CompletedScreening;
    let reads = 0;
    server.use(
      http.get(`${BASE}/Patient/p1`, () =>
        ++reads === 1 ? HttpResponse.json({}, { status: 503 }) : HttpResponse.json({ resourceType: 'Patient', id: 'p1', birthDate: '2013-02-01' }),
      ),
    );
    const progress: Record<string, RecordProgress> = {};
    const deps = { api: s.api, capabilities: s.capabilities, onProgress: (k: string, p: RecordProgress | undefined) => (p ? (progress[k] = p) : delete progress[k]) };
    const first = await saveScreening(unknownAge, clock, {}, deps);
    expect(first.outcomes['depression-screening-result']).toMatchObject({ status: 'failed', reason: expect.stringMatching(/age could not be read.*Retry/) });
    expect(first.finished).toBe(false);
    const second = await saveScreening(unknownAge, clock, { ...progress }, deps);
    expect(second.outcomes['depression-screening-result']).toMatchObject({ status: 'saved' });
    expect((s.fake.all('Observation') as Observation[]).filter((o) => o.code.coding?.[0]?.code === '73831-0')).toHaveLength(1);
  });

  it('under 12: no screening result (CMS2 counts 12 and older), said in words', async () => {
    const s = await setup();
    const child: CompletedScreening = { ...screening, patientBirthDate: '2016-01-01' };
    const report = await saveScreening(child, clock, {}, { api: s.api, capabilities: s.capabilities, onProgress: () => undefined });
    expect(report.outcomes['depression-screening-result']).toMatchObject({ status: 'not-allowed', reason: expect.stringMatching(/from age 12/) });
    expect(report.finished).toBe(true);
  });
});
