import { isResourceType } from '@medplum/core';
import type { Permission } from '../auth/scopes.ts';
import { FhirHttpError } from './outcome.ts';
import type { Interaction } from './profiles.ts';

export interface FhirRoute {
  type: string;
  id?: string;
  vid?: string;
  interaction: Interaction;
  /** The SMART permission the interaction needs. */
  perm: Permission;
  /** PUT/DELETE/PATCH on the type with a query: conditional forms the sandbox does not offer. */
  conditional: boolean;
}

const PERM: Record<Interaction, Permission> = {
  read: 'r',
  vread: 'r',
  'history-instance': 'r',
  'search-type': 's',
  create: 'c',
  update: 'u',
  patch: 'u',
  delete: 'd',
};

/** Maps method + path (segments after /fhir) to a FHIR interaction, or throws 404/405. */
export function classify(method: string, segments: readonly string[]): FhirRoute {
  const [type, second, third, fourth] = segments;
  if (!type) throw new FhirHttpError(405, 'not-supported', 'system-level interactions (search-system, batch, transaction) are not supported');
  if (type.startsWith('$') || second?.startsWith('$') || third?.startsWith('$')) throw new FhirHttpError(404, 'not-supported', 'operations are not supported by this server');
  if (!isResourceType(type)) throw new FhirHttpError(404, 'not-found', `unknown resource type "${type}"`);
  const route = (interaction: Interaction, extra: Partial<FhirRoute> = {}): FhirRoute => ({ type, interaction, perm: PERM[interaction], conditional: false, ...extra });
  if (segments.length === 1) {
    if (method === 'GET') return route('search-type');
    if (method === 'POST') return route('create');
    if (method === 'PUT') return route('update', { conditional: true });
    if (method === 'PATCH') return route('patch', { conditional: true });
    if (method === 'DELETE') return route('delete', { conditional: true });
  } else if (segments.length === 2 && second === '_search') {
    if (method === 'POST') return route('search-type');
  } else if (segments.length === 2 && second) {
    if (method === 'GET') return route('read', { id: second });
    if (method === 'PUT') return route('update', { id: second });
    if (method === 'PATCH') return route('patch', { id: second });
    if (method === 'DELETE') return route('delete', { id: second });
  } else if (segments.length === 3 && second && third === '_history') {
    if (method === 'GET') return route('history-instance', { id: second });
  } else if (segments.length === 4 && second && third === '_history' && fourth) {
    if (method === 'GET') return route('vread', { id: second, vid: fourth });
  } else {
    throw new FhirHttpError(404, 'not-found', 'no such FHIR endpoint');
  }
  throw new FhirHttpError(405, 'not-supported', `${method} is not allowed here`);
}
