/**
 * Trimming a patient's Bundle to what CMS2's own ELM retrieves: what a retrieve could return
 * stays, what none could goes, and what the filter cannot judge stays.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { measureReads, readable, trimBundle } from './dataRequirements';
import { readMeasureBundle } from './node/measurePackage';
import { collection } from './patientBundles';

const subject = { reference: 'Patient/p1' };
const loinc = (code: string) => ({ coding: [{ system: 'http://loinc.org', code }] });
const screenResult: Resource = { resourceType: 'Observation', id: 'screen', status: 'final', code: loinc('73832-8'), subject };
const gad7: Resource = { resourceType: 'Observation', id: 'gad7', status: 'final', code: loinc('70274-6'), subject };
const form: Resource = { resourceType: 'QuestionnaireResponse', id: 'form', status: 'completed', subject };
const byReference: Resource = { resourceType: 'MedicationRequest', id: 'med-ref', status: 'active', intent: 'order', medicationReference: { reference: 'Medication/m1' }, subject };
const otherMedication: Resource = { resourceType: 'MedicationRequest', id: 'med-other', status: 'active', intent: 'order', medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '0000000' }] }, subject };
// SNOMED CT 108221006 is in CMS2's "Encounter to Screen for Depression".
const visit: Resource = { resourceType: 'Encounter', id: 'visit', status: 'finished', class: { code: 'AMB' }, type: [{ coding: [{ system: 'http://snomed.info/sct', code: '108221006' }] }], subject };
const untyped: Resource = { resourceType: 'Encounter', id: 'untyped', status: 'finished', class: { code: 'AMB' }, subject };

describe('trimming to the measure data requirements (CMS2)', () => {
  it('keeps what a retrieve could return and drops the rest', { timeout: 30_000 }, async () => {
    const reads = await measureReads(await readMeasureBundle('CMS2'));
    const patient: Resource = { resourceType: 'Patient', id: 'p1' };
    const bundle: Bundle = collection([patient, screenResult, gad7, form, byReference, otherMedication, visit, untyped]);
    const kept = trimBundle(bundle, reads).entry?.map((e) => e.resource?.id);
    expect(kept).toEqual(['p1', 'screen', 'med-ref', 'visit']);
  });

  it('returns the same Bundle when nothing goes', { timeout: 30_000 }, async () => {
    const reads = await measureReads(await readMeasureBundle('CMS2'));
    const bundle = collection([{ resourceType: 'Patient', id: 'p1' }, screenResult]);
    expect(trimBundle(bundle, reads)).toBe(bundle);
    expect(readable({ resourceType: 'Coverage', id: 'c', status: 'active', beneficiary: subject, payor: [] } as Resource, reads)).toBe(false);
  });

  it('with the period, leaves out qualifying-visit Encounters outside it (CMS2 reads them only during the period)', { timeout: 30_000 }, async () => {
    const reads = await measureReads(await readMeasureBundle('CMS2'));
    const at = (id: string, start: string, end?: string): Resource => ({ ...(visit as object), id, period: { start, ...(end ? { end } : {}) } }) as Resource;
    const bundle = collection([
      { resourceType: 'Patient', id: 'p1' },
      at('before', '2025-06-01T09:00:00Z', '2025-06-01T09:30:00Z'),
      at('edge', '2025-12-31T20:00:00-05:00', '2026-01-01T01:30:00Z'),
      at('inside', '2026-06-01T09:00:00Z', '2026-06-01T09:30:00Z'),
      at('open', '2026-12-30T09:00:00Z'),
      at('after', '2027-02-01T09:00:00Z', '2027-02-01T09:30:00Z'),
    ]);
    const kept = trimBundle(bundle, reads, { start: '2026-01-01', end: '2026-12-31' }).entry?.map((e) => e.resource?.id);
    expect(kept).toEqual(['p1', 'edge', 'inside', 'open']);
    // Without the period nothing is judged by date.
    expect(trimBundle(bundle, reads).entry).toHaveLength(6);
  });
});
