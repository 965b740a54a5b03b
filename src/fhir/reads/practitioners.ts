/**
 * The practitioners the user may pick (care manager, PCP) and whose names the views show:
 * read once per session (per FhirApi) and shared by the patient view and the signed-in user.
 * A failed read is forgotten, so the next view asks again.
 */
import type { Practitioner } from '@medplum/fhirtypes';
import type { FhirApi } from '../fhirApi';

const directories = new WeakMap<FhirApi, Promise<Practitioner[]>>();

export function practitionerDirectory(api: FhirApi): Promise<Practitioner[]> {
  let pending = directories.get(api);
  if (!pending) {
    pending = api.search<Practitioner>('Practitioner', { _count: '100' }, { maxPages: 1 }).then((r) => r.resources);
    pending.catch(() => directories.delete(api));
    directories.set(api, pending);
  }
  return pending;
}
