/**
 * The patient lists an EHR keeps for the program (what Epic exposes as patient lists and
 * registries): a List per care manager of the patients on their caseload, and a Group of
 * everyone in the program. Apps that may not search across patients start from these.
 */
import type { Group, List, Practitioner } from '@medplum/fhirtypes';
import { REGISTRY_SYSTEM } from '../../src/clinical/enrollment/index.ts';

export const CASELOAD_LIST_CODE = { system: REGISTRY_SYSTEM, code: 'caseload', display: 'Collaborative care caseload' };
export const PROGRAM_GROUP_ID = 'group-cocm-program';

function nameOf(p: Practitioner | undefined): string {
  const n = p?.name?.[0];
  return n ? [n.given?.join(' '), n.family].filter(Boolean).join(' ') : 'care manager';
}

export function makeProgramLists(members: ReadonlyMap<string, string[]>, practitioners: readonly Practitioner[], today: string): { lists: List[]; group: Group } {
  const lists: List[] = [...members].map(([careManager, patients]) => ({
    resourceType: 'List',
    id: `list-caseload-${careManager}`,
    status: 'current',
    mode: 'working',
    title: `Caseload of ${nameOf(practitioners.find((p) => p.id === careManager))}`,
    code: { coding: [CASELOAD_LIST_CODE], text: 'Collaborative care caseload' },
    source: { reference: `Practitioner/${careManager}` },
    date: today,
    entry: patients.map((id) => ({ item: { reference: `Patient/${id}` } })),
  }));
  const everyone = [...members.values()].flat();
  const group: Group = {
    resourceType: 'Group',
    id: PROGRAM_GROUP_ID,
    type: 'person',
    actual: true,
    name: 'Collaborative care program (all enrolled patients)',
    code: { coding: [{ system: REGISTRY_SYSTEM, code: 'program', display: 'Collaborative care program' }] },
    quantity: everyone.length,
    member: everyone.map((id) => ({ entity: { reference: `Patient/${id}` } })),
  };
  return { lists, group };
}
