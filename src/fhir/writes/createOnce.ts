/**
 * Create a resource at most once, whatever happens to the request: the resource carries a
 * stable identifier and is sent with `If-None-Exist`, so a retry finds the first copy. For
 * servers that may not honour `If-None-Exist`, the caller asks to search first whenever an
 * earlier attempt's answer was lost.
 */
import type { Identifier, Resource } from '@medplum/fhirtypes';
import type { FhirApi } from '../fhirApi';
import { FhirError } from '../fhirError';

export interface CreateOnceResult<T extends Resource> {
  /** `created` now, or `existing`: an earlier attempt (or a double click) already made it. */
  outcome: 'created' | 'existing';
  id?: string;
  /** `Observation/123`, when the server told us the id. */
  reference?: string;
  resource?: T;
}

export interface CreateOnceOptions {
  /** Look the identifier up before sending (an earlier attempt's answer was lost). */
  searchFirst?: boolean;
  signal?: AbortSignal;
}

function identifierParam(identifier: Identifier): string {
  return `${identifier.system ?? ''}|${identifier.value ?? ''}`;
}

async function findByIdentifier<T extends Resource>(api: FhirApi, resourceType: T['resourceType'], identifier: Identifier, signal?: AbortSignal): Promise<T | undefined> {
  const found = await api.search<T>(resourceType, { identifier: identifierParam(identifier) }, { maxPages: 1, ...(signal ? { signal } : {}) });
  return found.resources[0];
}

function existing<T extends Resource>(resource: T): CreateOnceResult<T> {
  return { outcome: 'existing', resource, ...(resource.id ? { id: resource.id, reference: `${resource.resourceType}/${resource.id}` } : {}) };
}

export async function createOnce<T extends Resource>(api: FhirApi, resource: T, identifier: Identifier, options: CreateOnceOptions = {}): Promise<CreateOnceResult<T>> {
  const resourceType = resource.resourceType as T['resourceType'];
  if (options.searchFirst) {
    // A failed look-up is no reason not to send: If-None-Exist still guards the create.
    const found = await findByIdentifier<T>(api, resourceType, identifier, options.signal).catch((error: unknown) => {
      if (error instanceof FhirError && error.kind === 'unauthorized') throw error;
      return undefined;
    });
    if (found) return existing(found);
  }
  const ifNoneExist = new URLSearchParams({ identifier: identifierParam(identifier) }).toString();
  let result;
  try {
    result = await api.create(resource, { ifNoneExist, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    // 412: more than one resource already matches (a server that ignored If-None-Exist once).
    if (error instanceof FhirError && error.kind === 'precondition-failed') {
      const found = await findByIdentifier<T>(api, resourceType, identifier, options.signal);
      if (found) return existing(found);
    }
    throw error;
  }
  const outcome = result.status === 200 ? 'existing' : 'created';
  let id = result.id;
  if (!id) {
    // No body and no Location: the id is needed (derivedFrom), so look the copy up.
    id = (await findByIdentifier<T>(api, resourceType, identifier, options.signal).catch(() => undefined))?.id;
  }
  return { outcome, ...(result.resource ? { resource: result.resource } : {}), ...(id ? { id, reference: `${resourceType}/${id}` } : {}) };
}
