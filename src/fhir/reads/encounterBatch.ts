/**
 * Encounters of several patients in one round (`Encounter?patient=a,b,c&date=ge..&date=le..`),
 * batched like the caseload's reads, for the program's screening rows. A failed search marks
 * every patient of the batch as "could not be read" (never as "no visits").
 */
import type { Encounter } from '@medplum/fhirtypes';
import type { EncounterRead } from '../../clinical/program';
import { patientIdOfReference } from '../../clinical/records/references';
import type { FhirApi } from '../fhirApi';
import { FhirError } from '../fhirError';
import { REQUESTED_PAGE_SIZE, type Limiter } from './caseloadBatch';

function bySubject(encounters: readonly Encounter[]): Map<string, Encounter[]> {
  const by = new Map<string, Encounter[]>();
  for (const e of encounters) {
    const id = patientIdOfReference(e.subject?.reference);
    if (!id) continue;
    const list = by.get(id);
    if (list) list.push(e);
    else by.set(id, [e]);
  }
  return by;
}

export async function readEncounterBatch(
  api: FhirApi,
  ids: readonly string[],
  range: { start: string; end: string },
  limit: Limiter,
  signal?: AbortSignal,
): Promise<Map<string, EncounterRead>> {
  const out = new Map<string, EncounterRead>();
  try {
    const result = await limit(() =>
      api.search<Encounter>(
        'Encounter',
        { patient: ids.join(','), date: [`ge${range.start}`, `le${range.end}`], _count: String(REQUESTED_PAGE_SIZE) },
        { maxPages: 50, ...(signal ? { signal } : {}) },
      ),
    );
    if (result.truncated) {
      for (const id of ids) out.set(id, { problem: 'Visits: more records than the app reads at once' });
      return out;
    }
    const by = bySubject(result.resources);
    for (const id of ids) out.set(id, { encounters: by.get(id) ?? [] });
  } catch (error) {
    if (signal?.aborted) throw error;
    const words = error instanceof FhirError ? error.userMessage : 'The visits could not be read.';
    for (const id of ids) out.set(id, { problem: `Visits: ${words}` });
  }
  return out;
}

/**
 * Every finished visit in a date range, across patients (one paged search), grouped by
 * patient: the screening rows' population is everyone seen in primary care, not only the
 * program's patients. Throws where the EHR refuses searches across patients (the caller then
 * reads the program's patients' visits batch by batch).
 */
export async function readAllVisits(
  api: FhirApi,
  range: { start: string; end: string },
  signal?: AbortSignal,
  onPatients?: (ids: string[]) => void,
): Promise<Map<string, Encounter[]>> {
  const seen = new Set<string>();
  // Each page's new patients go to `onPatients` at once, so their records are read while the visits still page in.
  const onPage = (page: Encounter[]) => {
    const fresh = [...new Set(page.map((e) => patientIdOfReference(e.subject?.reference)).filter((id): id is string => id !== undefined && !seen.has(id)))];
    fresh.forEach((id) => seen.add(id));
    if (fresh.length) onPatients?.(fresh);
  };
  const result = await api.search<Encounter>(
    'Encounter',
    { date: [`ge${range.start}`, `le${range.end}`], status: 'finished', _count: String(REQUESTED_PAGE_SIZE) },
    { maxPages: 500, onPage, ...(signal ? { signal } : {}) },
  );
  if (result.truncated) throw new FhirError('invalid-response', 'The EHR listed more visits than the app reads at once.', { resourceType: 'Encounter' });
  return bySubject(result.resources);
}
