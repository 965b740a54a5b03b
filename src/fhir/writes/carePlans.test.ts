/**
 * The plan writes against an in-memory FHIR server (msw), under each sandbox profile's
 * CapabilityStatement: generic takes the CarePlan and Goals (a revision carries If-Match and a
 * 412 brings back the other version); epic and oracle are refused before anything is sent
 * and take the plan of care note instead.
 */
import type { CarePlan, DocumentReference, Goal } from '@medplum/fhirtypes';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { capabilityStatement } from '../../../sandbox/fhir/capability';
import { getProfile, type ProfileName } from '../../../sandbox/fhir/profiles';
import { changeNote, describePlanChanges, EMPTY_RELAPSE_PLAN, readPlans, targetGoals, type TreatmentPlanContent } from '../../clinical/careplan';
import { FhirApi } from '../fhirApi';
import { parseGrantedScopes } from '../scopes';
import { planWriteVerdict, CARE_PLAN_TARGET, GOAL_TARGET, saveRelapsePlan, savePlanNote, saveTreatmentPlan } from './carePlans';
import { FakeFhirServer } from './fakeFhirServer.testkit';

const BASE = 'https://ehr.example.org/fhir';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const PLAN_ID = '7a2b3c4d-0000-4000-8000-00000000abcd';
const CONTENT: TreatmentPlanContent = {
  problems: [{ reference: 'Condition/dep', text: 'Major depressive disorder' }],
  ownGoals: [{ key: 'g1', text: 'Go back to choir' }],
  parts: [{ key: 'p1', kind: 'medication', description: 'sertraline 50 mg daily', owner: 'pcp', status: 'in-progress' }],
};

function setup(profile: ProfileName) {
  const fake = new FakeFhirServer({ base: BASE });
  server.use(
    http.get(`${BASE}/metadata`, () => HttpResponse.json(capabilityStatement('https://ehr.example.org', getProfile(profile)))),
    ...fake.handlers(),
  );
  const api = new FhirApi({ serverUrl: BASE, timeoutMs: 2000, authorization: async () => 'Bearer t' });
  // A fresh scope string per test: the capability store is kept per session (api + grant).
  return { fake, writer: { api, granted: parseGrantedScopes('launch user/*.cruds') } };
}

function read(fake: FakeFhirServer) {
  return readPlans({
    carePlans: fake.all('CarePlan') as CarePlan[],
    goals: fake.all('Goal') as Goal[],
    documents: fake.all('DocumentReference') as DocumentReference[],
    phq9: undefined,
    today: '2026-12-01',
  });
}

const first = {
  planId: PLAN_ID,
  patientId: 'p1',
  start: '2026-11-03',
  content: CONTENT,
  targets: targetGoals('2026-11-03', 16),
  author: 'Practitioner/pcp1',
  when: '2026-11-03T10:00:00-05:00',
  change: 'Plan written',
};

describe('treatment plan writes under the generic profile', () => {
  it('creates the Goals and the CarePlan once, then revises with If-Match', async () => {
    const { fake, writer } = setup('generic');
    expect((await saveTreatmentPlan(writer, first)).status).toBe('saved');
    // A resend of the same save (lost answer, double click) finds the first copies.
    expect((await saveTreatmentPlan(writer, first)).status).toBe('saved');
    expect(fake.all('CarePlan')).toHaveLength(1);
    expect(fake.all('Goal')).toHaveLength(3);
    expect(fake.requests.filter((r) => r.method === 'POST').every((r) => r.ifNoneExist?.startsWith('identifier=urn%3Acocm-registry%3Acare-plan%7C'))).toBe(true);

    const stored = read(fake).treatment!;
    const content: TreatmentPlanContent = { ...CONTENT, ownGoals: [], parts: [{ ...CONTENT.parts[0]!, description: 'sertraline 100 mg daily' }] };
    const change = changeNote(describePlanChanges(stored.content, content));
    const revised = await saveTreatmentPlan(writer, { ...first, content, stored, change, when: '2026-11-24T10:00:00-05:00' });
    expect(revised.status).toBe('saved');
    expect(fake.requests.filter((r) => r.method === 'PUT' && r.url.includes('/CarePlan/')).map((r) => r.ifMatch)).toEqual(['W/"1"']);
    const after = read(fake).treatment!;
    expect(after.content.parts[0]?.description).toBe('sertraline 100 mg daily');
    expect(after.history.map((h) => h.text)).toEqual([
      'Plan written',
      "Plan changed: Medication: sertraline 50 mg daily -> sertraline 100 mg daily; Patient's goal removed: Go back to choir",
    ]);
    // The removed goal is closed, not deleted.
    expect((fake.all('Goal') as Goal[]).find((g) => g.description.text === 'Go back to choir')?.lifecycleStatus).toBe('cancelled');
  });

  it('a revision that meets a newer version (412) returns theirs and writes nothing', async () => {
    const { fake, writer } = setup('generic');
    await saveTreatmentPlan(writer, first);
    const stale = read(fake).treatment!;
    // Someone else saves first.
    await saveTreatmentPlan(writer, { ...first, stored: stale, content: { ...CONTENT, parts: [{ ...CONTENT.parts[0]!, status: 'completed' }] }, change: 'Plan changed: theirs' });
    const mine = await saveTreatmentPlan(writer, { ...first, stored: stale, content: { ...CONTENT, parts: [] }, change: 'Plan changed: mine' });
    expect(mine.status).toBe('conflict');
    expect(mine.status === 'conflict' && mine.theirs?.note?.map((n) => n.text)).toEqual(['Plan written', 'Plan changed: theirs']);
    expect(read(fake).treatment?.content.parts[0]?.status).toBe('completed');
  });

  it('writes the relapse prevention plan as a second CarePlan', async () => {
    const { fake, writer } = setup('generic');
    const content = { ...EMPTY_RELAPSE_PLAN, 'keeps-me-well': 'Walks', 'warning-signs': 'Poor sleep', 'care-team': 'Ana 555-0100' };
    const saved = await saveRelapsePlan(writer, {
      planId: PLAN_ID,
      patientId: 'p1',
      start: '2026-12-01',
      content,
      when: '2026-12-01T10:00:00Z',
      change: 'Relapse prevention plan written',
    });
    expect(saved.status).toBe('saved');
    expect(read(fake).relapse?.content).toEqual(content);
    // A revision carries If-Match; one that meets a newer version gets theirs back and changes nothing.
    const stale = read(fake).relapse!;
    const base = { planId: PLAN_ID, patientId: 'p1', start: '2026-12-01', when: '2026-12-08T10:00:00Z', stored: stale };
    expect((await saveRelapsePlan(writer, { ...base, content: { ...content, appointments: 'PCP 2027-01-10' }, change: 'Relapse plan changed' })).status).toBe('saved');
    const mine = await saveRelapsePlan(writer, { ...base, content: { ...content, 'managing-stress': 'Breathing' }, change: 'mine' });
    expect(mine.status).toBe('conflict');
    expect(read(fake).relapse?.content.appointments).toBe('PCP 2027-01-10');
    expect(read(fake).relapse?.history.map((h) => h.text)).toEqual(['Relapse prevention plan written', 'Relapse plan changed']);
  });
});

describe.each(['epic', 'oracle'] as const)('under the %s profile (CarePlan and Goal read-only)', (profile) => {
  it('refuses before sending anything, and takes the plan of care note', async () => {
    const { fake, writer } = setup(profile);
    const verdict = await planWriteVerdict(writer, [CARE_PLAN_TARGET, GOAL_TARGET]);
    expect(verdict).toEqual({ allowed: false, reason: 'This EHR does not accept care plans from apps.' });
    const outcome = await saveTreatmentPlan(writer, first);
    expect(outcome).toEqual({ status: 'not-allowed', reason: 'This EHR does not accept care plans from apps.' });
    expect(
      await saveRelapsePlan(writer, { planId: PLAN_ID, patientId: 'p1', start: '2026-12-01', content: EMPTY_RELAPSE_PLAN, when: '2026-12-01T10:00:00Z', change: 'x' }),
    ).toMatchObject({
      status: 'not-allowed',
    });
    expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);

    const note = {
      noteId: PLAN_ID,
      patientId: 'p1',
      kind: 'treatment' as const,
      text: 'Collaborative care treatment plan…',
      author: 'Practitioner/pcp1',
      when: '2026-11-03T10:00:00-05:00',
    };
    expect((await savePlanNote(writer, note)).status).toBe('saved');
    expect((await savePlanNote(writer, note)).status).toBe('saved');
    expect(fake.all('DocumentReference')).toHaveLength(1);
    expect(read(fake).notes.map((n) => [n.kind, n.text])).toEqual([['treatment', 'Collaborative care treatment plan…']]);
  });
});

describe('a refusal met at write time', () => {
  it('is learned and said, and the plan is not half-written as a plan', async () => {
    const { fake, writer } = setup('generic');
    fake.refuse('Goal', 403);
    const outcome = await saveTreatmentPlan(writer, first);
    expect(outcome).toEqual({ status: 'not-allowed', reason: 'The EHR refused to let the app save goals, so it will not try again in this session.' });
    expect(fake.all('CarePlan')).toHaveLength(0);
  });
});
