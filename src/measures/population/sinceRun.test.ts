/**
 * `npm run measures -- --fhir … --since last` against the sandbox: after a full run, one
 * patient's record changes in the EHR; the second run exports only what changed (`_since`),
 * merges it into the first export, evaluates only that patient again and keeps everyone
 * else's results, and gives what a fresh full run gives.
 */
import type { MeasureReport, Patient } from '@medplum/fhirtypes';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/server';
import { loadMeasureDataByFile } from '../ecqm/node/loadData';
import { packageDir } from '../ecqm/node/measurePackage';
import { runMeasuresCli } from '../ecqm/node/measuresCli.testkit';
import { startBulkSandbox } from './backendClient.testkit';

const CASES = ['0e463fc3-d1bf-4e19-882b-fad6342aa668', '12786a64-c20e-4542-a4c0-bf3129d6a9e0', '15ad723f-b561-4cdd-9a11-7e6619780459'];
const ARGS = ['--measure', 'CMS2,program', '--today', '2026-12-01', '--time-zone', 'UTC'];

let work: string;
let sb: Sandbox;
let keyPath: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'measures-since-'));
  const cases = join(work, 'cases');
  await mkdir(cases);
  for (const c of CASES) await copyFile(join(packageDir('CMS2'), 'tests', `${c}-bundle.json`), join(cases, `${c}.json`));
  const resources = (await loadMeasureDataByFile(cases)).flat().filter((r) => r.resourceType !== 'MeasureReport');
  ({ sandbox: sb, keyPath } = await startBulkSandbox('since-job', work, { resources }));
}, 120_000);
afterAll(async () => {
  await sb?.close();
  await rm(work, { recursive: true, force: true });
});

async function landings(out: string): Promise<Map<string, string>> {
  const reports = (await readFile(join(out, 'CMS2-individual.ndjson'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as MeasureReport);
  return new Map(reports.map((r) => [String(r.subject?.reference), (r.group?.[0]?.population ?? []).map((p) => `${p.code?.coding?.[0]?.code}=${p.count}`).join(' ')]));
}

describe('npm run measures --fhir --since', () => {
  it('evaluates only the patient whose record changed, and equals a fresh full run', { timeout: 600_000 }, async () => {
    const out = join(work, 'out');
    const fhir = ['--fhir', sb.fhirBase, '--client-id', 'since-job', '--key', keyPath, ...ARGS];
    const first = await runMeasuresCli([...fhir, '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    const before = await landings(out);
    const inIp = [...before].find(([, l]) => l.includes('initial-population=1'));
    expect(inIp).toBeDefined();
    const patientId = inIp![0].replace('Patient/', '');

    // The EHR records a new birth date: the patient is now under 12, out of CMS2's initial population.
    const patient = (await sb.store.readResource('Patient', patientId)) as Patient;
    await sb.store.updateResource({ ...patient, birthDate: '2020-01-01' });

    const second = await runMeasuresCli([...fhir, '--since', 'last', '--out', out]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/Exporting what changed since \d{4}-/);
    expect(second.stderr).toMatch(/1 resource\(s\) changed, of 1 patient\(s\)/);
    expect(second.stderr).toMatch(/CMS2 .*\] 1\/1 patients/);
    const after = await landings(out);
    expect(after.get(`Patient/${patientId}`)).toMatch(/initial-population=0/);
    for (const [p, l] of before) if (p !== `Patient/${patientId}`) expect(after.get(p), p).toBe(l);

    const fresh = await runMeasuresCli([...fhir, '--out', join(work, 'fresh')]);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(second.stdout).toBe(fresh.stdout);
    expect(await landings(join(work, 'fresh'))).toEqual(after);
  });

  it('says what to do without an earlier run', async () => {
    const result = await runMeasuresCli(['--fhir', sb.fhirBase, '--client-id', 'since-job', '--key', keyPath, '--since', 'last', '--out', join(work, 'none')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--since needs an earlier --fhir run's results in .*none.*run once without --since/);
  });
});
