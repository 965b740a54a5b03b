/** One patient's registry records: enrollment and review Observations, and all Flags. */
import type { Flag, Observation } from '@medplum/fhirtypes';
import { ENROLLMENT_EVENT, PSYCHIATRIC_REVIEW } from '../../clinical/enrollment';
import type { FhirApi } from '../fhirApi';

export async function readRegistryRecordsOf(api: FhirApi, patientId: string, signal?: AbortSignal): Promise<{ observations: Observation[]; flags: Flag[] }> {
  const options = { maxPages: 10, ...(signal ? { signal } : {}) };
  const codes = [ENROLLMENT_EVENT, PSYCHIATRIC_REVIEW].map((c) => `${c.system}|${c.code}`).join(',');
  const [observations, flags] = await Promise.all([
    api.search<Observation>('Observation', { patient: patientId, code: codes, _count: '200' }, options),
    api.search<Flag>('Flag', { patient: patientId, _count: '200' }, options),
  ]);
  return { observations: observations.resources, flags: flags.resources };
}
