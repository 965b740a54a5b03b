/**
 * The treatment context of one patient: Conditions, MedicationRequests, MedicationStatements,
 * active CarePlans and Goals, and plan of care notes (DocumentReference, LOINC 18776-5: the
 * treatment plan's note where the EHR takes no CarePlan). Every search starts at once, beside the score reads, and none
 * waits on another: the chart never waits for medications. Where the server takes FHIR `batch`
 * Bundles they go as one request instead of seven. A failed search is kept with its
 * words for the "could not be read" note; a type the token does not grant is not asked for.
 */
import type { CarePlan, Communication, Condition, DocumentReference, Goal, MedicationRequest, MedicationStatement, Resource } from '@medplum/fhirtypes';
import { PLAN_OF_CARE_NOTE } from '../../clinical/careplan/codes';
import { INSTRUCTION_CATEGORY } from '../../clinical/education/codes';
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

/** The searches, in order: type and its parameters besides the patient. */
const SEARCHES: ReadonlyArray<readonly [string, Record<string, string>]> = [
  ['Condition', {}],
  ['MedicationRequest', {}],
  ['MedicationStatement', {}],
  ['CarePlan', { status: 'active' }],
  ['Goal', {}],
  ['DocumentReference', { type: `${PLAN_OF_CARE_NOTE.system}|${PLAN_OF_CARE_NOTE.code}` }],
  ['Communication', { category: `${INSTRUCTION_CATEGORY.system}|${INSTRUCTION_CATEGORY.code}` }],
];

/** A batch the server turned down as a whole (it does not take batches after all): search one by one. */
const BATCH_REFUSED_KINDS = new Set(['not-found', 'not-allowed', 'bad-request']);

export interface TreatmentReadOptions {
  signal?: AbortSignal | undefined;
  /**
   * Whether the server takes FHIR `batch` Bundles (its CapabilityStatement): then the searches
   * go as one request, each entry answering for its own type. Without it, one request each.
   */
  batchOffered?: Promise<boolean> | undefined;
}

export async function readTreatmentRecords(api: FhirApi, patientId: string, granted: GrantedScopes | undefined, options: TreatmentReadOptions = {}): Promise<TreatmentRecords> {
  const { signal } = options;
  const searchOptions = signal ? { signal } : {};
  const failures: ReadFailure[] = [];
  const truncated: string[] = [];
  const notOffered: string[] = [];
  // A token that lists no data scopes at all says nothing either way: ask and let the EHR decide.
  const allowed = (resourceType: string) => !(granted && /\//.test(granted.raw) && !granted.can(resourceType, 's') && !granted.can(resourceType, 'r'));
  for (const [resourceType] of SEARCHES) {
    if (allowed(resourceType)) continue;
    failures.push({
      resourceType,
      error: new FhirError('forbidden', `Your EHR access does not include ${readableType(resourceType)}, so they are not shown.`, { resourceType }),
    });
  }
  const wanted = SEARCHES.filter(([resourceType]) => allowed(resourceType)).map(([resourceType, params]) => ({
    resourceType,
    params: { patient: patientId, _count: PAGE_SIZE, ...params },
  }));
  const one = (s: (typeof wanted)[number]) => api.search<Resource>(s.resourceType as Resource['resourceType'], s.params, searchOptions);
  const separately = () => Promise.allSettled(wanted.map(one));
  let settled: PromiseSettledResult<SearchResult<Resource>>[];
  if (wanted.length > 1 && (await options.batchOffered?.catch(() => false))) {
    settled = await api.batchSearch(wanted, searchOptions).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      if (error instanceof FhirError && BATCH_REFUSED_KINDS.has(error.kind)) return separately();
      // The batch as a whole got no answer: every type in it is unread, each said by name.
      return wanted.map((): PromiseRejectedResult => ({ status: 'rejected', reason: error }));
    });
  } else {
    settled = await separately();
  }
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  const byType = new Map<string, Resource[]>();
  settled.forEach((result, i) => {
    const resourceType = wanted[i]?.resourceType ?? '';
    if (result.status === 'fulfilled') {
      if (result.value.truncated) truncated.push(resourceType);
      byType.set(resourceType, result.value.resources);
      return;
    }
    const error: unknown = result.reason;
    if (OPTIONAL_TYPES.has(resourceType) && error instanceof FhirError && NOT_OFFERED_KINDS.has(error.kind)) notOffered.push(resourceType);
    else failures.push(toFailure(resourceType, error));
  });
  const take = <T extends Resource>(resourceType: T['resourceType']) => (byType.get(resourceType) ?? []) as T[];
  return {
    conditions: take<Condition>('Condition'),
    medicationRequests: take<MedicationRequest>('MedicationRequest'),
    medicationStatements: take<MedicationStatement>('MedicationStatement'),
    carePlans: take<CarePlan>('CarePlan'),
    goals: take<Goal>('Goal'),
    documents: take<DocumentReference>('DocumentReference'),
    communications: take<Communication>('Communication'),
    failures,
    truncated,
    notOffered,
  };
}
