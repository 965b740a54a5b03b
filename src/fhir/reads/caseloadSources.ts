/**
 * Where the caseload's patients come from. The EHR decides what an app may search across
 * patients: (a) where it answers, one search of the registry's membership Flags finds every
 * enrolled patient in a few pages; (b) everywhere, a patient list the EHR keeps (a List or a
 * Group, chosen by the user or named in the launch context) names the patients to read.
 */
import type { Group, List } from '@medplum/fhirtypes';
import { patientIdOfReference } from '../../clinical/records/references';
import type { FhirApi } from '../fhirApi';
import { FhirError } from '../fhirError';
import { searchMembershipFlags } from './membershipFlags';

export interface PatientListChoice {
  /** `List/123` or `Group/abc`. */
  reference: string;
  title: string;
  size: number | undefined;
}

/**
 * Patients with an active registry membership Flag, page by page (`onPatients` gets each
 * page's new ids at once, so their records can be read before the last page arrives).
 * `unfiltered`: the server said it ignored the `code` search (R4 Flag has none), so every
 * Flag it holds came back and was filtered here; a page cap then counts all of them.
 * Throws the server's refusal when it does not answer searches across patients. With
 * `includeEnded`, patients whose membership has ended count too (program measures look back).
 */
export async function findEnrolledPatients(
  api: FhirApi,
  onPatients: (ids: string[]) => void,
  signal?: AbortSignal,
  options: { includeEnded?: boolean } = {},
): Promise<{ ids: string[]; truncated: boolean; unfiltered: boolean }> {
  const seen = new Set<string>();
  const result = await searchMembershipFlags(api, {
    maxPages: 100,
    ...(signal ? { signal } : {}),
    onPage: (flags) => {
      const fresh: string[] = [];
      for (const flag of flags) {
        const id = patientIdOfReference(flag.subject?.reference);
        // R4 Flag has no status search parameter on every server: filter here.
        if (!id || (flag.status !== 'active' && !(options.includeEnded && flag.status === 'inactive')) || seen.has(id)) continue;
        seen.add(id);
        fresh.push(id);
      }
      if (fresh.length) onPatients(fresh);
    },
  });
  return { ids: [...seen], truncated: result.truncated, unfiltered: result.ignoredByServer.includes('code') };
}

/** The patients a List or Group names, in its order. */
export async function readPatientList(api: FhirApi, reference: string, signal?: AbortSignal): Promise<{ title: string; ids: string[] }> {
  const [type, id] = reference.split('/');
  if (type === 'List' && id) {
    const list = await api.read<List>('List', id, signal);
    return {
      title: list.title ?? list.code?.text ?? 'Patient list',
      ids: unique((list.entry ?? []).filter((e) => !e.deleted).map((e) => patientIdOfReference(e.item?.reference))),
    };
  }
  if (type === 'Group' && id) {
    const group = await api.read<Group>('Group', id, signal);
    return { title: group.name ?? 'Patient group', ids: unique((group.member ?? []).filter((m) => !m.inactive).map((m) => patientIdOfReference(m.entity?.reference))) };
  }
  throw new FhirError('invalid-response', 'That is not a patient list the app can read.', {});
}

function unique(ids: (string | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}

/** The EHR's patient lists, and the kind (List or Group) that could not be read, if one. */
export interface PatientListsRead {
  choices: PatientListChoice[];
  /** One of the two searches failed for a reason other than a refusal: its lists may be missing. */
  unread?: { resourceType: 'List' | 'Group'; error: unknown };
}

/**
 * A search the EHR refuses outright (the app may not read that type, or the EHR does not
 * offer it) means that kind of list is not available: the other kind is the whole answer.
 * Anything else (a server error, a timeout) means its lists may exist and went unread.
 */
function refused(error: unknown): boolean {
  return error instanceof FhirError && (error.kind === 'forbidden' || error.kind === 'not-allowed' || error.kind === 'not-found');
}

/**
 * Patient lists the user may read: current Lists of patients (not a patient's own lists)
 * and actual Groups of persons. When both searches fail the read fails; when one fails, the
 * other still counts and the failure is returned (`unread`) unless the EHR refused it.
 */
export async function findPatientLists(api: FhirApi, signal?: AbortSignal): Promise<PatientListsRead> {
  const options = { maxPages: 2, ...(signal ? { signal } : {}) };
  const [lists, groups] = await Promise.allSettled([
    api.search<List>('List', { status: 'current', _count: '50' }, options),
    api.search<Group>('Group', { type: 'person', actual: 'true', _count: '50' }, options),
  ]);
  if (lists.status === 'rejected' && groups.status === 'rejected') throw refused(lists.reason) ? groups.reason : lists.reason;
  const choices = [...listChoices(lists), ...groupChoices(groups)];
  if (lists.status === 'rejected' && !refused(lists.reason)) return { choices, unread: { resourceType: 'List', error: lists.reason } };
  if (groups.status === 'rejected' && !refused(groups.reason)) return { choices, unread: { resourceType: 'Group', error: groups.reason } };
  return { choices };
}

function listChoices(lists: PromiseSettledResult<{ resources: List[] }>): PatientListChoice[] {
  if (lists.status !== 'fulfilled') return [];
  return lists.value.resources
    .filter((list) => !list.subject && (list.entry ?? []).some((e) => patientIdOfReference(e.item?.reference)))
    .map((list) => ({ reference: `List/${list.id ?? ''}`, title: list.title ?? list.code?.text ?? 'Patient list', size: list.entry?.length }));
}

function groupChoices(groups: PromiseSettledResult<{ resources: Group[] }>): PatientListChoice[] {
  if (groups.status !== 'fulfilled') return [];
  return groups.value.resources.map((group) => ({ reference: `Group/${group.id ?? ''}`, title: group.name ?? 'Patient group', size: group.quantity ?? group.member?.length }));
}
