/**
 * `npm run measures` end to end: the real command over a small folder of official CMS2 cases
 * (their expected MeasureReports say what the counts must be), and over a broken file.
 */
import type { MeasureReport } from '@medplum/fhirtypes';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMeasuresCli } from './measuresCli.testkit';
import { packageDir } from './measurePackage';


const run = (args: string[]) => runMeasuresCli(args, 300_000);

let dir: string;
const cases = ['0e463fc3-d1bf-4e19-882b-fad6342aa668', '12786a64-c20e-4542-a4c0-bf3129d6a9e0', '15ad723f-b561-4cdd-9a11-7e6619780459'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'measures-cli-'));
  for (const c of cases) await copyFile(join(packageDir('CMS2'), 'tests', `${c}-bundle.json`), join(dir, `${c}.json`));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function expectedCount(code: string): Promise<number> {
  let n = 0;
  for (const c of cases) {
    const bundle = JSON.parse(await readFile(join(dir, `${c}.json`), 'utf8')) as { entry: { resource: MeasureReport }[] };
    const report = bundle.entry.map((e) => e.resource).find((r) => r.resourceType === 'MeasureReport');
    n += report?.group?.[0]?.population?.find((p) => p.code?.coding?.[0]?.code === code)?.count ?? 0;
  }
  return n;
}

describe('npm run measures', () => {
  it('prints the CMS2 summary line and writes the summary and individual MeasureReports', { timeout: 300_000 }, async () => {
    const out = join(dir, 'out');
    const result = await run(['--data', dir, '--measure', 'CMS2', '--period-start', '2026-01-01', '--period-end', '2026-12-31', '--out', out]);
    expect(result.stderr).toMatch(/CMS2 .*\] 3\/3 patients/);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(['measure', 'initialPopulation', 'denominator', 'denominatorExclusion', 'denominatorException', 'numerator', 'rate']);
    expect(summary).toMatchObject({
      measure: 'CMS2',
      initialPopulation: await expectedCount('initial-population'),
      denominator: await expectedCount('denominator'),
      denominatorExclusion: await expectedCount('denominator-exclusion'),
      numerator: await expectedCount('numerator'),
    });
    expect((await readdir(out)).sort()).toEqual(['CMS2-individual.ndjson', 'CMS2-summary.json']);
    const individual = (await readFile(join(out, 'CMS2-individual.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as MeasureReport);
    expect(individual.map((r) => r.subject?.reference).sort()).toEqual(cases.map((c) => `Patient/${c}`).sort());
    const report = JSON.parse(await readFile(join(out, 'CMS2-summary.json'), 'utf8')) as MeasureReport;
    expect(report).toMatchObject({ resourceType: 'MeasureReport', type: 'summary', period: { start: '2026-01-01', end: '2026-12-31' } });
  });

  it('names a broken file and exits 2 without a summary line', { timeout: 120_000 }, async () => {
    const broken = join(dir, 'broken');
    await rm(broken, { recursive: true, force: true });
    await mkdir(broken);
    await writeFile(join(broken, 'bad.json'), '{"resourceType": "Bundle", "type": "collection", "entry": [');
    const result = await run(['--data', broken]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/cannot read the data: .*bad\.json: not valid JSON/);
  });

  it('explains a bad option', { timeout: 120_000 }, async () => {
    const result = await run(['--data', dir, '--measure', 'CMS999']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--measure needs CMS159, CMS2, program or all \(or a list: CMS2,program\), got "CMS999"/);
  });
});
