/**
 * The records of several caseload patients in one round: `patient=a,b,c` searches (one per
 * resource type) instead of one per patient, so 1,000 patients take a few hundred requests
 * rather than thousands. Score and registry Observations come in the same search. Where a
 * batch's records would need several pages, its search is split into patient lists searched
 * side by side (see `partsFor`). A failed search marks the patients it was for as partly
 * read, with the reason.
 */
import type { Flag, Observation, Patient, Questionnaire, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import type { PatientRecords } from '../../clinical/caseload';
import { CONTACT_CODE } from '../../clinical/contacts/codes';
import { ENROLLMENT_EVENT, REGISTRY_OBSERVATION_CODES, tokenOf } from '../../clinical/enrollment/codes';
import { patientIdOfReference } from '../../clinical/records/references';
import type { FhirApi, SearchOptions, SearchParams, SearchResult } from '../fhirApi';
import { FhirError, readableType } from '../fhirError';
import { fetchQuestionnaire, observationCodes, questionnairesToFetch } from './scoreRecords';

/**
 * Runs at most `limit` tasks at once (the browser keeps about 6 connections per host). An
 * `urgent` task goes to the front of the queue (the first rows' reads, ahead of the rest); a
 * `background` task waits until no other task is waiting (the quality measures' extra
 * reads, which must not hold back the rows and the Program table that share the connections).
 */
export type Priority = 'urgent' | 'normal' | 'background';
export type Limiter = <T>(task: () => Promise<T>, priority?: Priority) => Promise<T>;

export function createLimiter(limit: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  const background: (() => void)[] = [];
  return async <T>(task: () => Promise<T>, priority: Priority = 'normal'): Promise<T> => {
    if (running >= limit) {
      await new Promise<void>((resolve) => {
        if (priority === 'urgent') waiting.unshift(resolve);
        else if (priority === 'background') background.push(resolve);
        else waiting.push(resolve);
      });
    }
    running++;
    try {
      return await task();
    } finally {
      running--;
      (waiting.shift() ?? background.shift())?.();
    }
  };
}

function words(resourceType: string, error: unknown): string {
  return error instanceof FhirError ? error.userMessage : `The ${readableType(resourceType)} could not be read.`;
}

/** Score, registry (enrollment, review) and contact codes: a patient's Observations in one search. */
export function patientObservationCodes(): string {
  return `${observationCodes()},${[...REGISTRY_OBSERVATION_CODES, CONTACT_CODE].map(tokenOf).join(',')}`;
}

/** A search's pages up to the one that failed: what arrived is kept, and the failure said. */
type KeptSearch<T extends Resource> = SearchResult<T> & { failedAfter?: { pages: number; error: unknown }; pageSizes: number[] };

async function searchKeeping<T extends Resource>(api: FhirApi, type: T['resourceType'], params: SearchParams, options: SearchOptions<T>): Promise<KeptSearch<T>> {
  const arrived: T[] = [];
  const pageSizes: number[] = [];
  try {
    const result = await api.search<T>(type, params, {
      ...options,
      onPage: (page) => {
        arrived.push(...page);
        pageSizes.push(page.length);
      },
    });
    return { ...result, pageSizes };
  } catch (error) {
    if (pageSizes.length === 0 || options.signal?.aborted) throw error;
    return { resources: arrived, included: [], pages: pageSizes.length, truncated: false, failedAfter: { pages: pageSizes.length, error }, pageSizes };
  }
}

/** What we ask for: servers answer with their own cap when it is lower (Medplum, Azure, Google: 1000; some 100 or 200). */
export const REQUESTED_PAGE_SIZE = 1000;
/** A patient list's share of a page: headroom for patients with more records than the average. */
const PAGE_FILL = 0.6;

/**
 * What the EHR's answers have taught about paging, per server: the largest page it sent with
 * a `next` link (its real page size), and how many records a patient has per resource type.
 * Used to split a batch's searches so each fits in one page: pages of one search follow
 * each other's `next` links (one network wait each), searches of parts run side by side.
 */
interface Paging {
  pageSize: number | undefined;
  seen: Map<string, { records: number; patients: number }>;
}
const paging = new WeakMap<FhirApi, Paging>();

function pagingOf(api: FhirApi): Paging {
  let p = paging.get(api);
  if (!p) {
    p = { pageSize: undefined, seen: new Map() };
    paging.set(api, p);
  }
  return p;
}

function learn(api: FhirApi, type: string, patients: number, result: KeptSearch<Resource>): void {
  const p = pagingOf(api);
  // Every page but the last came with a `next` link: the largest of them is the server's page size.
  const linked = result.failedAfter ? result.pageSizes : result.pageSizes.slice(0, -1);
  const largest = Math.max(0, ...linked);
  if (largest > 0) p.pageSize = Math.max(p.pageSize ?? 0, largest);
  if (result.failedAfter || result.truncated) return;
  const s = p.seen.get(type) ?? { records: 0, patients: 0 };
  p.seen.set(type, { records: s.records + result.resources.length, patients: s.patients + patients });
}

/** The patient lists one search each: as many as the records expected need pages, evenly sized. */
export function partsFor(api: FhirApi, type: string, ids: readonly string[]): string[][] {
  const p = pagingOf(api);
  const s = p.seen.get(type);
  if (!s || s.patients === 0 || ids.length <= 1) return [[...ids]];
  const perPage = PAGE_FILL * (p.pageSize ?? REQUESTED_PAGE_SIZE);
  const parts = Math.min(ids.length, Math.ceil((ids.length * s.records) / s.patients / perPage));
  if (parts <= 1) return [[...ids]];
  const size = Math.ceil(ids.length / parts);
  return batches(ids, size);
}

interface Part<T extends Resource> {
  ids: readonly string[];
  result: PromiseSettledResult<KeptSearch<T>>;
}

/** One resource type's search for a batch, split into parts searched side by side (each through the limiter). */
async function searchParts<T extends Resource>(
  api: FhirApi,
  type: T['resourceType'],
  ids: readonly string[],
  params: (joined: string) => SearchParams,
  limit: Limiter,
  options: SearchOptions<T>,
): Promise<Part<T>[]> {
  const parts = partsFor(api, type, ids);
  const results = await Promise.allSettled(parts.map((part) => limit(() => searchKeeping<T>(api, type, params(part.join(',')), options))));
  return parts.map((part, i) => {
    const result = results[i] as PromiseSettledResult<KeptSearch<T>>;
    if (result.status === 'fulfilled') learn(api, type, part.length, result.value);
    return { ids: part, result };
  });
}

/** The forms named by the answers that arrived (each read once per page life, see fetchQuestionnaire). */
function readForms(api: FhirApi, parts: Part<QuestionnaireResponse>[], limit: Limiter, signal?: AbortSignal): Promise<PromiseSettledResult<Questionnaire | undefined>[]> {
  const arrived = parts.flatMap(({ result }) => (result.status === 'fulfilled' ? result.value.resources : []));
  return Promise.allSettled(questionnairesToFetch(arrived).map((ref) => limit(() => fetchQuestionnaire(api, ref, signal))));
}

export async function readCaseloadBatch(api: FhirApi, ids: readonly string[], limit: Limiter, signal?: AbortSignal): Promise<PatientRecords[]> {
  const options = { maxPages: 50, ...(signal ? { signal } : {}) };
  const codes = patientObservationCodes();
  const count = String(REQUESTED_PAGE_SIZE);
  const responsesRead = searchParts<QuestionnaireResponse>(api, 'QuestionnaireResponse', ids, (joined) => ({ patient: joined, _count: count }), limit, options);
  // The local forms the answers name are read as soon as the answers arrive, beside the other
  // searches still running: read after all four, they were one more network wait before the
  // first rows (about 50 ms at 50 ms latency, docs/performance.md).
  const formsRead = responsesRead.then((parts) => readForms(api, parts, limit, signal));
  const [patients, observations, responses, flags, fetched] = await Promise.all([
    searchParts<Patient>(api, 'Patient', ids, (joined) => ({ _id: joined, _count: String(Math.min(ids.length, REQUESTED_PAGE_SIZE)) }), limit, options),
    searchParts<Observation>(api, 'Observation', ids, (joined) => ({ patient: joined, code: codes, _count: count }), limit, options),
    responsesRead,
    searchParts<Flag>(api, 'Flag', ids, (joined) => ({ patient: joined, _count: count }), limit, options),
    formsRead,
  ]);
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  // What could not be read is said for the patients of the part that failed, not the whole batch.
  const failures = new Map<string, string[]>(ids.map((id) => [id, []]));
  const unreadTypes = new Map<string, string[]>(ids.map((id) => [id, []]));
  function take<T extends Resource>(type: string, parts: Part<T>[]): T[] {
    const out: T[] = [];
    for (const { ids: partIds, result } of parts) {
      const said: string[] = [];
      let unread = false;
      if (result.status === 'rejected') {
        said.push(`${readableType(type)}: ${words(type, result.reason)}`);
        unread = true;
      } else {
        const { failedAfter } = result.value;
        if (failedAfter) {
          unread = true;
          const n = failedAfter.pages;
          said.push(
            `${readableType(type)}: the first ${n} ${n === 1 ? 'page' : 'pages'} arrived, the rest could not be read (${words(type, failedAfter.error)}); records after them are missing`,
          );
        }
        if (result.value.truncated) said.push(`${readableType(type)}: more records than the app reads at once; some are not counted`);
        out.push(...result.value.resources);
      }
      for (const id of partIds) {
        failures.get(id)?.push(...said);
        if (unread) unreadTypes.get(id)?.push(type);
      }
    }
    return out;
  }
  const patientList = take('Patient', patients);
  const obsList = take('Observation', observations);
  const qrList = take('QuestionnaireResponse', responses);
  const flagList = take('Flag', flags);
  const questionnaires = fetched.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value as Questionnaire] : []));
  if (fetched.some((r) => r.status === 'rejected')) for (const list of failures.values()) list.push('Questionnaire: a local form could not be read; its scores may be missing');

  const byPatient = <T extends { subject?: { reference?: string } }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of list) {
      const id = patientIdOfReference(r.subject?.reference);
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
    failures: failures.get(id) ?? [],
    unreadTypes: unreadTypes.get(id) ?? [],
  }));
}

/**
 * The enrollment events of many patients in one search (a few per patient): enough to tell
 * whose care manager is whom before reading whole records. Throws when the search fails:
 * the caller then reads those patients in full (unknown is not "not mine").
 */
export async function readEnrollmentEvents(api: FhirApi, ids: readonly string[], limit: Limiter, signal?: AbortSignal): Promise<Map<string, Observation[]>> {
  const result = await limit(() =>
    api.search<Observation>(
      'Observation',
      { patient: ids.join(','), code: tokenOf(ENROLLMENT_EVENT), _count: String(REQUESTED_PAGE_SIZE) },
      { maxPages: 20, ...(signal ? { signal } : {}) },
    ),
  );
  if (result.truncated) throw new FhirError('invalid-response', 'More enrollment records than the app reads at once.', { resourceType: 'Observation' });
  const byPatient = new Map<string, Observation[]>(ids.map((id) => [id, []]));
  for (const obs of result.resources) byPatient.get(patientIdOfReference(obs.subject?.reference) ?? '')?.push(obs);
  return byPatient;
}

/** Splits ids into batches of `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
