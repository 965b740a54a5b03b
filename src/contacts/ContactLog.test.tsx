import type { Observation } from '@medplum/fhirtypes';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildEnrollmentObservation } from '../clinical/enrollment';
import { searchset, TEST_FHIR_BASE } from '../fhir/testing/testSession';
import { ContactLog } from './ContactLog';
import { emptyChartHandlers, renderWithChart } from '../patient/chart/testing/renderWithChart';

const server = setupServer(...emptyChartHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// The test session's clinic is in New York; "now" is 10 March 2026, 15:00 there.
const NOW = new Date('2026-03-10T19:00:00Z');
const now = () => NOW;

function enrolled(date: string): Observation {
  return {
    ...buildEnrollmentObservation({ actionId: 'a1', patientId: 'p1', kind: 'enrolled', date, pcp: 'Practitioner/pcp1', careManager: 'Practitioner/pr1', now: NOW }),
    id: 'enr1',
    meta: { versionId: '1' },
  };
}

/** A tiny EHR: Observation search and create, metadata as given. */
function ehr({ observations = [] as Observation[], metadata = undefined as object | undefined, refuseCreate = 0 } = {}) {
  const store = [...observations];
  const posts: Observation[] = [];
  server.use(
    http.get(`${TEST_FHIR_BASE}/metadata`, () => (metadata ? HttpResponse.json(metadata) : new HttpResponse(null, { status: 404 }))),
    http.get(`${TEST_FHIR_BASE}/Observation`, () => HttpResponse.json(searchset(store))),
    http.post(`${TEST_FHIR_BASE}/Observation`, async ({ request }) => {
      if (refuseCreate) return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing' }] }, { status: refuseCreate });
      const body = (await request.json()) as Observation;
      posts.push(body);
      const stored = { ...body, id: `c${posts.length}`, meta: { versionId: '1', lastUpdated: NOW.toISOString() } };
      store.push(stored);
      return HttpResponse.json(stored, { status: 201 });
    }),
  );
  return { store, posts };
}

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

function summaryValue(label: string): string {
  const region = screen.getByRole('region', { name: 'Contacts summary' });
  return within(region).getByLabelText(label).textContent ?? '';
}

describe('ContactLog', () => {
  it('logs 40 minutes for a newly enrolled patient: saved once, 99492 reached, 46 minutes to the next code', async () => {
    const { posts } = ehr({ observations: [enrolled('2026-03-09')] });
    const user = userEvent.setup();
    renderWithChart(<ContactLog patientId="p1" storage={memoryStorage()} now={now} />, { patientId: 'p1', now: now });
    expect(await screen.findByText('None logged')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Log contact' }));
    const dialog = await screen.findByRole('dialog', { name: 'Log contact' });
    await user.type(within(dialog).getByLabelText(/Minutes/), '40');
    await user.selectOptions(within(dialog).getByLabelText('Type'), 'initial-assessment');
    await user.type(within(dialog).getByLabelText('Note'), 'First call');
    await user.click(within(dialog).getByRole('button', { name: 'Save contact' }));
    expect(await within(dialog).findByText('Contact saved to the EHR.')).toBeTruthy();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ effectiveDateTime: '2026-03-10T15:00:00-04:00', valueQuantity: { value: 40, code: 'min' }, performer: [{ reference: 'Practitioner/pr1' }] });
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(await screen.findByRole('button', { name: 'Correct contact of 2026-03-10' })).toBeTruthy();
    expect(summaryValue('CoCM minutes March 2026')).toBe('40');
    expect(summaryValue('Codes this month')).toBe('99492');
    expect(summaryValue('Minutes to next code')).toBe('46 (99494)');
    expect(summaryValue('Contacts this month')).toBe('1');
    expect(summaryValue('Next contact due')).toBe('2026-03-24');
  });

  it('checks the form before sending', async () => {
    const { posts } = ehr({ observations: [enrolled('2026-03-09')] });
    const user = userEvent.setup();
    renderWithChart(<ContactLog patientId="p1" storage={memoryStorage()} now={now} />, { patientId: 'p1', now: now });
    await user.click(await screen.findByRole('button', { name: 'Log contact' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Save contact' }));
    expect(within(dialog).getByText('Enter the minutes spent, a whole number.')).toBeTruthy();
    expect(posts).toEqual([]);
  });

  it('the timer survives a reload, pauses, and fills whole minutes (the rule in words beside it)', async () => {
    ehr({ observations: [enrolled('2026-03-09')] });
    const storage = memoryStorage();
    const user = userEvent.setup();
    let clock = NOW;
    const first = renderWithChart(<ContactLog patientId="p1" storage={storage} now={() => clock} />, { patientId: 'p1', now: () => clock });
    expect(await screen.findByText(/whole minutes only: seconds are dropped/)).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Start timer' }));
    first.unmount();
    // What is kept: the patient id and the start instant, nothing else.
    expect(JSON.parse(storage.getItem(`cocm-registry:contact-timer:${TEST_FHIR_BASE}`) ?? '')).toEqual({ patientId: 'p1', startedAt: NOW.getTime() });
    clock = new Date(NOW.getTime() + 23 * 60_000 + 10_000);
    renderWithChart(<ContactLog patientId="p1" storage={storage} now={() => clock} />, { patientId: 'p1', now: () => clock });
    expect(screen.getByRole('timer', { name: 'Contact timer' }).textContent).toBe('23:10');
    // Paused for five minutes: those minutes are not timed.
    await user.click(screen.getByRole('button', { name: 'Pause contact timer' }));
    clock = new Date(NOW.getTime() + 28 * 60_000 + 10_000);
    await user.click(screen.getByRole('button', { name: 'Resume contact timer' }));
    clock = new Date(NOW.getTime() + 29 * 60_000 + 59_000);
    await user.click(screen.getByRole('button', { name: 'Stop timer and log' }));
    const dialog = await screen.findByRole('dialog');
    // 24:59 timed: whole minutes count.
    expect((within(dialog).getByLabelText(/Minutes/) as HTMLInputElement).value).toBe('24');
    expect(storage.getItem(`cocm-registry:contact-timer:${TEST_FHIR_BASE}`)).toBeNull();
  });

  it("another patient's timer is not shown", async () => {
    ehr();
    const storage = memoryStorage();
    storage.setItem(`cocm-registry:contact-timer:${TEST_FHIR_BASE}`, JSON.stringify({ patientId: 'other', startedAt: NOW.getTime() }));
    renderWithChart(<ContactLog patientId="p1" storage={storage} now={now} />, { patientId: 'p1', now: now });
    expect(await screen.findByRole('button', { name: 'Start timer' })).toBeTruthy();
  });

  it('where the EHR refuses the record, says so and gives the note text; nothing is lost', async () => {
    const { posts } = ehr({ observations: [enrolled('2026-03-09')], refuseCreate: 422 });
    const user = userEvent.setup();
    renderWithChart(<ContactLog patientId="p1" storage={memoryStorage()} now={now} />, { patientId: 'p1', now: now });
    await user.click(await screen.findByRole('button', { name: 'Log contact' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Minutes/), '25');
    await user.click(within(dialog).getByRole('button', { name: 'Save contact' }));
    expect(await within(dialog).findByText(/did not accept the contact record/)).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Copy note text' })).toBeTruthy();
    expect(posts).toEqual([]);
  });

  it('a scale given at the contact offers Screen now', async () => {
    ehr({ observations: [enrolled('2026-03-09')] });
    const user = userEvent.setup();
    renderWithChart(<ContactLog patientId="p1" storage={memoryStorage()} now={now} />, { patientId: 'p1', now: now });
    await user.click(await screen.findByRole('button', { name: 'Log contact' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Minutes/), '15');
    await user.click(within(dialog).getByLabelText(/Scale given/));
    await user.click(within(dialog).getByRole('button', { name: 'Save contact' }));
    await within(dialog).findByText('Contact saved to the EHR.');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(await screen.findByRole('button', { name: 'Screen now' })).toBeTruthy();
  });
});
