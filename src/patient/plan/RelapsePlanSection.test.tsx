/**
 * The Relapse prevention plan region against msw: a revision that meets a newer version (412)
 * shows both versions (theirs with who saved it and when), keeps what was typed, and "keep my
 * version" sends the next save against their version.
 */
import type { CarePlan } from '@medplum/fhirtypes';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { capabilityStatement } from '../../../sandbox/fhir/capability';
import { getProfile } from '../../../sandbox/fhir/profiles';
import { buildRelapseCarePlan, EMPTY_RELAPSE_PLAN, type RelapsePlanContent } from '../../clinical/careplan';
import { searchset, TEST_FHIR_BASE } from '../../fhir/testing/testSession';
import { emptyChartHandlers, renderWithChart } from '../chart/testing/renderWithChart';
import { RelapsePlanSection } from './RelapsePlanSection';

const server = setupServer(...emptyChartHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const PLAN_ID = '22222222-3333-4444-8555-666666666666';
const CONTENT: RelapsePlanContent = {
  ...EMPTY_RELAPSE_PLAN,
  'keeps-me-well': 'Walking every morning',
  'warning-signs': 'Sleeping badly',
  'care-team': 'Care manager Jo, 555-0100, weekdays',
};

function planVersion(content: RelapsePlanContent, version: string, saves: Array<{ change: string; when: string; author: string }>): CarePlan {
  let plan: CarePlan | undefined;
  for (const save of saves) plan = buildRelapseCarePlan({ planId: PLAN_ID, patientId: 'pat-1', start: '2026-11-03', content, ...save, previous: plan });
  return { ...plan!, id: 'cp9', meta: { versionId: version, lastUpdated: '2026-11-20T15:00:00Z' } };
}

const WRITTEN = { change: 'Relapse prevention plan written', when: '2026-11-03T10:00:00-05:00', author: 'Practitioner/pr1' };

function serve() {
  const mine = planVersion(CONTENT, '1', [WRITTEN]);
  const theirs = planVersion({ ...CONTENT, 'warning-signs': 'Sleeping badly; skipping meals' }, '2', [
    WRITTEN,
    { change: 'Plan changed: warning signs', when: '2026-11-20T09:30:00-05:00', author: 'Practitioner/pr2' },
  ]);
  const puts: Array<{ ifMatch: string | null; body: CarePlan }> = [];
  server.use(
    http.get(`${TEST_FHIR_BASE}/metadata`, () => HttpResponse.json(capabilityStatement('https://ehr.test', getProfile('generic')))),
    http.get(`${TEST_FHIR_BASE}/CarePlan`, () => HttpResponse.json(searchset([mine]))),
    http.get(`${TEST_FHIR_BASE}/CarePlan/cp9`, () => HttpResponse.json(theirs)),
    http.put(`${TEST_FHIR_BASE}/CarePlan/cp9`, async ({ request }) => {
      const body = (await request.json()) as CarePlan;
      const ifMatch = request.headers.get('if-match');
      puts.push({ ifMatch, body });
      if (ifMatch !== 'W/"2"') return new HttpResponse(null, { status: 412 });
      return HttpResponse.json({ ...body, meta: { versionId: '3', lastUpdated: '2026-11-21T15:00:00Z' } });
    }),
  );
  return { puts };
}

describe('Relapse prevention plan region', () => {
  it('a revision that meets a newer version shows both, keeps what was typed, and can keep my version', async () => {
    const { puts } = serve();
    renderWithChart(<RelapsePlanSection />);
    const region = await screen.findByRole('region', { name: 'Relapse prevention plan' });
    await userEvent.click(await within(region).findByRole('button', { name: 'Revise the relapse prevention plan' }));
    const field = within(region).getByRole('textbox', { name: 'What keeps me well' });
    await userEvent.clear(field);
    await userEvent.type(field, 'Walking and calling my sister');
    await userEvent.click(within(region).getByRole('button', { name: 'Save relapse prevention plan' }));

    expect(await within(region).findByText(/Someone else saved this plan while you were editing it/)).toBeTruthy();
    expect(puts.map((p) => p.ifMatch)).toEqual(['W/"1"']);
    expect(within(region).getByRole('region', { name: 'Your version' }).textContent).toContain('What keeps me well: Walking and calling my sister');
    const theirs = within(region).getByRole('region', { name: 'The version saved meanwhile' });
    expect(theirs.textContent).toContain('Saved meanwhile on 2026-11-20 by Practitioner/pr2');
    expect(theirs.textContent).toContain('My warning signs: Sleeping badly; skipping meals');
    expect(theirs.textContent).toContain('What keeps me well: Walking every morning');
    expect((within(region).getByRole('textbox', { name: 'What keeps me well' }) as HTMLTextAreaElement).value).toBe('Walking and calling my sister');
    // Nothing is sent twice while both versions are on screen.
    expect((within(region).getByRole('button', { name: 'Save relapse prevention plan' }) as HTMLButtonElement).disabled).toBe(true);

    await userEvent.click(within(region).getByRole('button', { name: 'Keep my version (save over theirs)' }));
    expect(within(region).queryByRole('region', { name: 'The version saved meanwhile' })).toBeNull();
    await userEvent.click(within(region).getByRole('button', { name: 'Save relapse prevention plan' }));
    expect(await within(region).findByText('The relapse prevention plan was saved to the chart.')).toBeTruthy();
    expect(puts.map((p) => p.ifMatch)).toEqual(['W/"1"', 'W/"2"']);
    const sent = puts[1]!.body;
    // Sent against their version: their history is kept, and the change is said from it.
    expect(sent.note?.map((n) => n.text)).toEqual(['Relapse prevention plan written', 'Plan changed: warning signs', expect.stringContaining('What keeps me well')]);
    expect(sent.activity?.map((a) => a.detail?.description)).toEqual(['Walking and calling my sister', 'Sleeping badly', 'Care manager Jo, 555-0100, weekdays']);
  });
});
