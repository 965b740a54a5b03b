import type { CapabilityStatement } from '@medplum/fhirtypes';
import { renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FhirApi } from '../../fhir/fhirApi';
import { parseGrantedScopes } from '../../fhir/scopes';
import { capabilityStatement } from '../../fhir/testing/capabilityStatement';
import { useScreeningOutlook } from './useWriteCapabilities';

const BASE = 'https://ehr.example.org/fhir';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function statement(types: Array<[string, boolean]>): CapabilityStatement {
  return capabilityStatement(
    types.map(([type, create]) => ({
      type: type as 'Flag',
      interaction: create ? [{ code: 'read' as const }, { code: 'create' as const }] : [{ code: 'read' as const }],
    })),
  );
}

function session(scope = 'user/Observation.crs user/QuestionnaireResponse.crs user/Flag.crs') {
  return { api: new FhirApi({ serverUrl: BASE, timeoutMs: 2000, authorization: async () => 'Bearer t' }), granted: parseGrantedScopes(scope) };
}

describe('useScreeningOutlook', () => {
  it('says "checking" first, then what the EHR takes; /metadata read once', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/metadata`, () => {
        calls += 1;
        return HttpResponse.json(
          statement([
            ['Observation', true],
            ['QuestionnaireResponse', true],
            ['Flag', false],
          ]),
        );
      }),
    );
    const s = session();
    const { result, rerender } = renderHook(() => useScreeningOutlook(s));
    expect(result.current.support).toBe('checking');
    await waitFor(() => expect(result.current.support).toBe('partial'));
    expect(result.current.plan.wontSave.map((p) => p.spec.key)).toEqual(['safety-flag']);
    rerender();
    renderHook(() => useScreeningOutlook(s));
    expect(calls).toBe(1);
  });

  it('full when everything is accepted; note-only when nothing is', async () => {
    server.use(
      http.get(`${BASE}/metadata`, () =>
        HttpResponse.json(
          statement([
            ['Observation', true],
            ['QuestionnaireResponse', true],
            ['Flag', true],
          ]),
        ),
      ),
    );
    // The session (and its FhirApi) lives as long as the page, as getSession() gives it.
    const everything = session();
    const readOnly = session('user/Observation.rs user/QuestionnaireResponse.rs user/Flag.rs');
    const full = renderHook(() => useScreeningOutlook(everything));
    await waitFor(() => expect(full.result.current.support).toBe('full'));
    const none = renderHook(() => useScreeningOutlook(readOnly));
    expect(none.result.current.support).toBe('note-only');
  });
});
