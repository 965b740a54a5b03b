/**
 * `npm run measures -- --fhir …` end to end: the sandbox loaded with CMS's official CMS2 test
 * cases, a backend-services client registered with its public key, and the real command
 * exporting them by Bulk Data and evaluating them: the counts must equal the cases' expected
 * MeasureReports, as they do over --data.
 */
import type { MeasureReport, Resource } from '@medplum/fhirtypes';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMeasuresCli } from '../ecqm/node/measuresCli.testkit';
import type { Sandbox } from '../../../sandbox/server';
import { loadMeasureDataByFile } from '../ecqm/node/loadData';
import { packageDir } from '../ecqm/node/measurePackage';
import { startBulkSandbox } from './backendClient.testkit';


const CASES = { CMS2: 36, CMS159: 67 } as const;

function populationsOf(report: MeasureReport): string {
  return (report.group?.[0]?.population ?? [])
    .map((p) => `${p.code?.coding?.[0]?.code}=${p.count ?? 0}`)
    .sort()
    .join(' ');
}

/**
 * The cases as an EHR would hold them. Two official CMS159 cases give a ServiceRequest the
 * subject http://GoodHealthcare.com/fhir/Patient/46464646, a patient in no case; their expected
 * results count it as the case patient's (CQL retrieves in the patient's context), and
 * `--data` does so because a case file is one patient's record. A FHIR server files a resource
 * under the patient its subject names, so the copies loaded here name the case's patient. The
 * vendored files are not changed.
 */
function asFiledInAnEhr(cases: Resource[][]): Resource[] {
  return cases.flatMap((own) => {
    const patient = own.find((r) => r.resourceType === 'Patient')?.id;
    return own.map((r) => {
      const subject = (r as { subject?: { reference?: string } }).subject?.reference;
      if (!patient || !subject?.includes('Patient/') || subject === `Patient/${patient}`) return r;
      return { ...r, subject: { reference: `Patient/${patient}` } } as Resource;
    });
  });
}

const run = (args: string[]) => runMeasuresCli(args, 600_000);

describe.each(['CMS2', 'CMS159'] as const)('npm run measures --fhir over the official %s cases', (measure) => {
  let sb: Sandbox;
  let work: string;
  let keyPath: string;
  let expected: Record<string, number>;
  /** Per official case: its patient and the populations it must land in ("code=count"). */
  const expectedByPatient = new Map<string, string>();

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'measures-fhir-'));
    const dir = join(packageDir(measure), 'tests');
    const cases: Resource[][] = await loadMeasureDataByFile(dir);
    expected = { initialPopulation: 0, denominator: 0, denominatorExclusion: 0, denominatorException: 0, numerator: 0 };
    const names: Record<string, string> = { 'initial-population': 'initialPopulation', denominator: 'denominator', 'denominator-exclusion': 'denominatorExclusion', 'denominator-exception': 'denominatorException', numerator: 'numerator' };
    for (const own of cases) {
      const report = own.find((r): r is MeasureReport => r.resourceType === 'MeasureReport');
      const patient = own.find((r) => r.resourceType === 'Patient')?.id;
      if (report && patient) expectedByPatient.set(patient, populationsOf(report));
      for (const p of report?.group?.[0]?.population ?? []) {
        const name = names[p.code?.coding?.[0]?.code ?? ''];
        if (name) expected[name] = (expected[name] ?? 0) + (p.count ?? 0);
      }
    }
    expect((await readdir(dir)).length).toBe(CASES[measure]);
    ({ sandbox: sb, keyPath } = await startBulkSandbox('measures-job', work, { resources: asFiledInAnEhr(cases) }));
  });
  afterAll(async () => {
    await sb?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('exports the cases by Bulk Data and lands each patient in exactly its expected populations', { timeout: 600_000 }, async () => {
    const out = join(work, 'out');
    const result = await run(['--fhir', sb.fhirBase, '--client-id', 'measures-job', '--key', keyPath, '--measure', measure, '--out', out]);
    expect(result.stderr).not.toMatch(/could not be evaluated/);
    expect(result.code, result.stderr).toBe(0);
    const line = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(result.stderr).toMatch(/Download/);
    // Case by case, not only in sum: each patient's individual report equals its expected one.
    const individual = (await readFile(join(out, `${measure}-individual.ndjson`), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as MeasureReport);
    const got = new Map(individual.map((r) => [String(r.subject?.reference).replace('Patient/', ''), populationsOf(r)]));
    expect(expectedByPatient.size).toBe(CASES[measure]);
    const bad = [...expectedByPatient].filter(([patient, want]) => got.get(patient) !== want).map(([patient, want]) => `${patient}: want ${want} got ${got.get(patient)}`);
    expect(bad).toEqual([]);
    expect(line).toMatchObject({ measure, ...expected });
  });

  it('says what to do when the client is not registered', async () => {
    const result = await run(['--fhir', sb.fhirBase, '--client-id', 'stranger', '--key', keyPath, '--measure', measure, '--out', join(work, 'refused')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the export did not finish: the token endpoint refused client "stranger": unknown backend client/);
  });
});
