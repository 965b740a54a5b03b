import type { Filter } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';

/**
 * Search parameters the sandbox answers itself because R4 (and so Medplum) does not define
 * them, yet apps send them and real EHRs accept them. R4 Flag has no `status` parameter:
 * Medplum would silently match nothing, and an app asking for active flags would conclude
 * there are none.
 */
export type CustomParam = (resource: Resource, filter: Filter) => boolean;

export const CUSTOM_PARAMS: Readonly<Record<string, Readonly<Record<string, CustomParam>>>> = {
  Flag: {
    status: (resource, filter) => {
      const status = (resource as { status?: string }).status;
      const values = filter.value.split(',');
      return filter.operator === 'not' || filter.operator === 'ne' ? !values.includes(status ?? '') : values.includes(status ?? '');
    },
  },
};

export function isCustomParam(resourceType: string, code: string): boolean {
  return Boolean(CUSTOM_PARAMS[resourceType]?.[code]);
}
