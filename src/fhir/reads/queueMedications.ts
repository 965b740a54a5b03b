/**
 * The medications of a batch of review-queue patients in one round: one `patient=a,b,c`
 * MedicationRequest search (all pages) and, when the token grants it, one MedicationStatement
 * search, both through the caller's limiter. A failed search fails the whole batch, with its
 * words; an EHR that does not offer MedicationStatement is not a failure.
 */
import type { MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import type { FhirApi } from '../fhirApi';
import { FhirError, readableType } from '../fhirError';
import type { GrantedScopes } from '../scopes';
import type { Limiter } from './caseloadBatch';

export interface QueueMedicationBatch {
  medicationRequests: MedicationRequest[];
  medicationStatements: MedicationStatement[];
  /** Why the batch's medications could not be read (every patient of the batch). */
  failure?: string;
}

/** A server without MedicationStatement answers 404/405/400: "not offered", not an error. */
const NOT_OFFERED_KINDS = new Set(['not-found', 'not-allowed', 'bad-request']);

function reason(resourceType: string, error: unknown): string {
  return error instanceof FhirError ? error.userMessage : `The ${readableType(resourceType)} could not be read.`;
}

export async function readQueueMedications(
  api: FhirApi,
  ids: readonly string[],
  options: { granted: GrantedScopes; limit: Limiter; signal?: AbortSignal },
): Promise<QueueMedicationBatch> {
  const { granted, limit, signal } = options;
  const search = { maxPages: 50, ...(signal ? { signal } : {}) };
  const params = { patient: ids.join(','), _count: '200' };
  const [requests, statements] = await Promise.allSettled([
    limit(() => api.search<MedicationRequest>('MedicationRequest', params, search)),
    granted.can('MedicationStatement', 's') ? limit(() => api.search<MedicationStatement>('MedicationStatement', params, search)) : Promise.resolve(undefined),
  ]);
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  const failures: string[] = [];
  let medicationRequests: MedicationRequest[] = [];
  let medicationStatements: MedicationStatement[] = [];
  if (requests.status === 'rejected') failures.push(reason('MedicationRequest', requests.reason));
  else if (requests.value.truncated) failures.push('more medication orders than the app reads at once');
  else medicationRequests = requests.value.resources;
  if (statements.status === 'rejected') {
    const error: unknown = statements.reason;
    if (!(error instanceof FhirError && NOT_OFFERED_KINDS.has(error.kind))) failures.push(reason('MedicationStatement', error));
  } else if (statements.value?.truncated) failures.push('more medication statements than the app reads at once');
  else medicationStatements = statements.value?.resources ?? [];
  return failures.length ? { medicationRequests: [], medicationStatements: [], failure: failures.join('; ') } : { medicationRequests, medicationStatements };
}
