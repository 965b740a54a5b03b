import type { Practitioner } from '@medplum/fhirtypes';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { searchset, TEST_FHIR_BASE, testSession } from '../testing/testSession';
import { practitionersByReference } from './practitioners';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const practitioner = (id: string, family: string): Practitioner => ({ resourceType: 'Practitioner', id, name: [{ given: ['Pat'], family }] });
const DIRECTORY = [practitioner('cm1', 'Rivera'), practitioner('cm2', 'Okafor')];
const BEYOND = practitioner('far', 'Lindqvist');

/** The EHR's Practitioner search: the directory (`_count` only) or a search by `_id`; every query is kept. */
function practitionerServer(options: { directory?: 'ok' | 'fail'; byId?: 'ok' | 'fail' } = {}) {
  const queries: string[] = [];
  server.use(
    http.get(`${TEST_FHIR_BASE}/Practitioner`, ({ request }) => {
      const url = new URL(request.url);
      queries.push(url.search);
      const ids = url.searchParams.get('_id');
      if (ids === null) return options.directory === 'fail' ? new HttpResponse(null, { status: 503 }) : HttpResponse.json(searchset(DIRECTORY));
      if (options.byId === 'fail') return new HttpResponse(null, { status: 503 });
      return HttpResponse.json(searchset([...DIRECTORY, BEYOND].filter((p) => ids.split(',').includes(p.id!))));
    }),
  );
  return queries;
}

describe('practitionersByReference: each practitioner read once per session', () => {
  it('takes those in the directory from it, and a second view asks the EHR nothing', async () => {
    const queries = practitionerServer();
    const { api } = testSession();
    const first = await practitionersByReference(api, ['Practitioner/cm1', 'Practitioner/cm2']);
    expect([...first].map(([r, p]) => [r, p?.name?.[0]?.family])).toEqual([
      ['Practitioner/cm1', 'Rivera'],
      ['Practitioner/cm2', 'Okafor'],
    ]);
    await practitionersByReference(api, ['Practitioner/cm2']);
    expect(queries).toEqual(['?_count=100']);
  });

  it('searches by id only for the ones the directory lacks, once, and remembers one no read found', async () => {
    const queries = practitionerServer();
    const { api } = testSession();
    const found = await practitionersByReference(api, ['Practitioner/cm1', 'Practitioner/far', 'Practitioner/gone']);
    expect(found.get('Practitioner/far')?.name?.[0]?.family).toBe('Lindqvist');
    expect(found.get('Practitioner/gone')).toBeNull();
    await practitionersByReference(api, ['Practitioner/far', 'Practitioner/gone']);
    expect(queries).toEqual(['?_count=100', '?_id=far%2Cgone&_count=100']);
  });

  it('reads each session apart: another session asks again', async () => {
    const queries = practitionerServer();
    await practitionersByReference(testSession().api, ['Practitioner/cm1']);
    await practitionersByReference(testSession().api, ['Practitioner/cm1']);
    expect(queries).toEqual(['?_count=100', '?_count=100']);
  });

  it('when the directory cannot be read, searches by id, and asks for the directory again next time', async () => {
    const queries = practitionerServer({ directory: 'fail' });
    const { api } = testSession();
    const found = await practitionersByReference(api, ['Practitioner/cm1']);
    expect(found.get('Practitioner/cm1')?.name?.[0]?.family).toBe('Rivera');
    await practitionersByReference(api, ['Practitioner/cm2']);
    expect(queries.filter((q) => q === '?_count=100')).toHaveLength(2);
  });

  it('when the search by id fails, says so (nothing is taken as unknown for good) and searches again next time', async () => {
    const queries = practitionerServer({ byId: 'fail' });
    const { api } = testSession();
    await expect(practitionersByReference(api, ['Practitioner/far'])).rejects.toThrow();
    await expect(practitionersByReference(api, ['Practitioner/far'])).rejects.toThrow();
    expect(queries.filter((q) => q.startsWith('?_id='))).toHaveLength(2);
  });
});
