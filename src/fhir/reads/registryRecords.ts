/** One patient's registry records: enrollment, review and recommendation-seen Observations, and all Flags. */
import type { Flag, Observation } from '@medplum/fhirtypes';
import { REGISTRY_OBSERVATION_CODES, tokenOf } from '../../clinical/enrollment/codes';
import type { FhirApi } from '../fhirApi';

export async function readRegistryRecordsOf(api: FhirApi, patientId: string, signal?: AbortSignal): Promise<{ observations: Observation[]; flags: Flag[] }> {
  const options = { maxPages: 10, ...(signal ? { signal } : {}) };
  const codes = REGISTRY_OBSERVATION_CODES.map(tokenOf).join(',');
  const [observations, flags] = await Promise.all([
    api.search<Observation>('Observation', { patient: patientId, code: codes, _count: '200' }, options),
    api.search<Flag>('Flag', { patient: patientId, _count: '200' }, options),
  ]);
  return { observations: observations.resources, flags: flags.resources };
}
