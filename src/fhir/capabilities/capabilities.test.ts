import type { CapabilityStatement, Coding } from '@medplum/fhirtypes';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FhirApi } from '../fhirApi';
import { FhirError } from '../fhirError';
import { parseGrantedScopes } from '../scopes';
import { WriteCapabilities, writeCapabilitiesFor } from './capabilityStore';
import { CREATE_LIMIT_EXTENSION, parseCapabilityStatement } from './parseCapabilityStatement';
import { capabilityStatement } from '../testing/capabilityStatement';
import type { WriteTarget } from './types';
import { writeVerdict } from './verdict';

const LOINC = 'http://loinc.org';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const survey: Coding = { system: CATEGORY, code: 'survey' };
const phq9Total: WriteTarget = { resourceType: 'Observation', categories: [survey], codes: [{ system: LOINC, code: '44261-6' }], label: 'PHQ-9 total score' };
const gad7Total: WriteTarget = { resourceType: 'Observation', categories: [survey], codes: [{ system: LOINC, code: '70274-6' }], label: 'GAD-7 total score' };
const form: WriteTarget = { resourceType: 'QuestionnaireResponse' };
const flag: WriteTarget = { resourceType: 'Flag' };

const GENERIC = capabilityStatement([
  { type: 'Observation', interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }], conditionalCreate: true },
  { type: 'QuestionnaireResponse', interaction: [{ code: 'read' }, { code: 'create' }, { code: 'update' }] },
  { type: 'Flag', interaction: [{ code: 'read' }, { code: 'create' }] },
]);

const EPIC_LIKE = capabilityStatement([
  {
    type: 'Observation',
    interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }, { code: 'update' }],
    extension: [{ url: CREATE_LIMIT_EXTENSION, extension: [{ url: 'code', valueCoding: { system: LOINC, code: '44261-6' } }] }],
  },
  { type: 'QuestionnaireResponse', interaction: [{ code: 'create' }] },
  { type: 'Flag', interaction: [{ code: 'read' }, { code: 'search-type' }] },
]);

const ORACLE_LIKE = capabilityStatement([
  {
    type: 'Observation',
    interaction: [{ code: 'read' }, { code: 'create' }],
    extension: [
      {
        url: CREATE_LIMIT_EXTENSION,
        extension: [
          { url: 'category', valueCoding: { system: CATEGORY, code: 'vital-signs' } },
          { url: 'category', valueCoding: { system: CATEGORY, code: 'laboratory' } },
        ],
      },
    ],
  },
  { type: 'QuestionnaireResponse', interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'update' }] },
]);

const ALL = parseGrantedScopes('launch openid fhirUser user/Observation.crs user/QuestionnaireResponse.crs user/Flag.crs');
const none = new Map();

function loaded(cs: CapabilityStatement) {
  const rules = parseCapabilityStatement(cs);
  if (!rules) throw new Error('unparsed');
  return { status: 'loaded' as const, rules };
}

describe('parseCapabilityStatement', () => {
  it('reads create, update, conditional create and transaction per type', () => {
    const rules = parseCapabilityStatement({ ...GENERIC, rest: [{ mode: 'server', interaction: [{ code: 'transaction' }], resource: GENERIC.rest?.[0]?.resource }] });
    expect(rules?.transaction).toBe(true);
    expect(rules?.resources.get('Observation')).toEqual({ create: true, update: false, conditionalCreate: true });
    expect(rules?.resources.get('QuestionnaireResponse')).toEqual({ create: true, update: true, conditionalCreate: undefined });
    expect(rules?.resources.has('Patient')).toBe(false);
  });

  it('reads the create limit extension with categories and codes', () => {
    expect(parseCapabilityStatement(ORACLE_LIKE)?.resources.get('Observation')?.createLimit).toEqual({
      categories: [
        { system: CATEGORY, code: 'vital-signs' },
        { system: CATEGORY, code: 'laboratory' },
      ],
      codes: [],
    });
    expect(parseCapabilityStatement(EPIC_LIKE)?.resources.get('Observation')?.createLimit?.codes).toEqual([{ system: LOINC, code: '44261-6' }]);
  });

  it('takes the server rest entry and refuses what is not a CapabilityStatement', () => {
    const cs: CapabilityStatement = {
      ...GENERIC,
      rest: [
        { mode: 'client', resource: [{ type: 'Flag', interaction: [{ code: 'create' }] }] },
        { mode: 'server', resource: [] },
      ],
    };
    expect(parseCapabilityStatement(cs)?.resources.size).toBe(0);
    expect(parseCapabilityStatement({ resourceType: 'OperationOutcome' })).toBeUndefined();
    expect(parseCapabilityStatement(undefined)).toBeUndefined();
  });
});

describe('writeVerdict', () => {
  it('allows everything on a permissive server with the scopes granted', () => {
    for (const target of [phq9Total, form, flag]) expect(writeVerdict(target, ALL, loaded(GENERIC), none)).toEqual({ status: 'allowed' });
  });

  it('Epic-like: only mapped Observation codes; Flag read-only', () => {
    expect(writeVerdict(phq9Total, ALL, loaded(EPIC_LIKE), none).status).toBe('allowed');
    const gad = writeVerdict(gad7Total, ALL, loaded(EPIC_LIKE), none);
    expect(gad).toMatchObject({ status: 'not-allowed', source: 'server' });
    expect(gad.status === 'not-allowed' && gad.reason).toMatch(/rows your organization has set up.*GAD-7 total score is not one of them/);
    expect(writeVerdict(flag, ALL, loaded(EPIC_LIKE), none)).toMatchObject({ status: 'not-allowed', source: 'server', reason: 'This EHR does not accept flags from apps.' });
    expect(writeVerdict(form, ALL, loaded(EPIC_LIKE), none).status).toBe('allowed');
  });

  it('Oracle-like: Observations only for vital signs and labs; no form create; Flag not offered', () => {
    const obs = writeVerdict(phq9Total, ALL, loaded(ORACLE_LIKE), none);
    expect(obs.status === 'not-allowed' && obs.reason).toBe('This EHR accepts only vital signs and laboratory results from apps, so it will not take the PHQ-9 total score.');
    expect(writeVerdict(form, ALL, loaded(ORACLE_LIKE), none)).toMatchObject({ status: 'not-allowed', source: 'server' });
    expect(writeVerdict(flag, ALL, loaded(ORACLE_LIKE), none)).toMatchObject({ status: 'not-allowed', source: 'server' });
    const vitals: WriteTarget = { resourceType: 'Observation', categories: [{ system: CATEGORY, code: 'vital-signs' }] };
    expect(writeVerdict(vitals, ALL, loaded(ORACLE_LIKE), none).status).toBe('allowed');
  });

  it('says the sign-in does not allow it when the scope is missing, even before /metadata', () => {
    const readOnly = parseGrantedScopes('launch user/Observation.rs user/Flag.read user/QuestionnaireResponse.write');
    const v = writeVerdict(flag, readOnly, { status: 'loading' }, none);
    expect(v).toMatchObject({ status: 'not-allowed', source: 'sign-in' });
    expect(v.status === 'not-allowed' && v.reason).toMatch(/Your sign-in does not allow the app to save flags/);
    expect(writeVerdict(form, readOnly, { status: 'loading' }, none).status).toBe('unknown');
    expect(writeVerdict(form, readOnly, loaded(GENERIC), none).status).toBe('allowed');
  });

  it('is unknown while checking or when the EHR publishes no CapabilityStatement', () => {
    expect(writeVerdict(flag, ALL, { status: 'loading' }, none)).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/still checking/) });
    expect(writeVerdict(flag, ALL, { status: 'failed' }, none)).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/will try/) });
  });

  it('is unknown, not refused, when the token names no data scopes at all', () => {
    expect(writeVerdict(flag, parseGrantedScopes('openid fhirUser launch'), loaded(GENERIC), none).status).toBe('unknown');
    expect(writeVerdict(flag, parseGrantedScopes('openid fhirUser launch'), loaded(EPIC_LIKE), none).status).toBe('not-allowed');
  });

  it('a learned refusal wins over everything else', () => {
    const learned = new Map([['Flag', { reason: 'refused just now' }]]);
    expect(writeVerdict(flag, ALL, loaded(GENERIC), learned)).toEqual({ status: 'not-allowed', source: 'learned', reason: 'refused just now' });
  });
});

describe('WriteCapabilities (the session store)', () => {
  const BASE = 'https://ehr.example.org/fhir';
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  const newApi = () => new FhirApi({ serverUrl: BASE, timeoutMs: 2000, authorization: async () => 'Bearer t' });

  it('reads /metadata once, lazily, and notifies subscribers', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/metadata`, () => {
        calls += 1;
        return HttpResponse.json(EPIC_LIKE);
      }),
    );
    const api = newApi();
    const store = writeCapabilitiesFor({ api, granted: ALL });
    expect(writeCapabilitiesFor({ api, granted: ALL })).toBe(store);
    expect(calls).toBe(0);
    expect(store.getSnapshot().metadata.status).toBe('idle');
    expect(store.getSnapshot().verdict(flag).status).toBe('unknown');
    const seen: string[] = [];
    store.subscribe(() => seen.push(store.getSnapshot().metadata.status));
    await Promise.all([store.load(), store.load()]);
    await store.load();
    expect(calls).toBe(1);
    expect(seen).toEqual(['loading', 'loaded']);
    expect(store.getSnapshot().verdict(flag).status).toBe('not-allowed');
  });

  it('treats an unreadable /metadata as unknown, not as a crash', async () => {
    server.use(http.get(`${BASE}/metadata`, () => new HttpResponse('nope', { status: 500 })));
    const store = new WriteCapabilities({ api: newApi(), granted: ALL });
    await store.load();
    expect(store.getSnapshot().metadata.status).toBe('failed');
    expect(store.getSnapshot().verdict(form).status).toBe('unknown');
  });

  it('learns a 403 for the whole type and a 422 for that code only; a 500 teaches nothing', async () => {
    server.use(http.get(`${BASE}/metadata`, () => HttpResponse.json(GENERIC)));
    const store = new WriteCapabilities({ api: newApi(), granted: ALL });
    await store.load();
    expect(store.learnFromError(flag, new FhirError('server', 'x', { status: 500 }))).toBeUndefined();
    expect(store.getSnapshot().verdict(flag).status).toBe('allowed');
    expect(store.learnFromError(flag, new FhirError('forbidden', 'x', { status: 403 }))).toMatchObject({ status: 'not-allowed', source: 'learned' });
    expect(store.getSnapshot().verdict(flag).status).toBe('not-allowed');
    expect(store.learnFromError(phq9Total, new FhirError('unprocessable', 'x', { status: 422 }))?.status).toBe('not-allowed');
    expect(store.getSnapshot().verdict(phq9Total)).toMatchObject({ status: 'not-allowed', reason: 'The EHR did not accept the PHQ-9 total score from the app.' });
    expect(store.getSnapshot().verdict(gad7Total).status).toBe('allowed');
    expect(store.getSnapshot().conditionalCreate('Observation')).toBe(true);
  });
});
