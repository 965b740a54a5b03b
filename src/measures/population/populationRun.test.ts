/**
 * The population path of `npm run measures` on a generated population: partitioned and
 * evaluated on two worker threads (at the smallest heap limit --worker-heap-mb takes) it gives exactly what the in-memory run gives, patient by
 * patient; two shards merged give the same again (the CoCM program measures too: the same
 * summary lines, CSVs and report, and the figures the program's pure functions give over the
 * same records); a broken NDJSON line is named with its file and line and the run goes on;
 * merge refuses a missing shard.
 */
import type { MeasureReport } from '@medplum/fhirtypes';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMeasuresCli } from '../ecqm/node/measuresCli.testkit';
import { writePopulation } from '../../../sandbox/population/generatePopulation';
import { computeMeasures, figuresOf } from '../../clinical/program';
import { loadMeasureDataByFile } from '../ecqm/node/loadData';
import { ownerOf, patientBundles } from '../ecqm/patientBundles';
import { addReference, emptyReferenceData, programPatientOf } from '../report/programPatients';

const BASE = ['--measure', 'CMS2,program', '--period-start', '2026-01-01', '--period-end', '2026-12-31', '--today', '2026-12-01', '--time-zone', 'UTC'];

let work: string;
let data: string;

const run = (args: string[]) => runMeasuresCli(args, 600_000);

/** Each patient's populations, from the individual MeasureReports, in patient order. */
async function landings(out: string): Promise<string[]> {
  return (await readFile(join(out, 'CMS2-individual.ndjson'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as MeasureReport)
    .map((r) => `${r.subject?.reference} ${(r.group?.[0]?.population ?? []).map((p) => `${p.code?.coding?.[0]?.code}=${p.count}`).join(' ')}`)
    .sort();
}

/** The program's summary lines as the pure functions give them over the same records, read independently of the command. */
async function expectedProgramLines(): Promise<unknown[]> {
  const files = await loadMeasureDataByFile(data);
  const reference = emptyReferenceData();
  for (const r of files.flat()) if (ownerOf(r) === undefined) addReference(reference, r);
  const patients = patientBundles(files.flat()).map((p) =>
    programPatientOf(
      p.patientId,
      (p.bundle.entry ?? []).map((e) => e.resource!),
      reference,
      { today: '2026-12-01', timeZone: 'UTC' },
    ),
  );
  const results = computeMeasures(patients, { start: '2026-01-01', end: '2026-12-31' });
  expect(results.find((r) => r.id === 'screening-rate')!.cases.length).toBeGreaterThan(100);
  expect(results.find((r) => r.id === 'active-caseload')!.cases.length).toBeGreaterThan(0);
  return results.map((r) => {
    const f = figuresOf(r.cases);
    return { measure: r.id, name: r.name, denominator: f.denominator, numerator: r.hasRate ? f.numerator : null, rate: r.hasRate && f.denominator > 0 ? f.numerator / f.denominator : null, couldNotRead: 0 };
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'population-run-'));
  data = join(work, 'data');
  await writePopulation({ patients: 160, out: data, seed: 'run-test', now: new Date('2026-12-01T00:00:00Z'), clinicSize: 80 });
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('npm run measures over a population', () => {
  it('on two worker threads equals the in-memory run; two shards merged equal it too', { timeout: 900_000 }, async () => {
    const single = await run(['--data', data, ...BASE, '--out', join(work, 'single')]);
    expect(single.code, single.stderr).toBe(0);
    const pooled = await run(['--data', data, ...BASE, '--workers', '2', '--worker-heap-mb', '256', '--out', join(work, 'pooled')]);
    expect(pooled.code, pooled.stderr).toBe(0);
    const lines = single.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = lines[0] as { measure: string; initialPopulation: number; numerator: number };
    expect(summary.measure).toBe('CMS2');
    expect(lines.slice(1)).toEqual(await expectedProgramLines());
    expect(summary.initialPopulation).toBeGreaterThan(100);
    expect(summary.numerator).toBeGreaterThan(0);
    expect(pooled.stdout).toBe(single.stdout);
    const expected = await landings(join(work, 'single'));
    expect(await landings(join(work, 'pooled'))).toEqual(expected);

    const one = await run(['--data', data, ...BASE, '--workers', '1', '--shard', '1/2', '--out', join(work, 'shard1')]);
    const two = await run(['--data', data, ...BASE, '--workers', '1', '--shard', '2/2', '--out', join(work, 'shard2')]);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(one.stdout).toBe('');
    const p1 = JSON.parse(await readFile(join(work, 'shard1', 'partial-1-of-2.json'), 'utf8')) as { patients: number };
    const p2 = JSON.parse(await readFile(join(work, 'shard2', 'partial-2-of-2.json'), 'utf8')) as { patients: number };
    expect(p1.patients + p2.patients).toBe(160);
    expect(p1.patients).toBeGreaterThan(40);
    const merged = await run(['merge', join(work, 'shard1'), join(work, 'shard2'), '--out', join(work, 'merged')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(single.stdout);
    expect(await landings(join(work, 'merged'))).toEqual(expected);
    for (const file of ['csv/program-measures.csv', 'csv/program-measures-by-month.csv', 'csv/program-measures-by-pcp.csv', 'csv/care-gaps-phq9-overdue.csv']) {
      expect(await readFile(join(work, 'merged', file), 'utf8'), file).toBe(await readFile(join(work, 'single', file), 'utf8'));
    }
    const html = await readFile(join(work, 'merged', 'report.html'), 'utf8');
    expect(html.replace(/made \S+|Data: [^<]+/g, '')).toBe((await readFile(join(work, 'single', 'report.html'), 'utf8')).replace(/made \S+|Data: [^<]+/g, ''));
    expect(html).toContain('<caption>Program measures by month</caption>');

    const missing = await run(['merge', join(work, 'shard1')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/shard\(s\) 2 of 2 are missing/);
  });

  it('names a broken line with its file and line number and evaluates the rest', { timeout: 600_000 }, async () => {
    await appendFile(join(data, 'Observation.ndjson'), '{"resourceType": "Observation", broken\n');
    const result = await run(['--data', data, ...BASE, '--workers', '1', '--out', join(work, 'broken')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Observation\.ndjson:\d+: skipped, not JSON/);
    expect(result.stderr).toMatch(/1 line\(s\) could not be read/);
    expect(JSON.parse(result.stdout.trim().split('\n')[0]!)).toMatchObject({ measure: 'CMS2' });
  });
});
