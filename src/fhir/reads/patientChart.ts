/**
 * Everything the patient view reads for one patient, in one parallel round: the Patient, one
 * Observation search (scores, registry events and reviews, contacts: the caseload's codes),
 * QuestionnaireResponses, Flags and the treatment searches; only unknown local forms need a
 * second round. One failing search never hides the others: each failure is kept, by resource
 * type, with its words for the user.
 */
import type { Flag, Observation, Patient, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import type { PatientChartRecords, ReadProblem } from '../../clinical/patientChart';
import type { FhirApi } from '../fhirApi';
import { FhirError, readableType } from '../fhirError';
import type { GrantedScopes } from '../scopes';
import { patientObservationCodes } from './caseloadBatch';
import { fetchQuestionnaire, questionnairesToFetch } from './scoreRecords';
import { readTreatmentRecords } from './treatmentRecords';

const PAGE_SIZE = '200';

function problemOf(resourceType: string, error: unknown): ReadProblem {
  return { what: resourceType, reason: error instanceof FhirError ? error.userMessage : `The ${readableType(resourceType)} could not be read.` };
}

export interface PatientChartReadOptions {
  granted?: GrantedScopes | undefined;
  signal?: AbortSignal | undefined;
  /** Whether the server takes FHIR `batch` Bundles: the treatment searches then go as one request. */
  batchOffered?: Promise<boolean> | undefined;
  /**
   * Called with the records so far when the chart could already be drawn: the scores,
   * registry and flags are in but the treatment searches are still on their way (`treatment`
   * undefined). The final records are the promise's value.
   */
  onProgress?: (records: PatientChartRecords) => void;
}

type TreatmentPart = Pick<PatientChartRecords, 'treatment' | 'failed' | 'truncated'>;

async function readTreatmentPart(api: FhirApi, patientId: string, options: PatientChartReadOptions): Promise<TreatmentPart> {
  const records = await readTreatmentRecords(api, patientId, options.granted, { signal: options.signal, batchOffered: options.batchOffered });
  return {
    treatment: {
      conditions: records.conditions,
      medicationRequests: records.medicationRequests,
      medicationStatements: records.medicationStatements,
      carePlans: records.carePlans,
      goals: records.goals,
      documents: records.documents,
      communications: records.communications,
      notOffered: records.notOffered,
    },
    failed: records.failures.map((f) => ({ what: f.resourceType, reason: f.error.userMessage })),
    truncated: records.truncated,
  };
}

/**
 * One search whose pages are kept as they come: the first page can be drawn while older ones
 * are on their way, and when a later page fails the pages already read are kept (the failure
 * is reported with them) instead of being lost.
 */
function pagedSearch<T extends Resource>(api: FhirApi, resourceType: T['resourceType'], params: Record<string, string>, signal: AbortSignal | undefined, onPage: () => void) {
  const sink: T[] = [];
  let pages = 0;
  const done = api
    .search<T>(
      resourceType,
      { ...params, _count: PAGE_SIZE },
      {
        ...(signal ? { signal } : {}),
        onPage: (page) => {
          sink.push(...page);
          pages++;
          onPage();
        },
      },
    )
    .then(
      (result) => ({ resources: result.resources, truncated: result.truncated, problem: undefined as ReadProblem | undefined, finished: true }),
      (error: unknown) => {
        if (signal?.aborted) throw error;
        const problem = problemOf(resourceType, error);
        if (pages === 0) throw error;
        return {
          resources: [...sink],
          truncated: false,
          problem: { what: resourceType, reason: `Older records could not be read after the first ${sink.length}: ${problem.reason}` },
          finished: true,
        };
      },
    );
  return { sink, pages: () => pages, done };
}

async function readCore(
  api: FhirApi,
  patientId: string,
  signal: AbortSignal | undefined,
  onProgress: ((records: PatientChartRecords) => void) | undefined,
): Promise<PatientChartRecords> {
  let patientDone: Patient | 'failed' | undefined;
  let flagsDone: Flag[] | undefined;
  let earlyFailed: ReadProblem[] = [];
  let finished = false;
  // Drawn once from the first pages, then again when everything is in: redrawing a long
  // history at every page would cost more than it shows.
  let drawnEarly = false;
  const patientRead = api.read<Patient>('Patient', patientId, signal);
  const flagSearch = api.search<Flag>('Flag', { patient: patientId, _count: PAGE_SIZE }, signal ? { signal } : {});
  // Newest first where the server sorts, so the first page holds the latest scores.
  const observations = pagedSearch<Observation>(api, 'Observation', { patient: patientId, code: patientObservationCodes(), _sort: '-date' }, signal, () => progress());
  const responses = pagedSearch<QuestionnaireResponse>(api, 'QuestionnaireResponse', { patient: patientId, _sort: '-authored' }, signal, () => progress());
  let observationsDone = false;
  let responsesDone = false;
  void observations.done.then(
    () => (observationsDone = true),
    () => (observationsDone = true),
  );
  void responses.done.then(
    () => (responsesDone = true),
    () => (responsesDone = true),
  );

  /** The first pages of both searches are in and more are coming: draw from what is here. */
  function progress(): void {
    if (!onProgress || finished || patientDone === undefined || flagsDone === undefined) return;
    if (observations.pages() === 0 && !observationsDone) return;
    if (responses.pages() === 0 && !responsesDone) return;
    if ((observationsDone && responsesDone) || drawnEarly) return;
    drawnEarly = true;
    const pending = [...(observationsDone ? [] : ['Observation']), ...(responsesDone ? [] : ['QuestionnaireResponse'])];
    const qrs = [...responses.sink];
    void Promise.allSettled(questionnairesToFetch(qrs).map((ref) => fetchQuestionnaire(api, ref, signal))).then((fetched) => {
      if (finished || signal?.aborted) return;
      onProgress({
        patientId,
        patient: patientDone === 'failed' ? undefined : patientDone,
        observations: [...observations.sink],
        questionnaireResponses: qrs,
        questionnaires: fetched.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : [])),
        flags: flagsDone ?? [],
        treatment: undefined,
        failed: earlyFailed,
        truncated: [],
        pending,
      });
    });
  }
  void patientRead.then(
    (p) => {
      patientDone = p;
      progress();
    },
    (error: unknown) => {
      patientDone = 'failed';
      earlyFailed = [...earlyFailed, problemOf('Patient', error)];
      progress();
    },
  );
  void flagSearch.then(
    (r) => {
      flagsDone = r.resources;
      progress();
    },
    (error: unknown) => {
      // Drawn early, the flags still say they could not be read (never "no flags").
      flagsDone = [];
      earlyFailed = [...earlyFailed, problemOf('Flag', error)];
      progress();
    },
  );

  const [patient, observationResult, responseResult, flags] = await Promise.allSettled([patientRead, observations.done, responses.done, flagSearch]);
  finished = true;
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  // No such patient (or not this user's): there is no chart to show, only that.
  if (patient.status === 'rejected' && patient.reason instanceof FhirError && patient.reason.kind === 'not-found') throw patient.reason;
  const failed: ReadProblem[] = [];
  const truncated: string[] = [];
  function take<T extends Resource>(resourceType: string, result: PromiseSettledResult<{ resources: T[]; truncated: boolean; problem?: ReadProblem | undefined }>): T[] {
    if (result.status === 'rejected') {
      failed.push(problemOf(resourceType, result.reason));
      return [];
    }
    if (result.value.problem) failed.push(result.value.problem);
    if (result.value.truncated) truncated.push(resourceType);
    return result.value.resources;
  }
  if (patient.status === 'rejected') failed.push(problemOf('Patient', patient.reason));
  const questionnaireResponses = take('QuestionnaireResponse', responseResult);
  const fetched = await Promise.allSettled(questionnairesToFetch(questionnaireResponses).map((ref) => fetchQuestionnaire(api, ref, signal)));
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  const rejected = fetched.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) failed.push(problemOf('Questionnaire', rejected.reason));
  return {
    patientId,
    patient: patient.status === 'fulfilled' ? patient.value : undefined,
    observations: take('Observation', observationResult),
    questionnaireResponses,
    questionnaires: fetched.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : [])),
    flags: take('Flag', flags),
    treatment: undefined,
    failed,
    truncated,
  };
}

/** The chart's records; the treatment searches leave with the others but never hold the chart back. */
export async function readPatientChart(api: FhirApi, patientId: string, options: PatientChartReadOptions = {}): Promise<PatientChartRecords> {
  // The chart's searches leave first: over HTTP/1.1 the browser sends six at a time, and the
  // treatment searches must not make the scores wait in line.
  const corePending = readCore(api, patientId, options.signal, options.onProgress);
  const treatment = readTreatmentPart(api, patientId, options);
  // Settled below in every case: a rejection here must not go unhandled while the core is read.
  treatment.catch(() => undefined);
  let treatmentDone = false;
  void treatment.finally(() => (treatmentDone = true)).catch(() => undefined);
  const core = await corePending;
  if (!treatmentDone) options.onProgress?.(core);
  let part: TreatmentPart;
  try {
    part = await treatment;
  } catch (error) {
    if (options.signal?.aborted) throw error;
    part = { treatment: undefined, failed: [problemOf('Condition', error)], truncated: [] };
  }
  return { ...core, treatment: part.treatment ?? EMPTY_TREATMENT, failed: [...core.failed, ...part.failed], truncated: [...core.truncated, ...part.truncated] };
}

const EMPTY_TREATMENT: NonNullable<PatientChartRecords['treatment']> = {
  conditions: [],
  medicationRequests: [],
  medicationStatements: [],
  carePlans: [],
  goals: [],
  documents: [],
  communications: [],
  notOffered: [],
};
