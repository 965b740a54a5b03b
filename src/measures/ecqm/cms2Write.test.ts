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

async function screenAndMeasure(profile: 'generic' | 'epic') {
  sandbox = await startSandbox({ port: 0, resources: [patient, visit], profile, appDir: '/nonexistent', quiet: true });
  const token = await launchAndToken(sandbox.origin, { patient: 'screened' });
  const api = new FhirApi({ serverUrl: sandbox.fhirBase, timeoutMs: 10_000, authorization: async () => `Bearer ${token.access_token}` });
  const capabilities = new WriteCapabilities({ api, granted: parseGrantedScopes(String(token.scope ?? '')) });
  await capabilities.load();
  const report = await saveScreening(screening, clock, {}, { api, capabilities, onProgress: () => undefined });
  const batch = await readMeasureRecords(api, ['screened'], createLimiter(4));
  expect(batch.unavailable).toEqual([]);
  const evaluation = await evaluateMeasure('CMS2', await readMeasureBundle('CMS2'), patientBundles([...batch.records.values()].flat()), PERIOD);
  return { report, result: evaluation.results[0]! };
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
});
