/**
 * The records of several caseload patients in one round: `patient=a,b,c` searches (one per
 * resource type) instead of one per patient, so 1,000 patients take a few hundred requests
 * rather than thousands. Score and registry Observations come in the same search. A failed
 * search marks every patient of the batch as partly read, with the reason.
 */
import type { Flag, Observation, Patient, Questionnaire, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import type { PatientRecords } from '../../clinical/caseload';
import { CONTACT_CODE } from '../../clinical/contacts/codes';
import { ENROLLMENT_EVENT, REGISTRY_OBSERVATION_CODES, tokenOf } from '../../clinical/enrollment/codes';
import type { FhirApi, SearchOptions, SearchParams, SearchResult } from '../fhirApi';
import { FhirError, readableType } from '../fhirError';
import { fetchQuestionnaire, observationCodes, questionnairesToFetch } from './scoreRecords';

/** Runs at most `limit` tasks at once (the browser keeps about 6 connections per host). */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(limit: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

function subjectId(resource: { subject?: { reference?: string } }): string | undefined {
  return /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(resource.subject?.reference ?? '')?.[1];
}

function words(resourceType: string, error: unknown): string {
  return error instanceof FhirError ? error.userMessage : `The ${readableType(resourceType)} could not be read.`;
}

/** Score, registry (enrollment, review) and contact codes: a patient's Observations in one search. */
export function patientObservationCodes(): string {
  return `${observationCodes()},${[...REGISTRY_OBSERVATION_CODES, CONTACT_CODE].map(tokenOf).join(',')}`;
}

/** A search's pages up to the one that failed: what arrived is kept, and the failure said. */
type KeptSearch<T extends Resource> = SearchResult<T> & { failedAfter?: { pages: number; error: unknown } };

async function searchKeeping<T extends Resource>(api: FhirApi, type: T['resourceType'], params: SearchParams, options: SearchOptions<T>): Promise<KeptSearch<T>> {
  const arrived: T[] = [];
  let pages = 0;
  try {
    return await api.search<T>(type, params, {
      ...options,
      onPage: (page) => {
        arrived.push(...page);
        pages++;
      },
    });
  } catch (error) {
    if (pages === 0 || options.signal?.aborted) throw error;
    return { resources: arrived, included: [], pages, truncated: false, failedAfter: { pages, error } };
  }
}

export async function readCaseloadBatch(api: FhirApi, ids: readonly string[], limit: Limiter, signal?: AbortSignal): Promise<PatientRecords[]> {
  const joined = ids.join(',');
  const options = { maxPages: 50, ...(signal ? { signal } : {}) };
  const codes = patientObservationCodes();
  const [patients, observations, responses, flags] = await Promise.allSettled([
    limit(() => searchKeeping<Patient>(api, 'Patient', { _id: joined, _count: String(ids.length) }, options)),
    limit(() => searchKeeping<Observation>(api, 'Observation', { patient: joined, code: codes, _count: '200' }, options)),
    limit(() => searchKeeping<QuestionnaireResponse>(api, 'QuestionnaireResponse', { patient: joined, _count: '200' }, options)),
    limit(() => searchKeeping<Flag>(api, 'Flag', { patient: joined, _count: '200' }, options)),
  ]);
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  const failures: string[] = [];
  const unreadTypes: string[] = [];
  function take<T extends Resource>(type: string, result: PromiseSettledResult<KeptSearch<T>>): T[] {
    if (result.status === 'rejected') {
      failures.push(`${readableType(type)}: ${words(type, result.reason)}`);
      unreadTypes.push(type);
      return [];
    }
    const { failedAfter } = result.value;
    if (failedAfter) {
      unreadTypes.push(type);
      const n = failedAfter.pages;
      failures.push(
        `${readableType(type)}: the first ${n} ${n === 1 ? 'page' : 'pages'} arrived, the rest could not be read (${words(type, failedAfter.error)}); records after them are missing`,
      );
    }
    if (result.value.truncated) failures.push(`${readableType(type)}: more records than the app reads at once; some are not counted`);
    return result.value.resources;
  }
  const patientList = take('Patient', patients);
  const obsList = take('Observation', observations);
  const qrList = take('QuestionnaireResponse', responses);
  const flagList = take('Flag', flags);
  const refs = questionnairesToFetch(qrList);
  const fetched = await Promise.allSettled(refs.map((ref) => limit(() => fetchQuestionnaire(api, ref, signal))));
  const questionnaires = fetched.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value as Questionnaire] : []));
  if (fetched.some((r) => r.status === 'rejected')) failures.push('Questionnaire: a local form could not be read; its scores may be missing');

  const byPatient = <T extends { subject?: { reference?: string } }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of list) {
      const id = subjectId(r);
      if (!id) continue;
      const list = map.get(id);
      if (list) list.push(r);
      else map.set(id, [r]);
    }
    return map;
  };
  const patientsById = new Map(patientList.map((p) => [p.id ?? '', p]));
  const obsBy = byPatient(obsList);
  const qrBy = byPatient(qrList);
  const flagBy = byPatient(flagList);
  return ids.map((id) => ({
    patientId: id,
    patient: patientsById.get(id),
    observations: obsBy.get(id) ?? [],
    questionnaireResponses: qrBy.get(id) ?? [],
    questionnaires,
    flags: flagBy.get(id) ?? [],
    failures,
    unreadTypes,
  }));
}

/**
 * The enrollment events of many patients in one search (a few per patient): enough to tell
 * whose care manager is whom before reading whole records. Throws when the search fails:
 * the caller then reads those patients in full (unknown is not "not mine").
 */
export async function readEnrollmentEvents(api: FhirApi, ids: readonly string[], limit: Limiter, signal?: AbortSignal): Promise<Map<string, Observation[]>> {
  const result = await limit(() =>
    api.search<Observation>('Observation', { patient: ids.join(','), code: tokenOf(ENROLLMENT_EVENT), _count: '200' }, { maxPages: 20, ...(signal ? { signal } : {}) }),
  );
  if (result.truncated) throw new FhirError('invalid-response', 'More enrollment records than the app reads at once.', { resourceType: 'Observation' });
  const byPatient = new Map<string, Observation[]>(ids.map((id) => [id, []]));
  for (const obs of result.resources) byPatient.get(subjectId(obs) ?? '')?.push(obs);
  return byPatient;
}

/** Splits ids into batches of `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
