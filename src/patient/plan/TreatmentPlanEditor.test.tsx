/**
 * Accepting the latest psychiatric recommendation into the treatment plan is the PCP's action
 * (the role model, roles.ts): the PCP gets the button and the part it makes names its author;
 * every other role reads the recommendation, with who made it, and no button.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RoleProvider } from '../../app/role/RoleContext';
import { SessionProvider } from '../../app/SessionContext';
import { searchset, TEST_FHIR_BASE, testSession } from '../../fhir/testing/testSession';
import { TreatmentPlanEditor } from './TreatmentPlanEditor';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => sessionStorage.clear());

const RECOMMENDATION = { reference: 'QuestionnaireResponse/review-1', reviewer: 'Practitioner/psy1', date: '2026-11-20', text: 'Increase sertraline to 100 mg daily' };
const ACCEPT = 'Accept the latest psychiatric recommendation into the plan';

function renderAs(roleText: string) {
  server.use(http.get(`${TEST_FHIR_BASE}/PractitionerRole`, () => HttpResponse.json(searchset([{ resourceType: 'PractitionerRole', code: [{ text: roleText }] }]))));
  const session = testSession();
  render(
    <SessionProvider session={session}>
      <RoleProvider session={session}>
        <TreatmentPlanEditor
          patientId="pat-1"
          stored={undefined}
          problemChoices={[]}
          recommendation={RECOMMENDATION}
          start="2026-11-03"
          baseline={16}
          today="2026-11-21"
          outlook={{ kind: 'plan' }}
          nameOf={(ref) => (ref === 'Practitioner/psy1' ? 'Dr. Lee' : (ref ?? ''))}
          onSaved={() => undefined}
          onCancel={() => undefined}
        />
      </RoleProvider>
    </SessionProvider>,
  );
}

describe('accepting the psychiatric recommendation into the plan', () => {
  it('is offered to the PCP, and the part it adds says whose recommendation it was', async () => {
    renderAs('Primary care provider');
    await userEvent.click(await screen.findByRole('button', { name: ACCEPT }));
    expect((screen.getByRole('textbox', { name: 'Part 1 description' }) as HTMLInputElement).value).toBe('Increase sertraline to 100 mg daily');
    expect(screen.getByText('From the psychiatric recommendation of Dr. Lee')).toBeTruthy();
    // Accepted once: the button goes.
    expect(screen.queryByRole('button', { name: ACCEPT })).toBeNull();
  });

  it.each(['Behavioral health care manager', 'Psychiatric consultant', 'Medical assistant', 'CoCM program lead'])('is read-only for the %s', async (roleText) => {
    renderAs(roleText);
    const shown = await screen.findByRole('region', { name: 'Psychiatric recommendation for the plan' });
    expect(shown.textContent).toContain('Latest psychiatric recommendation (by Dr. Lee on 2026-11-20)');
    expect(shown.textContent).toContain('Increase sertraline to 100 mg daily');
    expect(shown.textContent).toContain('The primary care provider accepts it into the plan.');
    expect(screen.queryByRole('button', { name: ACCEPT })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Part 1 description' })).toBeNull();
  });
});
