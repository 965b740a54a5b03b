/**
 * The CoCM program measures through `npm run measures -- --fhir`: a small generated population
 * loaded into the sandbox, exported by Bulk Data (with the QuestionnaireResponses and Flags the
 * program reads, and the Questionnaires by a search), gives the same summary lines and tables
 * as `--data` over the same files.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePopulation } from '../../../sandbox/population/generatePopulation';
import type { Sandbox } from '../../../sandbox/server';
import { runMeasuresCli } from '../ecqm/node/measuresCli.testkit';
import { startBulkSandbox } from '../population/backendClient.testkit';

const ARGS = ['--measure', 'program', '--period-start', '2026-01-01', '--period-end', '2026-12-31', '--today', '2026-12-01', '--time-zone', 'UTC'];

let work: string;
let data: string;
let keyPath: string;
let sb: Sandbox;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'program-fhir-'));
  data = join(work, 'data');
  await writePopulation({ patients: 80, out: data, seed: 'program-fhir', now: new Date('2026-12-01T00:00:00Z'), clinicSize: 80, cocmShare: 0.5 });
  ({ sandbox: sb, keyPath } = await startBulkSandbox('program-job', work, { data }));
}, 120_000);
afterAll(async () => {
  await sb?.close();
  await rm(work, { recursive: true, force: true });
});

describe('npm run measures --fhir with the program measures', () => {
  it('equals the --data run over the same records', { timeout: 300_000 }, async () => {
    const local = await runMeasuresCli(['--data', data, ...ARGS, '--out', join(work, 'local')]);
    expect(local.code, local.stderr).toBe(0);
    const remote = await runMeasuresCli(['--fhir', sb.fhirBase, '--client-id', 'program-job', '--key', keyPath, ...ARGS, '--out', join(work, 'remote')]);
    expect(remote.code, remote.stderr).toBe(0);
    const lines = local.stdout.trim().split('\n');
    expect(lines).toHaveLength(10);
    const caseload = JSON.parse(lines[0]!) as { measure: string; denominator: number };
    expect(caseload.measure).toBe('active-caseload');
    expect(caseload.denominator).toBeGreaterThan(5);
    expect(remote.stdout).toBe(local.stdout);
    const questionnaires = await readFile(join(work, 'remote', 'export', 'reference.Questionnaire.ndjson'), 'utf8');
    expect(questionnaires.trim().split('\n').length).toBeGreaterThan(2);
    for (const file of ['csv/program-measures.csv', 'csv/program-measures-by-month.csv', 'csv/program-measures-by-care-manager.csv']) {
      expect(await readFile(join(work, 'remote', file), 'utf8'), file).toBe(await readFile(join(work, 'local', file), 'utf8'));
    }
  });
});
