import type { CapabilityStatement, Flag, Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CREATE_LIMIT_EXTENSION } from '../fhir/capabilities';
import { FhirApi } from '../fhir/fhirApi';
import { parseGrantedScopes } from '../fhir/scopes';
import { FakeFhirServer } from '../fhir/writes/fakeFhirServer.testkit';
import { draftKey } from './draft/draftStore';
import { testSession } from '../fhir/testing/testSession';
import { capabilityStatement, READ_SEARCH_CREATE } from '../fhir/testing/capabilityStatement';
import { SessionProvider } from '../app/SessionContext';
import ScreeningPanel from './ScreeningPanel';

const BASE = 'https://ehr.example.org/fhir';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => sessionStorage.clear());

const CREATE = READ_SEARCH_CREATE;
const GENERIC = capabilityStatement([
  { type: 'Observation', interaction: CREATE, conditionalCreate: true },
  { type: 'QuestionnaireResponse', interaction: CREATE, conditionalCreate: true },
  { type: 'Flag', interaction: CREATE, conditionalCreate: true },
]);
const EPIC_LIKE = capabilityStatement([
  {
    type: 'Observation',
    interaction: CREATE,
    extension: [{ url: CREATE_LIMIT_EXTENSION, extension: [{ url: 'code', valueCoding: { system: 'http://loinc.org', code: '44261-6' } }] }],
  },
  { type: 'QuestionnaireResponse', interaction: CREATE },
  { type: 'Flag', interaction: [{ code: 'read' }, { code: 'search-type' }] },
]);
const NOTHING_WRITABLE = capabilityStatement([
  {
    type: 'Observation',
    interaction: CREATE,
    extension: [
      { url: CREATE_LIMIT_EXTENSION, extension: [{ url: 'category', valueCoding: { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' } }] },
    ],
  },
  { type: 'QuestionnaireResponse', interaction: [{ code: 'read' }, { code: 'update' }] },
]);

function setup(metadata: CapabilityStatement = GENERIC) {
  const fake = new FakeFhirServer({ base: BASE });
  // The save reads the patient's birth date for CMS2's adult or adolescent screening code.
  fake.seed({ resourceType: 'Patient', id: 'p1', birthDate: '1980-04-02' });
  server.use(
    http.get(`${BASE}/metadata`, () => HttpResponse.json(metadata)),
    ...fake.handlers(),
  );
  const session = testSession({
    api: new FhirApi({ serverUrl: BASE, timeoutMs: 2000, authorization: async () => 'Bearer t' }),
    granted: parseGrantedScopes('launch openid fhirUser user/Observation.crs user/QuestionnaireResponse.crs user/Flag.crs'),
    serverUrl: `${BASE}/`,
    patientId: 'p1',
    encounterId: 'e1',
    fhirUser: 'Practitioner/ma1',
  });
  const onSaved = vi.fn();
  const onClose = vi.fn();
  const user = userEvent.setup();
  const now = () => new Date('2026-03-05T15:00:00Z');
  const ui = (patientId = 'p1') => (
    <SessionProvider session={session}>
      <ScreeningPanel patientId={patientId} onSaved={onSaved} onClose={onClose} now={now} />
    </SessionProvider>
  );
  const view = render(ui());
  return { fake, session, onSaved, onClose, user, view, ui };
}

function group(name: RegExp) {
  return screen.getByRole('radiogroup', { name });
}

/** Puts focus on item 1 the way a keyboard user gets there (the dialog opens on the form). */
function focusFirstItem() {
  within(group(/^1\. Little interest/))
    .getByRole('radio', { name: 'Not at all' })
    .focus();
}

async function keys(user: ReturnType<typeof userEvent.setup>, sequence: string) {
  for (const k of sequence) await user.keyboard(k);
}

describe('ScreeningPanel: keyboard flow', () => {
  it('names each item by number and text and each option by its answer text', async () => {
    setup();
    const item9Absent = screen.queryByRole('radiogroup', { name: /^9\./ });
    expect(item9Absent).toBeNull();
    const first = group(/^1\. Little interest or pleasure in doing things$/);
    expect(
      within(first)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('value')),
    ).toEqual(['0', '1', '2', '3']);
    for (const name of ['Not at all', 'Several days', 'More than half the days', 'Nearly every day']) {
      expect(within(first).getByRole('radio', { name })).toBeTruthy();
    }
    expect(group(/^1\. Feeling nervous, anxious, or on edge$/)).toBeTruthy();
  });

  it('PHQ-2 >= 3 continues to PHQ-9; item 9 alerts at once; review; Save to chart writes each record once', async () => {
    const { user, fake, onSaved, onClose } = setup();
    // The dialog opens with focus on item 1: no extra Tab.
    expect(document.activeElement?.closest('[data-question]')?.getAttribute('data-question')).toBe('44250-9');
    await user.keyboard('2');
    expect(within(group(/^1\. Little interest/)).getByRole('radio', { name: 'More than half the days' })).toHaveProperty('checked', true);
    expect(document.activeElement?.closest('[data-question]')?.getAttribute('data-question')).toBe('44255-8');
    await user.keyboard('1');
    // PHQ-2 = 3: the rest of the PHQ-9 appears and focus is on item 3.
    expect(group(/^3\. Trouble falling or staying asleep/)).toBeTruthy();
    expect(document.activeElement?.closest('[data-question]')?.getAttribute('data-question')).toBe('44259-0');
    expect(screen.getByTestId('status-phq').textContent).toBe('PHQ-9: 3 so far (2 of 9 answered)');
    await keys(user, '111111');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.keyboard('1');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/988 Suicide & Crisis Lifeline/);
    expect(alert.textContent).toMatch(/Several days/);
    expect(screen.getByTestId('status-phq').textContent).toBe('PHQ-9 total 10 of 27: Moderate');
    // The digit after item 9 goes to GAD item 1, not to the unscored difficulty question.
    expect(document.activeElement?.closest('[data-question]')?.getAttribute('data-question')).toBe('69725-0');
    await keys(user, '00');
    expect(screen.getByTestId('status-gad').textContent).toBe('GAD-2 total 0 of 6: negative screen');
    const difficulty = group(/^If you checked off any problems/);
    expect(within(difficulty).getByRole('radio', { name: 'Not difficult at all' })).toHaveProperty('checked', false);
    const finishButton = screen.getByRole('button', { name: 'Finish screening' });
    expect(document.activeElement).toBe(finishButton);
    // In the footer, beside Close: always in view.
    expect(finishButton.closest('.MuiDialogActions-root')).not.toBeNull();
    // The difficulty question answers to its own keys (V: very difficult), digits do nothing there.
    within(difficulty).getAllByRole('radio')[0]!.focus();
    await user.keyboard('2');
    expect(
      within(difficulty)
        .getAllByRole('radio')
        .some((r) => (r as HTMLInputElement).checked),
    ).toBe(false);
    await user.keyboard('v');
    expect(within(difficulty).getByRole('radio', { name: 'Very difficult' })).toHaveProperty('checked', true);
    finishButton.focus();
    await user.keyboard('{Enter}');

    expect(screen.getByRole('heading', { name: 'Review' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'PHQ-9 total 10 of 27 (Moderate)' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/988/);
    await waitFor(() => expect(screen.getByText(/Will be saved to the chart:/)).toBeTruthy());
    const save = screen.getByRole('button', { name: 'Save to chart' });
    expect(document.activeElement).toBe(save);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByText('Saved to the chart')).toBeTruthy());

    expect(fake.all('QuestionnaireResponse')).toHaveLength(2);
    const obs = fake.all('Observation') as Observation[];
    // The PHQ-9 total, and the screening result CMS2 counts.
    expect(obs.map((o) => o.code.coding?.[0]?.code)).toEqual(['44261-6', '73832-8']);
    expect(obs[0]?.derivedFrom?.[0]?.reference).toMatch(/^QuestionnaireResponse\//);
    expect(fake.all('Flag')).toHaveLength(1);
    const phqForm = (fake.all('QuestionnaireResponse') as QuestionnaireResponse[]).find((q) => q.questionnaire?.includes('44249-1'));
    expect(phqForm?.encounter?.reference).toBe('Encounter/e1');
    expect(phqForm?.author?.reference).toBe('Practitioner/ma1');
    expect(onSaved).toHaveBeenCalledTimes(1);
    expect(onSaved.mock.calls[0]?.[0]).toHaveLength(5);
    // Everything saved: the dialog asks to close.
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onClose).toHaveBeenCalledWith('saved');
    expect(sessionStorage.getItem(draftKey(`${BASE}/`))).toBeNull();
    expect(screen.getByRole('alert').textContent).toMatch(/988/);
  });

  it('PHQ-2 below 3: offers the full PHQ-9, moves on to GAD-2, and the choice opens item 3', async () => {
    const { user } = setup();
    focusFirstItem();
    await keys(user, '11');
    expect(screen.queryByRole('radiogroup', { name: /^3\./ })).toBeNull();
    expect(screen.getByTestId('status-phq').textContent).toBe('PHQ-2 total 2 of 6: negative screen');
    expect(document.activeElement?.closest('[data-question]')?.getAttribute('data-question')).toBe('69725-0');
    await user.click(screen.getByRole('button', { name: 'Continue to full PHQ-9' }));
    expect(group(/^3\. Trouble falling/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Continue to full PHQ-9' })).toBeNull();
    expect(document.activeElement?.closest('[data-question]')?.getAttribute('data-question')).toBe('44259-0');
  });

  it('Finish too early names the missing items and focuses the first one', async () => {
    const { user } = setup();
    focusFirstItem();
    await user.keyboard('0');
    await user.click(screen.getByRole('button', { name: 'Finish screening' }));
    expect(screen.getByText(/Answer these first: PHQ-2 item 2, GAD-2 item 1, GAD-2 item 2/)).toBeTruthy();
    expect(document.activeElement?.closest('[data-question]')?.getAttribute('data-question')).toBe('44255-8');
  });
});

describe('ScreeningPanel: what this EHR accepts', () => {
  it('tells before starting what an Epic-like EHR will not take, and what to do instead', async () => {
    setup(EPIC_LIKE);
    await waitFor(() => expect(screen.getByText('This EHR will not accept all of the screening from the app')).toBeTruthy());
    expect(screen.getByText(/Not saved by the app: .*GAD-7 total score, depression screening result \(counted by CMS2\), suicide-risk safety flag/)).toBeTruthy();
    expect(screen.getByText(/set a suicide-risk flag in the EHR by hand/)).toBeTruthy();
    expect(screen.getByText('This EHR does not accept flags from apps.')).toBeTruthy();
  });

  it('nothing writable: no Save button, the note text is copied to the clipboard', async () => {
    const { user, fake } = setup(NOTHING_WRITABLE);
    await waitFor(() => expect(screen.getByText('This EHR will not accept the screening from the app')).toBeTruthy());
    focusFirstItem();
    await keys(user, '0000');
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('button', { name: 'Save to chart' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Copy note text' }));
    const copied = await navigator.clipboard.readText();
    expect(copied).toMatch(/^Depression and anxiety screening \(PHQ-2 and GAD-2\)/);
    expect(copied).toContain('PHQ-2 total 0 of 6 (negative screen)');
    expect(copied).toMatch(/Not saved to the EHR by CoCM Registry \(enter by hand\): PHQ-2 answers \(form\)/);
    expect(screen.getByText(/Note text copied/)).toBeTruthy();
    expect(fake.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('falls back to a selected text box when the clipboard is refused', async () => {
    const { user } = setup(NOTHING_WRITABLE);
    focusFirstItem();
    await keys(user, '0000');
    await user.keyboard('{Enter}');
    const spy = vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    await user.click(screen.getByRole('button', { name: 'Copy note text' }));
    const box = await screen.findByRole('textbox', { name: 'Note text' });
    expect((box as HTMLTextAreaElement).value).toMatch(/PHQ-2 total 0 of 6/);
    expect(document.activeElement).toBe(box);
    spy.mockRestore();
  });

  it('a 403 on the Flag at save time: told so, the rest saved, the alert stays', async () => {
    const { user, fake, onClose } = setup();
    fake.refuse('Flag', 403);
    focusFirstItem();
    await keys(user, '33' + '000000' + '2' + '00');
    await user.keyboard('{Enter}');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByText('Saved what this EHR accepts')).toBeTruthy());
    expect(screen.getByText(/suicide-risk safety flag: not saved: The EHR refused to let the app save flags/)).toBeTruthy();
    expect(fake.all('QuestionnaireResponse')).toHaveLength(2);
    expect(fake.all('Flag')).toHaveLength(0);
    expect(screen.getByRole('alert').textContent).toMatch(/988/);
    // Not everything is in the chart: the dialog stays open, saying what was not saved.
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('ScreeningPanel: faults and drafts', () => {
  it('a failed save says what was saved and not, and the retry completes without copies', async () => {
    const { user, fake } = setup();
    fake.fail('Observation', { kind: 'status', status: 503 });
    focusFirstItem();
    await keys(user, '22' + '1111111' + '33' + '11111');
    await user.click(screen.getByRole('button', { name: 'Finish screening' }));
    await user.click(screen.getByRole('button', { name: 'Save to chart' }));
    await waitFor(() => expect(screen.getByText('Not everything was saved')).toBeTruthy());
    expect(screen.getByText(/: not saved: The EHR had a problem saving the .* total score \(error 503\)/)).toBeTruthy();
    expect(screen.getByText(/Retry sends only what is missing/)).toBeTruthy();
    expect(sessionStorage.getItem(draftKey(`${BASE}/`))).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Back to answers' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Retry saving' }));
    await waitFor(() => expect(screen.getByText('Saved to the chart')).toBeTruthy());
    expect(fake.all('QuestionnaireResponse')).toHaveLength(2);
    expect(fake.all('Observation')).toHaveLength(3);
    expect(fake.all('Flag') as Flag[]).toHaveLength(1);
  });

  it('401: the draft and its progress are kept for after the relaunch', async () => {
    const { user, fake, view, ui } = setup();
    fake.refuse('QuestionnaireResponse', 401, 2);
    focusFirstItem();
    await keys(user, '0000');
    await user.keyboard('{Enter}');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByText('Your EHR session ended before everything was saved')).toBeTruthy());
    const stored = JSON.parse(sessionStorage.getItem(draftKey(`${BASE}/`)) ?? '{}');
    expect(stored.draft.answers).toEqual({ '44250-9': 0, '44255-8': 0, '69725-0': 0, '68509-9': 0 });
    expect(stored.draft.recordedAt.iso).toBe('2026-03-05T15:00:00.000Z');
    // Relaunch: a fresh panel in the same tab picks the draft up at review and saves the rest.
    view.unmount();
    render(ui());
    expect(screen.getByText(/Restored the answers typed earlier/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save to chart' }));
    await waitFor(() => expect(screen.getByText('Saved to the chart')).toBeTruthy());
    expect(fake.all('QuestionnaireResponse')).toHaveLength(2);
    expect(fake.all('Observation')).toHaveLength(2);
  });

  it('a reload restores what was typed; another patient never sees it', async () => {
    const { user, view, ui } = setup();
    focusFirstItem();
    await keys(user, '21');
    view.unmount();
    const again = render(ui());
    expect(screen.getByText(/Restored the answers typed earlier/)).toBeTruthy();
    expect(within(group(/^1\. Little interest/)).getByRole('radio', { name: 'More than half the days' })).toHaveProperty('checked', true);
    expect(group(/^3\. Trouble falling/)).toBeTruthy();
    again.unmount();
    render(ui('p2'));
    expect(screen.queryByText(/Restored the answers/)).toBeNull();
    expect(within(group(/^1\. Little interest/)).getByRole('radio', { name: 'More than half the days' })).toHaveProperty('checked', false);
    await act(async () => {});
    const stored = JSON.parse(sessionStorage.getItem(draftKey(`${BASE}/`)) ?? '{}');
    expect(stored.draft.patientId).toBe('p2');
  });
});
