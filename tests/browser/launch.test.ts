/**
 * The walking skeleton, end to end: the sandbox EHR launches the production build by real
 * SMART (authorize, PKCE S256, token) in Chromium, in a window and inside the EHR's iframe.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './chromium';
import { eventualText, newPage as openPage } from './page';
import { fhirGet } from './sandboxApi';

const origin = inject('origin');
const browser = useBrowser();

async function newPage(): Promise<Page & { consoleLines: string[] }> {
  const watched = await openPage(browser());
  return Object.assign(watched.page, { consoleLines: watched.consoleLines });
}

interface SandboxPatient {
  id: string;
  name: string;
  family: string;
  mrn: string;
  birthDate: string;
}

async function somePatient(): Promise<SandboxPatient> {
  const bundle = await fhirGet<{
    entry: Array<{
      resource: {
        id: string;
        birthDate: string;
        name: Array<{ family: string; given: string[] }>;
        identifier: Array<{ value: string; type?: { coding?: Array<{ code: string }> } }>;
      };
    }>;
  }>(origin, 'Patient?_count=5');
  const patient = bundle.entry[2]?.resource ?? bundle.entry[0]!.resource;
  const name = patient.name[0]!;
  const mrn = patient.identifier.find((i) => i.type?.coding?.some((c) => c.code === 'MR'))!.value;
  return { id: patient.id, name: `${name.family}, ${name.given.join(' ')}`, family: name.family, mrn, birthDate: patient.birthDate };
}

describe('EHR launch with a patient', () => {
  it('shows the banner of the patient in context and leaves no code or state in the URL', async () => {
    const patient = await somePatient();
    const page = await newPage();
    await page.goto(`${origin}/ehr/launch?patient=${encodeURIComponent(patient.id)}`);
    await eventualText(page.getByTestId('patient-name')).toBe(patient.name);
    expect(await page.getByTestId('patient-mrn').textContent()).toBe(patient.mrn);
    expect(await page.getByTestId('patient-birth-date').textContent()).toBe(patient.birthDate);
    expect(await page.getByTestId('patient-age-sex').textContent()).toMatch(/^\d+ y, (Male|Female|Other|Unknown)$/);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/index.html');
    expect(url.searchParams.has('code')).toBe(false);
    expect(url.searchParams.has('state')).toBe(false);
    expect(url.search).not.toContain(patient.id);
    // Privacy: nothing of the patient's in localStorage or the console.
    const local = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(local).toBe('{}');
    const consoleText = page.consoleLines.join('\n');
    expect(consoleText).not.toContain(patient.family);
    expect(consoleText).not.toContain(patient.mrn);
    await page.context().close();
  });

  it('works the same inside the EHR chart iframe', async () => {
    const patient = await somePatient();
    const page = await newPage();
    await page.goto(`${origin}/ehr/chart?patient=${encodeURIComponent(patient.id)}`);
    const frame = page.frameLocator('iframe');
    await eventualText(frame.getByTestId('patient-name')).toBe(patient.name);
    expect(await frame.getByTestId('patient-mrn').textContent()).toBe(patient.mrn);
    await page.context().close();
  });

  it('keeps the session on reload without a second code exchange', async () => {
    const patient = await somePatient();
    const page = await newPage();
    await page.goto(`${origin}/ehr/launch?patient=${encodeURIComponent(patient.id)}`);
    await page.getByTestId('patient-name').waitFor({ timeout: 20_000 });
    await page.reload();
    await eventualText(page.getByTestId('patient-name')).toBe(patient.name);
    await page.context().close();
  });
});

describe('EHR launch without a patient', () => {
  it('shows the signed-in user and a patient search that opens a patient', async () => {
    const patient = await somePatient();
    const page = await newPage();
    await page.goto(`${origin}/ehr/launch`);
    await eventualText(page.getByTestId('signed-in-user')).toMatch(/^Signed in as .+/);
    // Launched without a patient the app opens on the caseload; the search is one tab away.
    await page.getByRole('tab', { name: 'Find a patient' }).click();
    const search = page.getByLabel('Search patients by name or MRN');
    await search.fill(patient.mrn);
    await search.press('Enter');
    await page.getByRole('button', { name: new RegExp(patient.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
    await eventualText(page.getByTestId('patient-name')).toBe(patient.name);
    expect(page.url()).not.toContain(patient.id);
    // And by family name.
    await page.getByRole('button', { name: 'Back to patient search' }).click();
    await page.getByLabel('Search patients by name or MRN').fill(patient.family);
    await page.getByLabel('Search patients by name or MRN').press('Enter');
    await page.getByRole('list', { name: 'Search results' }).waitFor();
    expect(await page.getByRole('list', { name: 'Search results' }).textContent()).toContain(patient.name);
    await page.context().close();
  });
});

describe('Opened without a launch', () => {
  it('says to open it from the EHR instead of failing', async () => {
    const page = await newPage();
    await page.goto(`${origin}/index.html`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toMatch(/Open CoCM Registry from your EHR/);
    await page.context().close();
  });

  it('launch.html without an issuer says the same', async () => {
    const page = await newPage();
    await page.goto(`${origin}/launch.html`);
    await eventualText(page.getByRole('alert')).toMatch(/Open CoCM Registry from your EHR/);
    await page.context().close();
  });
});
