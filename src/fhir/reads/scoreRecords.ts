/**
 * Everything the patient view needs from the EHR for one patient, read in one parallel round:
 * score Observations (narrowed by LOINC and SNOMED CT code), QuestionnaireResponses and Flags. Only forms of
 * unknown local Questionnaires need a second round, once per form. One failing search never
 * hides the others: each failure is kept with its words for the user.
 */
import type { Flag, Observation, Questionnaire, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { INSTRUMENTS, SCORE_OBSERVATION_CODES } from '../../clinical';
import type { FhirApi, SearchResult } from '../fhirApi';
import { FhirError } from '../fhirError';

export interface ReadFailure {
  resourceType: string;
  error: FhirError;
}

export interface ScoreRecords {
  observations: Observation[];
  questionnaireResponses: QuestionnaireResponse[];
  questionnaires: Questionnaire[];
  flags: Flag[];
  failures: ReadFailure[];
  /** Resource types whose search hit the page cap: the view says the list may be incomplete. */
  truncated: string[];
}

const PAGE_SIZE = '200';

/** The score codes every Observation search asks for: one constant (LOINC and SNOMED CT). */
export function observationCodes(): string {
  return SCORE_OBSERVATION_CODES;
}

const KNOWN_CANONICALS = new Set(Object.values(INSTRUMENTS).flatMap((d) => [d.canonical, ...d.knownCanonicals]));

function withoutVersion(canonical: string): string {
  return canonical.split('|')[0] ?? canonical;
}

/** Questionnaires we must fetch: named by a response, not contained, not a form we know. */
export function questionnairesToFetch(responses: QuestionnaireResponse[]): string[] {
  const wanted = new Set<string>();
  for (const response of responses) {
    const ref = response.questionnaire;
    if (!ref || ref.startsWith('#')) continue;
    if (KNOWN_CANONICALS.has(withoutVersion(ref))) continue;
    wanted.add(ref);
  }
  return [...wanted];
}

function toFailure(resourceType: string, error: unknown): ReadFailure {
  if (error instanceof FhirError) return { resourceType, error };
  return { resourceType, error: new FhirError('invalid-response', `The ${resourceType} records could not be read.`, { resourceType }) };
}

/** Questionnaires are shared across patients: fetch each form once per page life. */
const questionnaireCache = new Map<string, Promise<Questionnaire | undefined>>();

export function fetchQuestionnaire(api: FhirApi, ref: string, signal?: AbortSignal): Promise<Questionnaire | undefined> {
  const key = `${api.serverUrl} ${ref}`;
  let pending = questionnaireCache.get(key);
  if (!pending) {
    const literal = /^(?:.*\/)?Questionnaire\/([A-Za-z0-9\-.]{1,64})$/.exec(ref);
    pending = literal && !ref.includes('://')
      ? api.read<Questionnaire>('Questionnaire', literal[1] as string, signal)
      : api.search<Questionnaire>('Questionnaire', { url: withoutVersion(ref) }, { maxPages: 1, ...(signal ? { signal } : {}) }).then((r) => pickVersion(r.resources, ref));
    pending = pending.catch((error: unknown) => {
      questionnaireCache.delete(key);
      throw error;
    });
    questionnaireCache.set(key, pending);
  }
  return pending;
}

function pickVersion(found: Questionnaire[], ref: string): Questionnaire | undefined {
  const version = ref.split('|')[1];
  return (version && found.find((q) => q.version === version)) || found[0];
}

export async function readScoreRecords(api: FhirApi, patientId: string, signal?: AbortSignal): Promise<ScoreRecords> {
  const options = signal ? { signal } : {};
  const [observations, responses, flags] = await Promise.allSettled([
    api.search<Observation>('Observation', { patient: patientId, code: observationCodes(), _count: PAGE_SIZE }, options),
    api.search<QuestionnaireResponse>('QuestionnaireResponse', { patient: patientId, _count: PAGE_SIZE }, options),
    api.search<Flag>('Flag', { patient: patientId, _count: PAGE_SIZE }, options),
  ]);
  const failures: ReadFailure[] = [];
  const truncated: string[] = [];
  function take<T extends Resource>(resourceType: string, result: PromiseSettledResult<SearchResult<T>>): T[] {
    if (result.status === 'rejected') {
      if (signal?.aborted) throw result.reason;
      failures.push(toFailure(resourceType, result.reason));
      return [];
    }
    if (result.value.truncated) truncated.push(resourceType);
    return result.value.resources;
  }
  const questionnaireResponses = take('QuestionnaireResponse', responses);
  const refs = questionnairesToFetch(questionnaireResponses);
  const fetched = await Promise.allSettled(refs.map((ref) => fetchQuestionnaire(api, ref, signal)));
  const questionnaires: Questionnaire[] = [];
  fetched.forEach((result) => {
    if (result.status === 'fulfilled') {
      if (result.value) questionnaires.push(result.value);
    } else if (!signal?.aborted) {
      failures.push(toFailure('Questionnaire', result.reason));
    }
  });
  return {
    observations: take('Observation', observations),
    questionnaireResponses,
    questionnaires,
    flags: take('Flag', flags),
    failures,
    truncated,
  };
}
