import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { searchset, TEST_FHIR_BASE, testSession } from '../../fhir/testing/testSession';
import { RoleProvider, useRole } from './RoleContext';
import { RoleSwitch } from './RoleSwitch';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => sessionStorage.clear());

function Probe() {
  const { role, source, may } = useRole();
  return <p data-testid="probe">{`${source}:${role ?? '-'}:${may('record-review') ? 'records' : 'read-only'}`}</p>;
}

function ui() {
  return (
    <RoleProvider session={testSession()}>
      <RoleSwitch />
      <Probe />
    </RoleProvider>
  );
}

describe('role from fhirUser, or chosen', () => {
  it('says the role the PractitionerRole gives, with no switch', async () => {
    server.use(
      http.get(`${TEST_FHIR_BASE}/PractitionerRole`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('practitioner')).toBe('Practitioner/pr1');
        return HttpResponse.json(searchset([{ resourceType: 'PractitionerRole', code: [{ text: 'Psychiatric consultant' }] }]));
      }),
    );
    render(ui());
    expect((await screen.findByTestId('user-role')).textContent).toBe('Psychiatric consultant');
    expect(screen.getByTestId('probe').textContent).toBe('ehr:psychiatric-consultant:records');
    expect(screen.queryByLabelText('Your role')).toBeNull();
  });

  it('offers a visible switch when the EHR does not say, and the app follows the choice', async () => {
    server.use(http.get(`${TEST_FHIR_BASE}/PractitionerRole`, () => HttpResponse.json(searchset([]))));
    const user = userEvent.setup();
    render(ui());
    const select = await screen.findByRole('combobox', { name: 'Your role' });
    expect(screen.getByTestId('probe').textContent).toBe('unknown:-:records');
    await user.click(select);
    await user.click(within(screen.getByRole('listbox')).getByRole('option', { name: 'Care manager' }));
    expect(screen.getByTestId('probe').textContent).toBe('chosen:care-manager:read-only');
  });

  it('a failed read is not a role: the switch is offered', async () => {
    server.use(http.get(`${TEST_FHIR_BASE}/PractitionerRole`, () => new HttpResponse(null, { status: 500 })));
    render(ui());
    expect(await screen.findByRole('combobox', { name: 'Your role' })).toBeTruthy();
  });
});
