import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { searchset, TEST_FHIR_BASE } from '../fhir/testing/testSession';
import { renderWithSession } from '../fhir/testing/withSession';
import { SourcePicker } from './SourcePicker';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const down = () => new HttpResponse('down', { status: 503 });

describe('SourcePicker', () => {
  it("says the EHR's patient lists could not be read (not that there are none), and reads them again on request", async () => {
    server.use(http.get(`${TEST_FHIR_BASE}/List`, down), http.get(`${TEST_FHIR_BASE}/Group`, down));
    const onChange = vi.fn();
    const user = userEvent.setup();
    renderWithSession(<SourcePicker source={{ kind: 'registry' }} onChange={onChange} />);
    await user.click(screen.getByRole('combobox', { name: 'Patients from' }));
    const menu = await screen.findByRole('listbox');
    expect((await within(menu).findByText(/The EHR's patient lists could not be read/)).closest('li')?.getAttribute('aria-disabled')).toBe('true');

    server.use(
      http.get(`${TEST_FHIR_BASE}/List`, () =>
        HttpResponse.json(
          searchset([{ resourceType: 'List', id: 'l1', status: 'current', mode: 'working', title: 'Thursday huddle', entry: [{ item: { reference: 'Patient/p1' } }] }]),
        ),
      ),
      http.get(`${TEST_FHIR_BASE}/Group`, () => HttpResponse.json(searchset([]))),
    );
    await user.click(within(menu).getByRole('option', { name: "Read the EHR's patient lists again" }));
    // Reading again is not a choice of population.
    expect(onChange).not.toHaveBeenCalled();
    await user.click(screen.getByRole('combobox', { name: 'Patients from' }));
    const again = await screen.findByRole('listbox');
    expect(await within(again).findByRole('option', { name: 'Thursday huddle (1)' })).toBeTruthy();
    expect(within(again).queryByText(/could not be read/)).toBeNull();
  });

  it('offers the lists that were read and names the kind that was not: a failed Group search is not "no groups"', async () => {
    const huddle = { resourceType: 'List', id: 'l1', status: 'current', mode: 'working', title: 'Thursday huddle', entry: [{ item: { reference: 'Patient/p1' } }] };
    server.use(
      http.get(`${TEST_FHIR_BASE}/List`, () => HttpResponse.json(searchset([huddle]))),
      http.get(`${TEST_FHIR_BASE}/Group`, down),
    );
    const user = userEvent.setup();
    renderWithSession(<SourcePicker source={{ kind: 'registry' }} onChange={vi.fn()} />);
    await user.click(screen.getByRole('combobox', { name: 'Patients from' }));
    const menu = await screen.findByRole('listbox');
    expect(await within(menu).findByRole('option', { name: 'Thursday huddle (1)' })).toBeTruthy();
    expect(within(menu).getByText(/The EHR's patient groups could not be read/)).toBeTruthy();
    expect(within(menu).queryByText(/patient lists could not be read/)).toBeNull();
    expect(within(menu).getByRole('option', { name: "Read the EHR's patient lists again" })).toBeTruthy();
  });

  it('says nothing is missing when the EHR refuses one kind outright (the app may not read Groups there)', async () => {
    const huddle = { resourceType: 'List', id: 'l1', status: 'current', mode: 'working', title: 'Thursday huddle', entry: [{ item: { reference: 'Patient/p1' } }] };
    server.use(
      http.get(`${TEST_FHIR_BASE}/List`, () => HttpResponse.json(searchset([huddle]))),
      http.get(`${TEST_FHIR_BASE}/Group`, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] }, { status: 403 })),
    );
    const user = userEvent.setup();
    renderWithSession(<SourcePicker source={{ kind: 'registry' }} onChange={vi.fn()} />);
    await user.click(screen.getByRole('combobox', { name: 'Patients from' }));
    const menu = await screen.findByRole('listbox');
    expect(await within(menu).findByRole('option', { name: 'Thursday huddle (1)' })).toBeTruthy();
    expect(within(menu).queryByText(/could not be read/)).toBeNull();
    expect(within(menu).queryByRole('option', { name: "Read the EHR's patient lists again" })).toBeNull();
  });
});
