/** A Session for component tests: a real FhirApi pointed at an msw-served base URL. */
import { parseRuntimeConfig } from '../../config/runtimeConfig';
import { FhirApi } from '../fhirApi';
import { parseGrantedScopes } from '../scopes';
import type { Session } from '../session';

export const TEST_FHIR_BASE = 'https://ehr.test/fhir';

/** The clinic time zone of every test session: views count days in it. */
export const TEST_TIME_ZONE = 'America/New_York';

/**
 * The date (yyyy-MM-dd) `days` calendar days before today in the test session's clinic time
 * zone, where the views count their days (UTC is a day ahead in the evening). Counted in
 * calendar days from the clinic's today, never as 24-hour steps back from now: across a
 * daylight-saving change those land on the day before near midnight.
 */
export function clinicDaysAgo(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: TEST_TIME_ZONE }).format(new Date());
  const day = new Date(`${today}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - days);
  return day.toISOString().slice(0, 10);
}

export function testSession(overrides: Partial<Session> = {}): Session {
  const settings = parseRuntimeConfig({ clientId: 'test', requestTimeoutMs: 2000, timeZone: TEST_TIME_ZONE });
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
