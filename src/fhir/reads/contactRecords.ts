/**
 * What the contact log needs of one patient, in one search: the contact Observations and the
 * enrollment events (the episode decides the cadence and the first billing month). Every
 * page is read; the value is percent-encoded by the search helper.
 */
import type { Observation } from '@medplum/fhirtypes';
import { CONTACT_CODE } from '../../clinical/contacts';
import { ENROLLMENT_EVENT, tokenOf } from '../../clinical/enrollment/codes';
import type { FhirApi } from '../fhirApi';

export interface ContactRecords {
  observations: Observation[];
  /** The search hit its page cap: the list may be incomplete. */
  truncated: boolean;
}

export async function readContactRecords(api: FhirApi, patientId: string, signal?: AbortSignal): Promise<ContactRecords> {
  const code = [CONTACT_CODE, ENROLLMENT_EVENT].map(tokenOf).join(',');
  const found = await api.search<Observation>('Observation', { patient: patientId, code, _count: '200' }, signal ? { signal } : {});
  return { observations: found.resources, truncated: found.truncated };
}
