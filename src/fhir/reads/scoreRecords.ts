/**
 * The score reads' shared parts: the LOINC and SNOMED CT codes a score search asks for, and the local
 * Questionnaires a response needs (fetched once per form per page life). The patient view's
 * read is src/fhir/reads/patientChart.ts; the caseload's is caseloadBatch.ts.
 */
import type { Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { INSTRUMENTS, SCORE_OBSERVATION_CODES } from '../../clinical';
import type { FhirApi } from '../fhirApi';
import { FhirError } from '../fhirError';

export interface ReadFailure {
  resourceType: string;
  error: FhirError;
}

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

/** Questionnaires are shared across patients: fetch each form once per page life. */
const questionnaireCache = new Map<string, Promise<Questionnaire | undefined>>();

export function fetchQuestionnaire(api: FhirApi, ref: string, signal?: AbortSignal): Promise<Questionnaire | undefined> {
  const key = `${api.serverUrl} ${ref}`;
  let pending = questionnaireCache.get(key);
  if (!pending) {
    const literal = /^(?:.*\/)?Questionnaire\/([A-Za-z0-9\-.]{1,64})$/.exec(ref);
    pending =
      literal && !ref.includes('://')
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
