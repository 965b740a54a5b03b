/**
 * Everything the patient view reads for one patient, in one parallel round: the Patient, one
 * Observation search (scores, registry events and reviews, contacts: the caseload's codes),
 * QuestionnaireResponses, Flags and the treatment searches; only unknown local forms need a
 * second round. One failing search never hides the others: each failure is kept, by resource
 * type, with its words for the user.
 */
import type { Flag, Observation, Patient, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import type { PatientChartRecords, ReadProblem } from '../../clinical/patientChart';
import type { FhirApi, SearchResult } from '../fhirApi';
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
  /**
   * Called with the records so far when the chart could already be drawn: the scores,
   * registry and flags are in but the treatment searches are still on their way (`treatment`
   * undefined). The final records are the promise's value.
   */
  onProgress?: (records: PatientChartRecords) => void;
}

type TreatmentPart = Pick<PatientChartRecords, 'treatment' | 'failed' | 'truncated'>;

async function readTreatmentPart(api: FhirApi, patientId: string, options: PatientChartReadOptions): Promise<TreatmentPart> {
  const records = await readTreatmentRecords(api, patientId, options.granted, options.signal);
  return {
    treatment: {
      conditions: records.conditions,
      medicationRequests: records.medicationRequests,
      medicationStatements: records.medicationStatements,
      carePlans: records.carePlans,
      goals: records.goals,
      notOffered: records.notOffered,
    },
    failed: records.failures.map((f) => ({ what: f.resourceType, reason: f.error.userMessage })),
    truncated: records.truncated,
  };
}

async function readCore(api: FhirApi, patientId: string, signal: AbortSignal | undefined): Promise<PatientChartRecords> {
  const search = signal ? { signal } : {};
  const [patient, observations, responses, flags] = await Promise.allSettled([
    api.read<Patient>('Patient', patientId, signal),
    api.search<Observation>('Observation', { patient: patientId, code: patientObservationCodes(), _count: PAGE_SIZE }, search),
    api.search<QuestionnaireResponse>('QuestionnaireResponse', { patient: patientId, _count: PAGE_SIZE }, search),
    api.search<Flag>('Flag', { patient: patientId, _count: PAGE_SIZE }, search),
  ]);
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  // No such patient (or not this user's): there is no chart to show, only that.
  if (patient.status === 'rejected' && patient.reason instanceof FhirError && patient.reason.kind === 'not-found') throw patient.reason;
  const failed: ReadProblem[] = [];
  const truncated: string[] = [];
  function take<T extends Resource>(resourceType: string, result: PromiseSettledResult<SearchResult<T>>): T[] {
    if (result.status === 'rejected') {
      failed.push(problemOf(resourceType, result.reason));
      return [];
    }
    if (result.value.truncated) truncated.push(resourceType);
    return result.value.resources;
  }
  if (patient.status === 'rejected') failed.push(problemOf('Patient', patient.reason));
  const questionnaireResponses = take('QuestionnaireResponse', responses);
  const fetched = await Promise.allSettled(questionnairesToFetch(questionnaireResponses).map((ref) => fetchQuestionnaire(api, ref, signal)));
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  const rejected = fetched.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) failed.push(problemOf('Questionnaire', rejected.reason));
  return {
    patientId,
    patient: patient.status === 'fulfilled' ? patient.value : undefined,
    observations: take('Observation', observations),
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
  const treatment = readTreatmentPart(api, patientId, options);
  // Settled below in every case: a rejection here must not go unhandled while the core is read.
  treatment.catch(() => undefined);
  let treatmentDone = false;
  void treatment.finally(() => (treatmentDone = true)).catch(() => undefined);
  const core = await readCore(api, patientId, options.signal);
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

const EMPTY_TREATMENT: NonNullable<PatientChartRecords['treatment']> = { conditions: [], medicationRequests: [], medicationStatements: [], carePlans: [], goals: [], notOffered: [] };
