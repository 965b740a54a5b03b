/**
 * The Treatment plan region against msw: a revision that meets a newer version (412) shows
 * both versions and keeps what was typed; under the epic profile the region says before the
 * form that the plan will be a clinical note.
 */
import type { CarePlan, Goal } from '@medplum/fhirtypes';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { capabilityStatement } from '../../../sandbox/fhir/capability';
import { getProfile, type ProfileName } from '../../../sandbox/fhir/profiles';
import { buildTargetGoal, buildTreatmentCarePlan, targetGoals, type TreatmentPlanContent } from '../../clinical/careplan';
import { searchset, TEST_FHIR_BASE } from '../../fhir/testing/testSession';
import { emptyChartHandlers, renderWithChart } from '../chart/testing/renderWithChart';
import { TreatmentPlanSection } from './TreatmentPlanSection';

const server = setupServer(...emptyChartHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const PLAN_ID = '11111111-2222-4333-8444-555555555555';
const CONTENT: TreatmentPlanContent = {
  problems: [],
  ownGoals: [],
  parts: [{ key: 'p1', kind: 'medication', description: 'sertraline 50 mg daily', owner: 'pcp', status: 'in-progress' }],
};
const targets = targetGoals('2026-11-03', 16);
const goals: Goal[] = targets.map((t, i) => ({ ...buildTargetGoal(PLAN_ID, 'pat-1', '2026-11-03', t), id: `g${i}`, meta: { versionId: '1' } }));

function planVersion(content: TreatmentPlanContent, version: string, notes: string[]): CarePlan {
  let plan: CarePlan | undefined;
  for (const change of notes) {
    plan = buildTreatmentCarePlan({
      planId: PLAN_ID,
      patientId: 'pat-1',
      start: '2026-11-03',
      content,
      targets,
      goalReferences: goals.map((g) => `Goal/${g.id}`),
      when: '2026-11-03T10:00:00-05:00',
      author: 'Practitioner/pr2',
      change,
      previous: plan,
    });
  }
  return { ...plan!, id: 'cp1', meta: { versionId: version, lastUpdated: '2026-11-03T15:00:00Z' } };
}

function serve(profile: ProfileName) {
  const mine = planVersion(CONTENT, '1', ['Plan written']);
  const theirs = planVersion({ ...CONTENT, parts: [{ ...CONTENT.parts[0]!, status: 'completed' }] }, '2', ['Plan written', 'Plan changed: theirs']);
  const puts: Array<string | null> = [];
  server.use(
    http.get(`${TEST_FHIR_BASE}/metadata`, () => HttpResponse.json(capabilityStatement('https://ehr.test', getProfile(profile)))),
    http.get(`${TEST_FHIR_BASE}/CarePlan`, () => HttpResponse.json(searchset([mine]))),
    http.get(`${TEST_FHIR_BASE}/Goal`, () => HttpResponse.json(searchset(goals))),
    http.get(`${TEST_FHIR_BASE}/CarePlan/cp1`, () => HttpResponse.json(theirs)),
    // The target Goals exist already: the conditional create finds them.
    http.post(`${TEST_FHIR_BASE}/Goal`, async ({ request }) => {
      const body = (await request.json()) as Goal;
      return HttpResponse.json(
        goals.find((g) => g.identifier?.[0]?.value === body.identifier?.[0]?.value),
        { status: 200 },
      );
    }),
    http.put(`${TEST_FHIR_BASE}/CarePlan/cp1`, ({ request }) => {
      puts.push(request.headers.get('if-match'));
      return new HttpResponse(null, { status: 412 });
    }),
  );
  return { puts };
}

describe('Treatment plan region', () => {
  it('a revision that meets a newer version shows both and keeps what was typed', async () => {
    const { puts } = serve('generic');
    renderWithChart(<TreatmentPlanSection />);
    const region = await screen.findByRole('region', { name: 'Treatment plan' });
    expect(within(region).getByRole('table', { name: 'Parts of the plan' }).textContent).toContain('sertraline 50 mg daily');
    await userEvent.click(within(region).getByRole('button', { name: 'Revise the plan' }));
    const description = within(region).getByRole('textbox', { name: 'Part 1 description' });
    await userEvent.clear(description);
    await userEvent.type(description, 'sertraline 100 mg daily');
    await userEvent.click(within(region).getByRole('button', { name: 'Save plan' }));
    expect(await within(region).findByText(/Someone else saved this plan while you were editing it/)).toBeTruthy();
    expect(puts).toEqual(['W/"1"']);
    expect(within(region).getByRole('region', { name: 'Your version' }).textContent).toContain('sertraline 100 mg daily');
    const theirs = within(region).getByRole('region', { name: 'The version saved meanwhile' });
    expect(theirs.textContent).toContain('sertraline 50 mg daily (owner: Primary care provider; done)');
    expect(theirs.textContent).toContain('by Practitioner/pr2');
    expect((within(region).getByRole('textbox', { name: 'Part 1 description' }) as HTMLInputElement).value).toBe('sertraline 100 mg daily');
  });

  it('under the epic profile says before the form that the plan will be a clinical note, and offers the text', async () => {
    serve('epic');
    renderWithChart(<TreatmentPlanSection />);
    const region = await screen.findByRole('region', { name: 'Treatment plan' });
    expect(await within(region).findByText('This EHR will not keep the treatment plan as a care plan')).toBeTruthy();
    await userEvent.click(within(region).getByRole('button', { name: 'Revise the plan' }));
    expect(within(region).getByRole('button', { name: 'Save as clinical note' })).toBeTruthy();
    expect((within(region).getByLabelText('Note text') as HTMLTextAreaElement).value).toContain('Medication: sertraline 50 mg daily');
  });
});
