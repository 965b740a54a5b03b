import type { Flag } from '@medplum/fhirtypes';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENROLLED_FLAG } from '../../clinical/enrollment/codes';
import { SAFETY_FLAG_CATEGORY, SUICIDE_RISK_CODING } from '../../clinical/records';
import { TEST_FHIR_BASE, testSession } from '../testing/testSession';
import { findEnrolledPatients } from './caseloadSources';
import { ignoredParameters, searchMembershipFlags } from './membershipFlags';

const BASE = TEST_FHIR_BASE;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const api = () => testSession().api;

const membership = (id: string, patient: string, status: Flag['status'] = 'active'): Flag => ({
  resourceType: 'Flag',
  id,
  status,
  code: { coding: [ENROLLED_FLAG] },
  subject: { reference: `Patient/${patient}` },
  period: { start: '2026-01-05' },
});
const safety = (id: string, patient: string): Flag => ({
  resourceType: 'Flag',
  id,
  status: 'active',
  category: [{ coding: [SAFETY_FLAG_CATEGORY] }],
  code: { coding: [SUICIDE_RISK_CODING] },
  subject: { reference: `Patient/${patient}` },
  period: { start: '2026-02-01' },
});
const other = (id: string, patient: string): Flag => ({ resourceType: 'Flag', id, status: 'active', code: { text: 'Fall risk' }, subject: { reference: `Patient/${patient}` } });

/** An R4 server: no `code` parameter on Flag, so every Flag comes back with a warning saying so. */
function r4FlagServer(flags: Flag[]) {
  server.use(
    http.get(`${BASE}/Flag`, () =>
      HttpResponse.json({
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [
          ...flags.map((f) => ({ fullUrl: `${BASE}/Flag/${f.id}`, resource: f, search: { mode: 'match' } })),
          {
            resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'not-supported', diagnostics: 'ignored unsupported search parameters: code' }] },
            search: { mode: 'outcome' },
          },
        ],
      }),
    ),
  );
}

describe('the registry membership search', () => {
  it('lists a patient whose only active Flag is a safety Flag as not enrolled, on a server that ignores Flag?code', async () => {
    r4FlagServer([membership('m1', 'enrolled'), safety('s1', 'safetyOnly'), other('o1', 'otherOnly'), membership('m2', 'discharged', 'inactive'), safety('s2', 'enrolled')]);
    const streamed: string[] = [];
    const found = await findEnrolledPatients(api(), (ids) => streamed.push(...ids));
    expect(found.ids).toEqual(['enrolled']);
    expect(streamed).toEqual(['enrolled']);
    expect(found.unfiltered).toBe(true);
  });

  it('reads which parameters the server said it ignored, and keeps only membership Flags for billing', async () => {
    r4FlagServer([membership('m1', 'a'), membership('m2', 'b', 'inactive'), safety('s1', 'c')]);
    const result = await searchMembershipFlags(api(), { maxPages: 5 });
    expect(result.flags.map((f) => f.id)).toEqual(['m1', 'm2']);
    expect(result.ignoredByServer).toEqual(['code']);
  });

  it('a server that honours code sends no warning: nothing is said to be ignored', () => {
    expect(ignoredParameters([], ['code', '_count'])).toEqual([]);
    const hapi = {
      resourceType: 'OperationOutcome' as const,
      issue: [{ severity: 'warning' as const, code: 'processing' as const, diagnostics: 'Unknown search parameter "code" for resource type "Flag"' }],
    };
    expect(ignoredParameters([hapi], ['code', '_count'])).toEqual(['code']);
    const error = { resourceType: 'OperationOutcome' as const, issue: [{ severity: 'error' as const, code: 'processing' as const, diagnostics: 'unsupported: code' }] };
    expect(ignoredParameters([error], ['code'])).toEqual([]);
  });
});
