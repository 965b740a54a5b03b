import type { Identifier } from '@medplum/fhirtypes';

/**
 * Every resource the app writes for a screening carries an identifier in this system, with
 * the value `<screening UUID>/<record key>`. It is what `If-None-Exist` searches for, so a
 * double click, a retry after a timeout or a resend after a relaunch finds the first copy.
 */
export const SCREENING_IDENTIFIER_SYSTEM = 'urn:cocm-registry:screening';

export function recordIdentifier(screeningId: string, key: string): Identifier {
  return { system: SCREENING_IDENTIFIER_SYSTEM, value: `${screeningId}/${key}` };
}

/** The `If-None-Exist` (or search) query for that identifier, percent-encoded. */
export function identifierQuery(identifier: Identifier): string {
  return new URLSearchParams({ identifier: `${identifier.system ?? ''}|${identifier.value ?? ''}` }).toString();
}
