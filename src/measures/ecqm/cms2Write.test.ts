/**
 * The screening's write counts for CMS2 when, and only when, it was saved: a patient with a
 * qualifying visit is screened through the app's own save against a sandbox EHR, then CMS2
 * runs over what the EHR holds afterwards, read back through the app's measure reads.
 */
import type { Encounter, Patient } from '@medplum/fhirtypes';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { launchAndToken } from '../../../sandbox/testing/smart';
import type { CompletedScreening, RecordClock } from '../../clinical/records';
import { WriteCapabilities } from '../../fhir/capabilities';
import { FhirApi } from '../../fhir/fhirApi';
import { createLimiter } from '../../fhir/reads/caseloadBatch';
import { readMeasureRecords } from '../../fhir/reads/measureRecords';
import { parseGrantedScopes } from '../../fhir/scopes';
import { recordEnrollmentEvent } from '../../fhir/writes/registry';
import { saveScreening } from '../../screening/save/saveScreening';
import { evaluateMeasure } from './evaluate';
import { readMeasureBundle } from './node/measurePackage';
import { patientBundles } from './patientBundles';

const PERIOD = { start: '2026-01-01', end: '2026-12-31' };
const clock: RecordClock = { now: new Date('2026-03-05T15:00:00Z'), utcOffsetMinutes: -300 };
const patient: Patient = { resourceType: 'Patient', id: 'screened', birthDate: '1980-04-02', gender: 'female', name: [{ family: 'Screened', given: ['Pat'] }] };
// An office visit that day: SNOMED 108221006 is in CMS2's "Encounter to Screen for Depression".
const visit: Encounter = {
  resourceType: 'Encounter',
  id: 'visit',
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
  type: [{ coding: [{ system: 'http://snomed.info/sct', code: '108221006' }] }],
  subject: { reference: 'Patient/screened' },
  period: { start: '2026-03-05T09:30:00-05:00', end: '2026-03-05T10:00:00-05:00' },
};
// PHQ-2 of 1: a negative screen, which satisfies CMS2's numerator without a follow-up.
const screening: CompletedScreening = { screeningId: '5c1d3b0e-7a4f-4c2e-9f10-2b3c4d5e6f70', patientId: 'screened', encounterId: 'visit', administered: [{ instrument: 'phq2', scores: [1, 0] }] };

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function connect(profile: 'generic' | 'epic') {
  sandbox = await startSandbox({ port: 0, resources: [patient, visit], profile, appDir: '/nonexistent', quiet: true });
  const token = await launchAndToken(sandbox.origin, { patient: 'screened' });
  const api = new FhirApi({ serverUrl: sandbox.fhirBase, timeoutMs: 10_000, authorization: async () => `Bearer ${token.access_token}` });
  const granted = parseGrantedScopes(String(token.scope ?? ''));
  const capabilities = new WriteCapabilities({ api, granted });
  await capabilities.load();
  const measure = async () => {
    const batch = await readMeasureRecords(api, ['screened'], createLimiter(4));
    expect(batch.unavailable).toEqual([]);
    const evaluation = await evaluateMeasure('CMS2', await readMeasureBundle('CMS2'), patientBundles([...batch.records.values()].flat()), PERIOD);
    return evaluation.results[0]!;
  };
  return { api, granted, capabilities, measure };
}

async function screenAndMeasure(profile: 'generic' | 'epic', what: CompletedScreening = screening) {
  const { api, capabilities, measure } = await connect(profile);
  const report = await saveScreening(what, clock, {}, { api, capabilities, onProgress: () => undefined });
  return { report, result: await measure() };
}

describe('CMS2 counts the screening the app saved', () => {
  it('saved: the screened patient is in the numerator', { timeout: 120_000 }, async () => {
    const { report, result } = await screenAndMeasure('generic');
    expect(report.outcomes['depression-screening-result']).toMatchObject({ status: 'saved' });
    expect(result.populations).toMatchObject({ 'initial-population': true, denominator: true, numerator: true });
  });

  it('refused by the EHR: the same patient stays out of the numerator', { timeout: 120_000 }, async () => {
    const { report, result } = await screenAndMeasure('epic');
    expect(report.outcomes['depression-screening-result']).toMatchObject({ status: 'not-allowed' });
    expect(result.populations).toMatchObject({ 'initial-population': true, denominator: true, numerator: false });
  });

  it('positive screen: out of the numerator until the referral to collaborative care is recorded, then in', { timeout: 120_000 }, async () => {
    const { api, granted, capabilities, measure } = await connect('generic');
    const positive: CompletedScreening = { ...screening, screeningId: '8e2f6a1c-3b4d-4e5f-8a9b-0c1d2e3f4a5b', administered: [{ instrument: 'phq2', scores: [2, 2] }] };
    const report = await saveScreening(positive, clock, {}, { api, capabilities, onProgress: () => undefined });
    expect(report.outcomes['depression-screening-result']).toMatchObject({ status: 'saved' });
    expect((await measure()).populations.numerator).toBe(false);
    const outcomes = await recordEnrollmentEvent({ api, granted }, { actionId: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d', patientId: 'screened', kind: 'referred', date: '2026-03-05', now: clock.now }, []);
    expect(outcomes.map((o) => [o.label, o.saved])).toContainEqual(['follow-up referral', true]);
    expect((await measure()).populations.numerator).toBe(true);
  });
});
