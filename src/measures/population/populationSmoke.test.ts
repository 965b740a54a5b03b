/**
 * Issue 19's smoke run inside `npm test`: the generator and the population pipeline as an
 * analyst runs them, on 2,000 patients. `npm run population` writes the NDJSON, then
 * `npm run measures -- --workers 0 --measure all --out` partitions it, evaluates CMS159, CMS2
 * and the program measures on a worker per core (at the default heap limit) and writes every
 * output. Equality with the in-memory run is populationRun.test.ts's check; this one is the
 * whole path at a believable size.
 */
import type { MeasureReport } from '@medplum/fhirtypes';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMeasuresCli, runPopulationCli } from '../ecqm/node/measuresCli.testkit';

const PATIENTS = 2000;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'population-smoke-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('the population pipeline on 2,000 generated patients', () => {
  it('generates the NDJSON and writes every measure and report from it', { timeout: 900_000 }, async () => {
    const data = join(work, 'data');
    const generated = await runPopulationCli(['--patients', String(PATIENTS), '--out', data, '--seed', 'smoke', '--today', '2026-12-01']);
    expect(generated.code, generated.stderr).toBe(0);
    expect(JSON.parse(generated.stdout.trim().split('\n').at(-1)!)).toMatchObject({ patients: PATIENTS });
    expect((await readdir(data)).filter((f) => f.endsWith('.ndjson'))).toEqual(expect.arrayContaining(['Patient.ndjson', 'Observation.ndjson', 'Encounter.ndjson']));

    const out = join(work, 'results');
    const args = ['--data', data, '--workers', '0', '--measure', 'all', '--period-start', '2026-01-01', '--period-end', '2026-12-31', '--today', '2026-12-01', '--time-zone', 'UTC', '--out', out];
    const run = await runMeasuresCli(args, 900_000);
    expect(run.code, run.stderr).toBe(0);

    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { measure: string; initialPopulation?: number; numerator?: number | null; denominator?: number });
    const byMeasure = new Map(lines.map((l) => [l.measure, l]));
    // Most of a primary care population has a visit in the year: CMS2's initial population.
    expect(byMeasure.get('CMS2')?.initialPopulation).toBeGreaterThan(PATIENTS / 2);
    expect(byMeasure.get('CMS2')?.numerator).toBeGreaterThan(0);
    // CMS159 is about the depressed with a PHQ-9 above 9: the collaborative care panels.
    expect(byMeasure.get('CMS159')?.initialPopulation).toBeGreaterThan(0);
    expect(byMeasure.get('CMS159')!.initialPopulation!).toBeLessThan(PATIENTS / 2);
    expect(byMeasure.get('screening-rate')?.denominator).toBeGreaterThan(PATIENTS / 2);
    expect(lines.length).toBeGreaterThan(2);

    for (const measure of ['CMS159', 'CMS2']) {
      const individual = (await readFile(join(out, `${measure}-individual.ndjson`), 'utf8')).split('\n').filter(Boolean);
      expect(individual, measure).toHaveLength(PATIENTS);
      expect(new Set(individual.map((l) => (JSON.parse(l) as MeasureReport).subject?.reference)).size, measure).toBe(PATIENTS);
      const summary = JSON.parse(await readFile(join(out, `${measure}-summary.json`), 'utf8')) as MeasureReport;
      expect(summary.type).toBe('summary');
    }
    expect((await readdir(join(out, 'csv'))).length).toBeGreaterThan(3);
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('<caption>Program measures by month</caption>');
    // The partitioned buckets are working files: nothing of them is left beside the results.
    expect((await readdir(out)).filter((f) => f.startsWith('.buckets'))).toEqual([]);
  });
});
