/**
 * A care manager's session under a flaky EHR (issue 13): the sandbox injects about 20%
 * failures into FHIR answers (`--faults`: 503s, 429s and dropped connections, the drops
 * after a create was committed), and the user walks through opening the caseload, opening a
 * patient, enrolling them, logging a contact and screening, retrying whatever failed (the
 * dialogs' own retry buttons, or a reload when a view came up incomplete) until done. Then
 * the server is read directly (no faults there): each record the app wrote exists once, and
 * no screen said "Not enrolled" (offering Enroll) when the reads behind it had failed.
 */
import type { Flag, Resource } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENROLLED_FLAG } from '../../src/clinical/enrollment/codes';
import { generatePanel } from '../../sandbox/panel/index';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { useBrowser } from './chromium';
import { newPage, openFromSearch } from './page';
import { answerByKeyboard, screeningSavedNotice } from './screeningKeys';

const APP_DIR = new URL('../../dist', import.meta.url).pathname;
// About one answer in five fails: 10% 503, 5% 429, 5% lost after the work was done.
const FAULTS = '*:503:0.1,*:429:0.05,*:drop:0.05';
const browser = useBrowser();
let sandbox: Sandbox;
let patient: { id: string; mrn: string };

beforeAll(async () => {
  const panel = generatePanel({ patients: 12, seed: 'fault-walk' });
  const members = new Set(
    panel.resources
      .filter((r): r is Flag => r.resourceType === 'Flag' && r.code?.coding?.some((c) => c.code === ENROLLED_FLAG.code) === true)
      .map((f) => f.subject.reference?.replace(/^Patient\//, '')),
  );
  const outsider = panel.resources.find((r) => r.resourceType === 'Patient' && !members.has(r.id));
  if (!outsider || outsider.resourceType !== 'Patient' || !outsider.id) throw new Error('the panel has no patient outside the program');
  patient = { id: outsider.id, mrn: outsider.identifier?.[0]?.value ?? '' };
  sandbox = await startSandbox({ port: 0, resources: panel.resources, appDir: APP_DIR, quiet: true, faults: FAULTS, faultSeed: 'walk' });
});
afterAll(async () => {
  await sandbox?.close();
});

/** Words the app uses when a read failed: a view showing any of them is retried before acting. */
const INCOMPLETE = /could not be (read|loaded)/;

class Walk {
  retries = 0;
  readonly log: string[] = [];
  constructor(readonly page: Page) {}

  /** Runs `step` until it completes, reloading between tries; counts the retries. */
  async until(name: string, step: () => Promise<void>, tries = 20): Promise<void> {
    for (let i = 1; ; i++) {
      try {
        await step();
        return;
      } catch (error) {
        if (i >= tries) throw new Error(`${name}: not done after ${tries} tries (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
        this.retries += 1;
        this.log.push(`${name}: retry ${i} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
        console.log(this.log.at(-1));
      }
    }
  }

  async reloadTo(url: string): Promise<void> {
    await this.page.goto(url);
  }
}

async function openCaseload(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/ehr/launch`);
  await page.getByTestId('caseload-timings').waitFor({ timeout: 15_000 });
}

async function openPatient(page: Page, origin: string, mrn: string): Promise<void> {
  await openCaseload(page, origin);
  await openFromSearch(page, mrn, 15_000);
  await page.getByTestId('registry-phase').waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Screen now' }).waitFor({ timeout: 20_000 });
}

/**
 * The contact dialog's two words for "in the EHR": saved now, or found there by a retry after
 * the first answer was lost. Waiting on the first alone took the second for a failure, and
 * the walk then logged a second contact.
 */
const CONTACT_SAVED = /^(Contact saved to the EHR\.|The contact was already saved in the EHR \(no copy made\)\.)$/;

/** Clicks `button` until `done` shows, for dialogs whose button retries what failed. */
async function saveUntil(walk: Walk, name: string, button: () => ReturnType<Page['getByRole']>, done: ReturnType<Page['getByText']>, tries = 10): Promise<void> {
  for (let i = 1; ; i++) {
    await button().click({ timeout: 20_000 });
    try {
      await done.waitFor({ timeout: 20_000 });
      return;
    } catch {
      if (i >= tries) throw new Error(`${name}: not saved after ${tries} tries`);
      walk.retries += 1;
      walk.log.push(`${name}: save retried`);
    }
  }
}

/**
 * What the app wrote for the patient, each with its meaning: the type and its code (or form).
 * A retry that wrote twice, or a second enrollment, shows as two records with one meaning.
 */
function appRecords(resources: Iterable<Resource>, patientId: string): Array<{ meaning: string; identifier: string }> {
  const out: Array<{ meaning: string; identifier: string }> = [];
  for (const r of resources) {
    const subject = (r as { subject?: { reference?: string } }).subject?.reference ?? '';
    if (!subject.endsWith(`Patient/${patientId}`)) continue;
    const ids = [(r as { identifier?: unknown }).identifier].flat() as Array<{ system?: string; value?: string } | undefined>;
    const ours = ids.find((i) => i?.system?.startsWith('urn:cocm-registry'));
    if (!ours) continue;
    const code = (r as { code?: { coding?: Array<{ code?: string }> } }).code?.coding?.[0]?.code ?? (r as { questionnaire?: string }).questionnaire ?? '';
    out.push({ meaning: `${r.resourceType} ${code}`, identifier: `${ours.system}|${ours.value}` });
  }
  return out;
}

describe('a care manager session under 20% injected failures', () => {
  it('open caseload, open a patient, enroll, log a contact, screen: every record written exactly once', async () => {
    const origin = sandbox.origin;
    const { page } = await newPage(browser());
    const walk = new Walk(page);
    let requests = 0;
    // Reads of this patient's enrollment evidence (Observations, Flags) that failed since the
    // patient view was last opened: the app's "Not enrolled" is then not known to be true.
    let enrollmentReadFailed = false;
    let unknownShownAsAbsence = 0;
    const isEnrollmentRead = (url: string): boolean => /\/fhir\/(Observation|Flag)\?/.test(url) && url.includes(patient.id);
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/fhir/')) requests += 1;
    });
    page.on('requestfailed', (r) => {
      if (isEnrollmentRead(r.url())) enrollmentReadFailed = true;
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && isEnrollmentRead(r.url())) enrollmentReadFailed = true;
    });
    const reopen = async (): Promise<void> => {
      enrollmentReadFailed = false;
      await openPatient(page, origin, patient.mrn);
    };

    await walk.until('open the caseload', () => openCaseload(page, origin));
    await walk.until('open the patient', reopen);

    // Enroll, unless an earlier try already did. The walk acts on "Not enrolled" only when
    // the reads behind it succeeded; a screen that said "Not enrolled" (with Enroll offered)
    // after a failed read is counted: that is a failed read shown as absence.
    await walk.until('enroll', async () => {
      // A dialog left open by a failed try goes first (Close keeps nothing half-saved).
      if (await page.getByRole('dialog').isVisible()) await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
      if (!(await page.getByTestId('registry-phase').isVisible())) await reopen();
      await page.waitForTimeout(500);
      const phase = (await page.getByTestId('registry-phase').textContent()) ?? '';
      if (/^Active treatment/.test(phase)) return;
      const enroll = page.getByRole('button', { name: 'Enroll', exact: true });
      if (enrollmentReadFailed) {
        const said = (await page.locator('main').innerText()) ?? '';
        if (/Not enrolled/.test(phase) && (await enroll.isEnabled().catch(() => false)) && !INCOMPLETE.test(said)) unknownShownAsAbsence += 1;
        await reopen();
        throw new Error('the enrollment reads failed; reopened the patient');
      }
      await enroll.click({ timeout: 20_000 });
      const dialog = page.getByRole('dialog');
      // The treating PCP, when the practitioners could be read (the field is optional).
      await dialog.getByRole('combobox', { name: 'Treating PCP' }).click({ timeout: 10_000 });
      const pcp = page.getByRole('listbox').getByRole('option').nth(1);
      if (await pcp.isVisible({ timeout: 3_000 }).catch(() => false)) await pcp.click();
      else await page.keyboard.press('Escape');
      for (let i = 0; (await dialog.isVisible()) && i < 10; i++) {
        if (i > 0) walk.retries += 1;
        await dialog.getByRole('button', { name: 'Save' }).click();
        await dialog.waitFor({ state: 'hidden', timeout: 20_000 }).catch(() => undefined);
      }
      await expect.poll(() => page.getByTestId('registry-phase').textContent(), { timeout: 20_000 }).toMatch(/^Active treatment/);
    });

    // A write the app confirmed is never started again: a later failure (closing the dialog)
    // is retried without a second contact or a second screening.
    let contactSaved = false;
    let screeningSaved = false;
    await walk.until('log a contact', async () => {
      if (contactSaved) return;
      if (await page.getByRole('dialog').isVisible()) await page.getByRole('dialog').getByRole('button', { name: 'Close' }).first().click();
      if (!(await page.getByRole('button', { name: /^Log contact/ }).isVisible())) await reopen();
      await page.getByRole('button', { name: /^Log contact/ }).click({ timeout: 20_000 });
      const log = page.getByRole('dialog', { name: 'Log contact' });
      await log.getByLabel('Type').selectOption('initial-assessment');
      await log.getByLabel('Modality').selectOption('video');
      await log.getByLabel(/^Minutes/).fill('40');
      await log.getByLabel('Note').fill('Initial assessment under a flaky EHR');
      await saveUntil(walk, 'contact', () => log.getByRole('button', { name: /^(Save contact|Retry)$/ }), log.getByText(CONTACT_SAVED));
      contactSaved = true;
      await page.keyboard.press('Escape');
    });

    await walk.until('screen', async () => {
      if (screeningSaved) return;
      if (await page.getByRole('dialog').isVisible()) await page.getByRole('dialog').getByRole('button', { name: 'Close' }).first().click();
      if (!(await page.getByRole('button', { name: 'Screen now' }).isVisible())) await reopen();
      await page.getByRole('button', { name: 'Screen now' }).click({ timeout: 20_000 });
      await page.getByRole('dialog', { name: /Screening/ }).waitFor();
      await answerByKeyboard(page);
      await saveUntil(walk, 'screening', () => page.getByRole('button', { name: /^(Save to chart|Retry saving)$/ }), screeningSavedNotice(page));
      screeningSaved = true;
      await page.keyboard.press('Escape');
    });

    // The server, read directly: each record the app wrote, once.
    const records = ['Observation', 'Flag', 'QuestionnaireResponse', 'Communication', 'EpisodeOfCare', 'List'].flatMap((type) => appRecords(sandbox.store.all(type), patient.id));
    const meanings = new Set(records.map((r) => r.meaning));
    const figures = {
      faultsInjected: sandbox.faults.injected,
      faultTotal: sandbox.faults.total,
      fhirRequests: requests,
      retries: walk.retries,
      recordsWritten: records.length,
      records: [...meanings].sort(),
      duplicates: records.length - meanings.size,
      duplicated: [...meanings]
        .filter((m) => records.filter((r) => r.meaning === m).length > 1)
        .map(
          (m) =>
            `${m}: ${records
              .filter((r) => r.meaning === m)
              .map((r) => r.identifier)
              .join(' ')}`,
        ),
      unknownShownAsAbsence,
    };
    console.log(`fault walk: ${JSON.stringify(figures)}\n${walk.log.join('\n')}`);
    expect(sandbox.faults.total).toBeGreaterThan(10);
    // Enrollment (event Observation + membership Flag), the contact, the screening (form, total, safety Flag).
    expect(meanings.size).toBeGreaterThanOrEqual(5);
    expect(records.length - meanings.size).toBe(0);
    // Holds since the patient view's read model says an unread enrollment as such (issue 13, item 1).
    expect(unknownShownAsAbsence).toBe(0);
    await page.context().close();
  }, 600_000);
});
