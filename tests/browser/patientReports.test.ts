/**
 * Patients report at home, end to end at 390x844: the sandbox portal's sign-in and the
 * SMART standalone launch of the patient app, a full PHQ-9 and GAD-7 one question per
 * screen, the crisis screen on a positive item 9 before the save completes (slow EHR), what
 * lands on the server (exactly once, even when an answer is lost), the patient screens for
 * bad input, and the server refusing the patient's token for another patient's data.
 */
import type { Communication, Flag, Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { generatePanel } from '../../sandbox/panel/index';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox/server';
import { useBrowser } from './chromium';
import { seriousAxeViolations } from './page';
import { fhirSearchAll } from './sandboxApi';

const browser = useBrowser();
const APP_DIR = new URL('../../dist', import.meta.url).pathname;
const SCREENING_SYSTEM = 'urn:cocm-registry:screening';
const PHONE = { width: 390, height: 844 };

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: Partial<SandboxOptions> = {}): Promise<{ sandbox: Sandbox; patientId: string; otherId: string }> {
  const panel = generatePanel({ patients: 4, seed: 'patient-reports' });
  sandbox = await startSandbox({ port: 0, resources: panel.resources, appDir: APP_DIR, quiet: true, ...options });
  // Enrolled patients first: the registry's lists show the program's patients.
  const enrolled = new Set(
    panel.resources.flatMap((r) =>
      r.resourceType === 'Observation' && r.code.coding?.some((c) => c.code === 'enrollment-event') ? [r.subject?.reference?.replace('Patient/', '')] : [],
    ),
  );
  const ids = panel.resources
    .filter((r) => r.resourceType === 'Patient')
    .map((r) => r.id as string)
    .sort((a, b) => Number(enrolled.has(b)) - Number(enrolled.has(a)));
  return { sandbox, patientId: ids[0]!, otherId: ids[1]! };
}

/** The portal: sign in as the patient; the portal opens the patient app (standalone launch). */
async function signInFromPortal(origin: string, patientId: string): Promise<{ page: Page; consoleLines: string[] }> {
  const context = await browser().newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  await page.goto(`${origin}/portal/`);
  await page.locator(`button[name="patient"][value="${patientId}"]`).click();
  await page.getByRole('heading', { name: /Your questions are ready|How have you been\?/ }).waitFor({ timeout: 30_000 });
  return { page, consoleLines };
}

/** Answers questions from the current one, `scores[i]` for question i+1, pressing Next after each. */
async function answer(page: Page, scores: readonly number[], from = 0): Promise<void> {
  const labels = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'];
  for (let i = from; i < scores.length; i++) {
    await page.getByRole('heading', { name: `Question ${i + 1} of 16` }).waitFor();
    await page.getByRole('radio', { name: labels[scores[i]!]! }).check();
    await page.getByRole('button', { name: 'Next' }).click();
  }
}

async function written(origin: string, patientId: string) {
  const mine = <T extends { identifier?: Array<{ system?: string }> | { system?: string } }>(all: T[]) =>
    all.filter((r) => [r.identifier].flat().some((i) => i?.system === SCREENING_SYSTEM));
  const optional = <T>(p: Promise<T[]>) => p.catch((error: Error) => (/: (404|405)$/.test(error.message) ? [] : Promise.reject(error)));
  const [responses, observations, flags, messages] = await Promise.all([
    fhirSearchAll<QuestionnaireResponse>(origin, `QuestionnaireResponse?patient=${patientId}&_count=200`),
    fhirSearchAll<Observation>(origin, `Observation?patient=${patientId}&_count=200`),
    optional(fhirSearchAll<Flag>(origin, `Flag?patient=${patientId}&_count=200`)),
    optional(fhirSearchAll<Communication>(origin, `Communication?patient=${patientId}&_count=200`)),
  ]);
  return { responses: mine(responses), observations: mine(observations), flags: mine(flags), messages: mine(messages) };
}

const PHQ_ZERO = [1, 1, 0, 2, 1, 0, 1, 0, 0];
const GAD = [1, 2, 1, 0, 0, 1, 1];

describe('patients report at home (390x844)', () => {
  it('portal sign-in launches the patient app; a full PHQ-9 and GAD-7 is sent once, marked as the patient’s own; the same day offers to view it', async () => {
    const { sandbox: s, patientId } = await start();
    const { page, consoleLines } = await signInFromPortal(s.origin, patientId);
    expect(await page.getByTestId('due').textContent()).toMatch(/Your care team (asks you to fill this in every (week|2 weeks|month)|would like to know)/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^(Start|Continue where you left off)$/ }).click();
    await page.getByRole('heading', { name: 'Question 1 of 16' }).waitFor();
    expect(await page.getByRole('radio').count()).toBe(4);
    // Next without an answer: told, not moved on.
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('alert').filter({ hasText: 'Choose one answer' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    const target = await page.getByRole('radio', { name: 'Several days' }).boundingBox();
    const option = await page.locator('.pa-option').first().boundingBox();
    expect(option!.height).toBeGreaterThanOrEqual(48);
    expect(target).not.toBeNull();
    await answer(page, [...PHQ_ZERO, ...GAD]);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('sent').textContent()).toBe('Your answers were sent to your care team.');
    // No score interpretation for the patient by default.
    expect(await page.locator('main').textContent()).not.toMatch(/\b(mild|moderate|severe|minimal)\b/i);
    expect(await seriousAxeViolations(page)).toEqual([]);

    const records = await written(s.origin, patientId);
    expect(records.responses).toHaveLength(2);
    for (const qr of records.responses) {
      expect(qr.author?.reference).toBe(`Patient/${patientId}`);
      expect(qr.source?.reference).toBe(`Patient/${patientId}`);
    }
    const totals = records.observations.filter((o) => ['44261-6', '70274-6'].includes(o.code.coding?.[0]?.code ?? ''));
    expect(totals.map((o) => o.valueInteger).sort()).toEqual([6, 6]);
    expect(totals.every((o) => o.performer?.[0]?.reference === `Patient/${patientId}`)).toBe(true);
    expect(records.flags).toHaveLength(0);
    // No patient data in the console or in localStorage.
    expect(await page.evaluate(() => window.localStorage.length)).toBe(0);
    expect(consoleLines.join('\n')).not.toContain(patientId);

    // Opened again the same day: nothing to resubmit, the answers can be viewed.
    await page.goto(`${s.origin}/portal/`);
    await page.getByRole('link', { name: 'Fill in my questionnaires' }).click();
    await page.getByRole('heading', { name: 'You already sent your answers today' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: /Start/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'See what you sent' }).click();
    await page.getByRole('heading', { name: 'What you sent today' }).waitFor();
    expect(await page.getByRole('region', { name: 'PHQ-9 answers' }).getByRole('listitem').count()).toBe(9);
    expect(await page.getByRole('region', { name: 'GAD-7 answers' }).getByRole('listitem').nth(1).textContent()).toContain('More than half the days');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('a positive item 9 shows the crisis screen before the save completes (slow EHR), and the team is told exactly once', async () => {
    const { sandbox: s, patientId } = await start({ latencyMs: 800 });
    const { page } = await signInFromPortal(s.origin, patientId);
    await page.getByRole('button', { name: 'Start' }).click({ timeout: 30_000 });
    await answer(page, [0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const crisis = page.getByRole('alert').filter({ hasText: '988' });
    await crisis.waitFor({ timeout: 1_000 });
    expect(await crisis.textContent()).toContain('911');
    expect(await page.getByRole('link', { name: 'Call 988' }).getAttribute('href')).toBe('tel:988');
    expect(await page.getByRole('link', { name: 'Chat at 988lifeline.org' }).getAttribute('href')).toBe('https://988lifeline.org/chat');
    expect(await page.getByText(/Your care team will be told about this answer/).isVisible()).toBe(true);
    // Shown before anything was saved: the server holds no Flag yet (read from its store, at once).
    expect([...s.store.all('Flag')].filter((f) => (f as Flag).identifier?.some((i) => i.system === SCREENING_SYSTEM))).toHaveLength(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByText('Your care team has been told about this answer').waitFor({ timeout: 45_000 });
    const early = await written(s.origin, patientId);
    expect(early.flags).toHaveLength(1);
    expect(early.flags[0]?.status).toBe('active');
    expect(early.messages).toHaveLength(1);
    expect(early.messages[0]?.priority).toBe('urgent');

    await page.getByRole('button', { name: 'Continue with the questions' }).click();
    await page.getByRole('heading', { name: 'Question 10 of 16' }).waitFor();
    // The PHQ-9 part is sent: no going back into it.
    expect(await page.getByRole('button', { name: 'Back' }).count()).toBe(0);
    await answer(page, [0, 0, 0, 0, 0, 0, 0, 0, 1, ...GAD], 9);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
    const all = await written(s.origin, patientId);
    expect(all.responses).toHaveLength(2);
    expect(all.flags).toHaveLength(1);
    expect(all.messages).toHaveLength(1);
    expect(all.observations.filter((o) => o.code.coding?.[0]?.code === '44261-6')).toHaveLength(1);
    await page.context().close();
  });

  it("the care manager's `Patient reports` list: item 9 on top, the score and change, and one-click reviewed, recorded once", async () => {
    const { sandbox: s, patientId } = await start();
    const { page } = await signInFromPortal(s.origin, patientId);
    await page.getByRole('button', { name: 'Start' }).click();
    await answer(page, [0, 0, 0, 0, 0, 0, 0, 0, 1]);
    await page.getByRole('button', { name: 'Continue with the questions' }).click();
    await answer(page, [0, 0, 0, 0, 0, 0, 0, 0, 1, ...GAD], 9);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 30_000 });
    await page.context().close();
    const all = await written(s.origin, patientId);

    // The care manager: the report is in `Patient reports`, item 9 on top, and "reviewed" is one click, recorded.
    const ehr = await browser().newContext({ viewport: { width: 1366, height: 768 } });
    const cm = await ehr.newPage();
    await cm.goto(`${s.origin}/ehr/registry`);
    const app = cm.frameLocator('iframe.app');
    await app.getByRole('tab', { name: 'Patient reports' }).click({ timeout: 60_000 });
    const rows = app.getByTestId('patient-report-row');
    await rows.first().waitFor({ timeout: 60_000 });
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toMatch(/PHQ-9.*Positive: "Several days" \(1\)/);
    expect(await rows.nth(1).textContent()).toContain('GAD-7');
    // The list is axe clean inside the EHR's frame, waiting and reviewed alike.
    const appFrame = await (await cm.locator('iframe.app').elementHandle())?.contentFrame();
    if (!appFrame) throw new Error('the app frame is not in the EHR page');
    const axeWaiting = await seriousAxeViolations(appFrame);
    expect(axeWaiting, JSON.stringify(axeWaiting, null, 2)).toEqual([]);
    await rows
      .first()
      .getByRole('button', { name: /^Mark reviewed: .*'s PHQ-9 of \d{4}-\d{2}-\d{2}$/ })
      .click();
    await rows
      .filter({ hasText: 'PHQ-9' })
      .getByText(/^Reviewed \d{4}-\d{2}-\d{2}$/)
      .waitFor({ timeout: 30_000 });
    const axeReviewed = await seriousAxeViolations(appFrame);
    expect(axeReviewed, JSON.stringify(axeReviewed, null, 2)).toEqual([]);
    const marks = [...s.store.all('Observation')].filter((o) => (o as Observation).code.coding?.some((c) => c.code === 'patient-report-reviewed')) as Observation[];
    expect(marks).toHaveLength(1);
    expect(marks[0]?.derivedFrom?.[0]?.reference).toBe(`QuestionnaireResponse/${all.responses.find((r) => r.questionnaire?.includes('44249-1'))?.id}`);
    // Reviewed reports move below the ones still waiting.
    await cm.reload();
    await app.getByRole('tab', { name: 'Patient reports' }).click({ timeout: 60_000 });
    await rows.first().waitFor({ timeout: 60_000 });
    expect(await rows.first().textContent()).toContain('GAD-7');
    // The patient's chart marks the administration as the patient's own (table column Source).
    await rows
      .first()
      .getByRole('button', { name: /^Open / })
      .click();
    const table = app.getByRole('table', { name: 'PHQ-9 scores' });
    await table.waitFor({ timeout: 60_000 });
    const fromHome = table.getByTestId('score-row').filter({ has: app.getByRole('cell', { name: 'patient', exact: true }) });
    expect(await fromHome.count()).toBe(1);
    expect(await fromHome.textContent()).toContain('item 9 positive');
    await ehr.close();
  });

  it('a lost connection on send: the patient is told plainly, and trying again keeps one copy (even when an answer is lost)', async () => {
    const { sandbox: s, patientId } = await start();
    const { page } = await signInFromPortal(s.origin, patientId);
    await page.getByRole('button', { name: 'Start' }).click();
    await answer(page, [...PHQ_ZERO, ...GAD]);
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    const thanks = page.getByRole('heading', { name: 'Thank you' });
    const notSent = page.getByRole('heading', { name: 'Your answers have not been sent yet' });
    await notSent.waitFor({ timeout: 60_000 });
    expect(await page.locator('main').textContent()).toContain('trying again will not send them twice');
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Back online, and the server's first answer to a form is lost after it was stored.
    await page.context().setOffline(false);
    s.faults.dropCreateResponses('QuestionnaireResponse', 1);
    await page.getByRole('button', { name: 'Try again' }).click();
    await thanks.or(notSent).waitFor({ timeout: 60_000 });
    if (await notSent.isVisible()) {
      await page.getByRole('button', { name: 'Try again' }).click();
      await thanks.waitFor({ timeout: 60_000 });
    }
    expect(s.faults.dropped).toBe(1);
    const records = await written(s.origin, patientId);
    expect(records.responses).toHaveLength(2);
    expect(new Set(records.responses.map((r) => JSON.stringify(r.identifier))).size).toBe(2);
    expect(records.observations.filter((o) => ['44261-6', '70274-6'].includes(o.code.coding?.[0]?.code ?? ''))).toHaveLength(2);
    await page.context().close();
  });

  it("bad input: an expired link gets a plain screen, and the server refuses the patient's token for another patient", async () => {
    const { sandbox: s, patientId, otherId } = await start();
    const context = await browser().newContext({ viewport: PHONE });
    const stale = await context.newPage();
    await stale.goto(`${s.origin}/patient.html`);
    await stale.getByRole('heading', { name: 'This link has expired' }).waitFor({ timeout: 20_000 });
    expect(await stale.locator('main').textContent()).toContain('patient portal');
    expect(await seriousAxeViolations(stale)).toEqual([]);
    await stale.goto(`${s.origin}/patient.html?code=used-or-made-up&state=unknown`);
    await stale.getByRole('heading', { name: 'This link has expired' }).waitFor({ timeout: 20_000 });
    await context.close();

    const { page } = await signInFromPortal(s.origin, patientId);
    // The app's own token (fhirclient keeps it in this tab's sessionStorage) against another patient's data.
    const statuses = await page.evaluate(
      async ({ other, mine }) => {
        const state = Object.values(sessionStorage)
          .map((v) => {
            try {
              return JSON.parse(v) as { tokenResponse?: { access_token?: string } };
            } catch {
              return undefined;
            }
          })
          .find((v) => v?.tokenResponse?.access_token);
        const headers = { Authorization: `Bearer ${state?.tokenResponse?.access_token ?? ''}` };
        const get = (path: string) => fetch(`/fhir/${path}`, { headers }).then((r) => r.status);
        return { other: await get(`Observation?patient=${other}`), otherPatient: await get(`Patient/${other}`), mine: await get(`Patient/${mine}`) };
      },
      { other: otherId, mine: patientId },
    );
    expect(statuses).toEqual({ other: 403, otherPatient: 403, mine: 200 });
    await page.context().close();
  });

  it('Oracle-like EHR (no form create): told kindly before starting; the answers reach the team as a message', async () => {
    const { sandbox: s, patientId } = await start({ profile: 'oracle' });
    const { page } = await signInFromPortal(s.origin, patientId);
    await page.getByText('takes these answers as a message rather than a form').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Start' }).click();
    await answer(page, [...PHQ_ZERO, ...GAD]);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('sent').textContent()).toBe('Your answers were sent to your care team as a message.');
    const records = await written(s.origin, patientId);
    expect(records.responses).toHaveLength(0);
    // This EHR takes Communication creates but offers no search: read its store directly.
    const messages = [...s.store.all('Communication')].filter((c) => (c as Communication).identifier?.some((i) => i.system === SCREENING_SYSTEM)) as Communication[];
    expect(messages).toHaveLength(1);
    expect(messages[0]?.payload?.[0]?.contentString).toMatch(/PHQ-9 total 6 of 27[\s\S]*GAD-7 total 6 of 21/);
    expect(messages[0]?.sender?.reference).toBe(`Patient/${patientId}`);
    await page.context().close();
  });
});
