/** A Session for component tests: a real FhirApi pointed at an msw-served base URL. */
import { parseRuntimeConfig } from '../../config/runtimeConfig';
import { FhirApi } from '../fhirApi';
import { parseGrantedScopes } from '../scopes';
import type { Session } from '../session';

export const TEST_FHIR_BASE = 'https://ehr.test/fhir';

export function testSession(overrides: Partial<Session> = {}): Session {
  const settings = parseRuntimeConfig({ clientId: 'test', requestTimeoutMs: 2000, timeZone: 'America/New_York' });
  return {
    serverUrl: TEST_FHIR_BASE,
    fhirUser: 'Practitioner/pr1',
    granted: parseGrantedScopes('launch openid fhirUser user/*.cruds'),
    needPatientBanner: true,
    settings,
    api: new FhirApi({ serverUrl: TEST_FHIR_BASE, timeoutMs: 2000, authorization: async () => 'Bearer test' }),
    // A token the EHR gave no expiry for: no warning is ever due.
    token: { expiresAt: () => undefined, canRefresh: () => false, renew: async () => false },
    ...overrides,
  };
}

export function searchset(resources: object[]) {
  return { resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })) };
}
