/**
 * The treatment context of one patient: Conditions, MedicationRequests, MedicationStatements,
 * active CarePlans and Goals, and plan of care notes (DocumentReference, LOINC 18776-5: the
 * treatment plan's note where the EHR takes no CarePlan). Every search starts at once, beside the score reads, and none
 * waits on another: the chart never waits for medications. A failed search is kept with its
 * words for the "could not be read" note; a type the token does not grant is not asked for.
 */
import type { CarePlan, Communication, Condition, DocumentReference, Goal, MedicationRequest, MedicationStatement, Resource } from '@medplum/fhirtypes';
import { PLAN_OF_CARE_NOTE } from '../../clinical/careplan/codes';
import { INSTRUCTION_CATEGORY } from '../../clinical/education';
import type { FhirApi, SearchResult } from '../fhirApi';
import { FhirError, readableType } from '../fhirError';
import type { GrantedScopes } from '../scopes';
import type { ReadFailure } from './scoreRecords';

export interface TreatmentRecords {
  conditions: Condition[];
  medicationRequests: MedicationRequest[];
  medicationStatements: MedicationStatement[];
  carePlans: CarePlan[];
  goals: Goal[];
  documents: DocumentReference[];
  /** Handouts given (Communication, category instruction); optional: Epic and Oracle take them but do not give them back. */
  communications: Communication[];
  failures: ReadFailure[];
  truncated: string[];
  /** Types this EHR does not offer (MedicationStatement is optional): said quietly, not as a failure. */
  notOffered: string[];
}

const PAGE_SIZE = '200';
/** A server without the resource type answers 404/405/400; that is "not offered", not an error. */
const NOT_OFFERED_KINDS = new Set(['not-found', 'not-allowed', 'bad-request']);
const OPTIONAL_TYPES = new Set(['MedicationStatement', 'Communication']);

function toFailure(resourceType: string, error: unknown): ReadFailure {
  if (error instanceof FhirError) return { resourceType, error };
  return { resourceType, error: new FhirError('invalid-response', `The ${readableType(resourceType)} could not be read.`, { resourceType }) };
}

export async function readTreatmentRecords(api: FhirApi, patientId: string, granted: GrantedScopes | undefined, signal?: AbortSignal): Promise<TreatmentRecords> {
  const options = signal ? { signal } : {};
  const failures: ReadFailure[] = [];
  const truncated: string[] = [];
  const notOffered: string[] = [];
  function search<T extends Resource>(resourceType: string, params: Record<string, string>): Promise<SearchResult<T> | undefined> {
    // A token that lists no data scopes at all says nothing either way: ask and let the EHR decide.
    if (granted && /\//.test(granted.raw) && !granted.can(resourceType, 's') && !granted.can(resourceType, 'r')) {
      failures.push({
        resourceType,
        error: new FhirError('forbidden', `Your EHR access does not include ${readableType(resourceType)}, so they are not shown.`, { resourceType }),
      });
      return Promise.resolve(undefined);
    }
    return api.search<T>(resourceType as T['resourceType'], { patient: patientId, _count: PAGE_SIZE, ...params }, options).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      if (OPTIONAL_TYPES.has(resourceType) && error instanceof FhirError && NOT_OFFERED_KINDS.has(error.kind)) notOffered.push(resourceType);
      else failures.push(toFailure(resourceType, error));
      return undefined;
    });
  }
  const [conditions, requests, statements, carePlans, goals, documents, communications] = await Promise.all([
    search<Condition>('Condition', {}),
    search<MedicationRequest>('MedicationRequest', {}),
    search<MedicationStatement>('MedicationStatement', {}),
    search<CarePlan>('CarePlan', { status: 'active' }),
    search<Goal>('Goal', {}),
    search<DocumentReference>('DocumentReference', { type: `${PLAN_OF_CARE_NOTE.system}|${PLAN_OF_CARE_NOTE.code}` }),
    search<Communication>('Communication', { category: `${INSTRUCTION_CATEGORY.system}|${INSTRUCTION_CATEGORY.code}` }),
  ]);
  function take<T extends Resource>(resourceType: string, result: SearchResult<T> | undefined): T[] {
    if (!result) return [];
    if (result.truncated) truncated.push(resourceType);
    return result.resources;
  }
  return {
    conditions: take('Condition', conditions),
    medicationRequests: take('MedicationRequest', requests),
    medicationStatements: take('MedicationStatement', statements),
    carePlans: take('CarePlan', carePlans),
    goals: take('Goal', goals),
    documents: take('DocumentReference', documents),
    communications: take('Communication', communications),
    failures,
    truncated,
    notOffered,
  };
}
