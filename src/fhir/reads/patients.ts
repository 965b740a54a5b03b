import type { Patient } from '@medplum/fhirtypes';
import type { FhirApi } from '../fhirApi';

export function readPatient(api: FhirApi, id: string, signal?: AbortSignal): Promise<Patient> {
  return api.read<Patient>('Patient', id, signal);
}

const PAGE = '20';

/**
 * Finds patients by name or MRN. Both searches run in parallel because a query such as
 * "ana 1234" or "A1234" could be either; the results are merged without duplicates.
 */
export async function searchPatients(api: FhirApi, query: string, signal?: AbortSignal): Promise<{ patients: Patient[]; more: boolean }> {
  const text = query.trim();
  if (!text) return { patients: [], more: false };
  const options = { maxPages: 1, ...(signal ? { signal } : {}) };
  const looksLikeId = /\d/.test(text);
  const searches = [api.search<Patient>('Patient', { name: text, _count: PAGE }, options)];
  if (looksLikeId) searches.push(api.search<Patient>('Patient', { identifier: text, _count: PAGE }, options));
  const results = await Promise.allSettled(searches);
  const fulfilled = results.filter((r): r is PromiseFulfilledResult<Awaited<(typeof searches)[number]>> => r.status === 'fulfilled');
  if (!fulfilled.length) throw (results[0] as PromiseRejectedResult).reason;
  const byId = new Map<string, Patient>();
  for (const result of fulfilled) for (const p of result.value.resources) byId.set(p.id ?? '', p);
  return { patients: [...byId.values()], more: fulfilled.some((r) => r.value.truncated) };
}
