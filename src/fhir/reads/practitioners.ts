/**
 * The practitioners the user may pick (care manager, PCP) and whose names the views show:
 * read once per session (per FhirApi) and shared by the patient view, the signed-in user and
 * every view that shows their names. A failed read is forgotten, so the next view asks again.
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

/** Practitioners found per session, by reference (null: no read could find it). */
const foundByApi = new WeakMap<FhirApi, Map<string, Practitioner | null>>();

/**
 * The practitioners `references` (`Practitioner/id`) name: from the session's directory, and
 * for the few it does not hold (a clinic of more than a hundred), one search by id; each is
 * then known for the whole session. Null for a reference no read could find. Rejects only
 * when the search for the missing ones failed (they stay unknown, and are asked for again).
 */
export async function practitionersByReference(api: FhirApi, references: readonly string[], signal?: AbortSignal): Promise<ReadonlyMap<string, Practitioner | null>> {
  let found = foundByApi.get(api);
  if (!found) foundByApi.set(api, (found = new Map()));
  if (references.some((r) => !found.has(r))) {
    for (const p of await practitionerDirectory(api).catch(() => [])) found.set(`Practitioner/${p.id ?? ''}`, p);
  }
  const missing = references.filter((r) => !found.has(r));
  if (missing.length > 0) {
    const ids = missing.map((r) => r.slice('Practitioner/'.length)).join(',');
    const result = await api.search<Practitioner>('Practitioner', { _id: ids, _count: '100' }, { maxPages: 2, ...(signal ? { signal } : {}) });
    for (const p of result.resources) found.set(`Practitioner/${p.id ?? ''}`, p);
    // Unreadable ones are remembered too, so the lookup is not repeated.
    for (const r of missing) if (!found.has(r)) found.set(r, null);
  }
  return new Map(references.map((r) => [r, found.get(r) ?? null]));
}
