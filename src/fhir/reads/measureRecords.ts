/**
 * What the quality measures read, for several patients in one round: one `patient=a,b,c`
 * search per resource type the measures' data requirements name (as the caseload's batched
 * reads do), grouped per patient. A type the EHR refuses or fails is reported once per batch,
 * so the measures can say "not available" and what that does to the result; it is never
 * taken as "the patient has none".
 */
import type { Patient, Resource } from '@medplum/fhirtypes';
import { ownerOf } from '../../measures/ecqm/patientBundles';
import type { FhirApi, SearchParams } from '../fhirApi';
import { FhirError } from '../fhirError';
import type { Limiter } from './caseloadBatch';

/**
 * Every Observation code CMS159 and CMS2 retrieve (PHQ-9, PHQ-9M, the CMS2 screening results,
 * the hospice and palliative assessments), checked against the ELM in measureRecords.test.ts.
 * By code, not category: the official CMS2 cases file screening results as `procedure`, and
 * some EHRs refuse an Observation search without a category or a code.
 */
export const MEASURE_OBSERVATION_CODES: readonly string[] = ['44261-6', '89204-2', '73831-0', '73832-8', '45755-6', '71007-9'];

/** The types CMS159 and CMS2 retrieve, with the narrowest search each allows. */
export const MEASURE_SEARCHES: readonly { type: string; params?: SearchParams }[] = [
  { type: 'Encounter' },
  { type: 'Condition' },
  { type: 'Observation', params: { code: MEASURE_OBSERVATION_CODES.map((c) => `http://loinc.org|${c}`).join(',') } },
  { type: 'MedicationRequest' },
  { type: 'ServiceRequest' },
  { type: 'Procedure' },
  { type: 'Coverage' },
];

export interface MeasureRecordsBatch {
  /** Per patient id: the Patient and the resources read for it. */
  records: Map<string, Resource[]>;
  /** Types that could not be read for this batch, with the reason in words. */
  unavailable: { resourceType: string; reason: string }[];
}

/** Runs every search at once unless the caller shares a limiter with other reads. */
const unlimited: Limiter = (task) => task();

/**
 * What the caller already holds for these patients, read by another part of the app (the
 * Program tab's records): their Patient resources, and their Observations of these codes.
 * Those are not searched again; the caller adds them to the records.
 */
export interface AlreadyRead {
  patients: true;
  observationCodes: readonly string[];
}

export async function readMeasureRecords(
  api: FhirApi,
  ids: readonly string[],
  limit: Limiter = unlimited,
  signal?: AbortSignal,
  alreadyRead?: AlreadyRead,
): Promise<MeasureRecordsBatch> {
  const joined = ids.join(',');
  const options = { maxPages: 50, ...(signal ? { signal } : {}) };
  const patientParam = (type: string): string => (type === 'Coverage' ? 'beneficiary' : 'patient');
  const held = new Set(alreadyRead?.observationCodes ?? []);
  const observationCodes = MEASURE_OBSERVATION_CODES.filter((c) => !held.has(c));
  const wanted = MEASURE_SEARCHES.flatMap((s) => {
    if (s.type !== 'Observation' || !alreadyRead) return [s];
    return observationCodes.length ? [{ type: s.type, params: { code: observationCodes.map((c) => `http://loinc.org|${c}`).join(',') } }] : [];
  });
  const searches = [
    ...(alreadyRead ? [] : [limit(() => api.search<Patient>('Patient', { _id: joined, _count: String(ids.length) }, options))]),
    ...wanted.map((s) => limit(() => api.search(s.type as Resource['resourceType'], { [patientParam(s.type)]: joined, ...(s.params ?? {}), _count: '200' }, options))),
  ];
  const settled = await Promise.allSettled(searches);
  signal?.throwIfAborted();
  const types = [...(alreadyRead ? [] : ['Patient']), ...wanted.map((s) => s.type)];
  const records = new Map<string, Resource[]>(ids.map((id) => [id, []]));
  const unavailable: MeasureRecordsBatch['unavailable'] = [];
  settled.forEach((result, i) => {
    const resourceType = types[i]!;
    if (result.status === 'rejected') {
      unavailable.push({ resourceType, reason: result.reason instanceof FhirError ? result.reason.userMessage : 'The EHR did not answer.' });
      return;
    }
    if (result.value.truncated) unavailable.push({ resourceType, reason: 'More records than the app reads at once; some were not read.' });
    for (const r of result.value.resources) {
      const owner = ownerOf(r);
      if (owner) records.get(owner)?.push(r);
    }
  });
  return { records, unavailable };
}
