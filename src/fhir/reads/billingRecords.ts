/**
 * What the monthly billing report reads: every patient whose registry membership covered
 * some of the month (active or ended Flags, so a patient discharged mid-month is billed too),
 * then, in batches, their Patient records and their contact and enrollment Observations.
 * Where the EHR refuses searches across patients, the caseload's patients are used instead.
 */
import type { Flag, Observation, Patient } from '@medplum/fhirtypes';
import { CONTACT_CODE } from '../../clinical/contacts/codes';
import { ENROLLMENT_EVENT, tokenOf } from '../../clinical/enrollment/codes';
import { patientIdOfReference } from '../../clinical/records/references';
import type { FhirApi } from '../fhirApi';
import { errorForUser } from './billingWords';
import { batches, createLimiter } from './caseloadBatch';
import { searchMembershipFlags } from './membershipFlags';

export interface BillingRecords {
  patients: Patient[];
  /** Contact and enrollment Observations, by patient id. */
  observations: Map<string, Observation[]>;
  /** Where the patient list came from, in words. */
  source: string;
  /** Searches that failed, in words (the report says it may be incomplete). */
  failures: string[];
}

/** Membership Flags whose period overlaps `yyyy-MM` (dates compared as written). */
export function membersInMonth(flags: readonly Flag[], month: string): string[] {
  const ids = new Set<string>();
  for (const f of flags) {
    if (f.status === 'entered-in-error') continue;
    const start = f.period?.start?.slice(0, 7);
    const end = f.period?.end?.slice(0, 7);
    if (start !== undefined && start > month) continue;
    if (end !== undefined && end < month) continue;
    const id = patientIdOfReference(f.subject?.reference);
    if (id) ids.add(id);
  }
  return [...ids];
}

export async function readBillingRecords(api: FhirApi, month: string, fallbackIds: readonly string[], signal?: AbortSignal): Promise<BillingRecords> {
  const options = { maxPages: 100, ...(signal ? { signal } : {}) };
  const failures: string[] = [];
  let ids: string[];
  let source: string;
  try {
    const flags = await searchMembershipFlags(api, options);
    ids = membersInMonth(flags.flags, month);
    source = 'patients enrolled during the month';
    if (flags.truncated) failures.push('The EHR listed more enrolled patients than the app reads at once; some may be missing.');
  } catch (error) {
    ids = [...fallbackIds];
    source = 'the patients of the caseload shown';
    failures.push(`The registry could not be searched (${errorForUser(error)}); the report covers the caseload's patients only.`);
  }
  const limit = createLimiter(6);
  const patients: Patient[] = [];
  const observations = new Map<string, Observation[]>();
  const unread = new Set<string>();
  const code = [CONTACT_CODE, ENROLLMENT_EVENT].map(tokenOf).join(',');
  await Promise.all(
    batches(ids, 20).map(async (batch) => {
      const joined = batch.join(',');
      const [p, o] = await Promise.allSettled([
        limit(() => api.search<Patient>('Patient', { _id: joined, _count: String(batch.length) }, options)),
        limit(() => api.search<Observation>('Observation', { patient: joined, code, _count: '200' }, options)),
      ]);
      if (p.status === 'fulfilled') patients.push(...p.value.resources);
      else failures.push(`Patient records of ${batch.length} patients could not be read (${errorForUser(p.reason)}).`);
      if (o.status === 'fulfilled') {
        for (const obs of o.value.resources) {
          const id = patientIdOfReference(obs.subject?.reference);
          if (id) observations.set(id, [...(observations.get(id) ?? []), obs]);
        }
        if (o.value.truncated) failures.push('Some contacts were not read (more than the app reads at once).');
      } else {
        batch.forEach((id) => unread.add(id));
        failures.push(`Contacts of ${batch.length} patients could not be read (${errorForUser(o.reason)}); they are left out.`);
      }
    }),
  );
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  // Patients whose contacts could not be read must not look like patients without minutes.
  return { patients: patients.filter((p) => !unread.has(p.id ?? '')), observations, source, failures };
}
