/**
 * The prefilter is exact: run unfiltered (the engine for every patient) and filtered (the
 * engine only for patients the prefilter keeps), every patient's populations are the same,
 * over all 103 official cases and over a sample of the generated population (npm run
 * population); and the filter does leave patients out, so the proof is not empty. The bench
 * repeats it over 2,000 generated patients (bench/ecqm.ts, `ecqm_prefilter_skipped`).
 */
import type { Resource } from '@medplum/fhirtypes';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePopulation } from '../../../sandbox/population/generatePopulation';
import type { PatientResult } from './engine';
import { evaluateMeasure } from './evaluate';
import { MEASURE_IDS, POPULATIONS, type MeasureId } from './measures';
import { loadMeasureDataByFile } from './node/loadData';
import { packageDir, readMeasureBundle } from './node/measurePackage';
import { patientBundles, patientBundlesByFile, type PatientBundle } from './patientBundles';

const PERIOD = { start: '2026-01-01', end: '2026-12-31' };
/** Patients of the generated sample: a clinic with a third of them on the collaborative care panel. */
const SAMPLE = 90;

const landing = (r: PatientResult): string => `${r.patientId} ${POPULATIONS.filter((p) => r.populations[p]).join(',')}${r.error ? ` error ${r.error}` : ''}`;

async function compare(measure: MeasureId, patients: readonly PatientBundle[]): Promise<{ skipped: number; inPopulation: number }> {
  const bundle = await readMeasureBundle(measure);
  const unfiltered = await evaluateMeasure(measure, bundle, patients, PERIOD, { prefilter: false });
  const filtered = await evaluateMeasure(measure, bundle, patients, PERIOD);
  expect(filtered.results.map(landing)).toEqual(unfiltered.results.map(landing));
  expect(filtered.summary).toEqual(unfiltered.summary);
  // A patient left out is one the engine put in no population.
  const skipped = filtered.results.filter((r) => r.prefiltered);
  expect(skipped.every((r) => POPULATIONS.every((p) => !r.populations[p]))).toBe(true);
  return { skipped: skipped.length, inPopulation: unfiltered.summary.initialPopulation };
}

describe.each(MEASURE_IDS)('%s prefilter', (measure) => {
  it('changes no official case', { timeout: 600_000 }, async () => {
    const files = await loadMeasureDataByFile(join(packageDir(measure), 'tests'));
    const { skipped, inPopulation } = await compare(measure, patientBundlesByFile(files));
    expect(skipped).toBeGreaterThan(0);
    expect(inPopulation).toBeGreaterThan(0);
  });
});

describe('prefilter over a generated population', () => {
  let work: string;
  let patients: PatientBundle[];
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'cocm-prefilter-'));
    await writePopulation({ patients: SAMPLE, out: work, seed: 'prefilter', now: new Date('2026-12-01T00:00:00Z'), cocmShare: 0.35 });
    const resources: Resource[] = [];
    for (const f of await readdir(work)) {
      for (const line of (await readFile(join(work, f), 'utf8')).split('\n')) if (line) resources.push(JSON.parse(line) as Resource);
    }
    // The panel keeps older PHQ-9 totals as Quantities, which CMS159 does not count (its ELM takes the
    // value `as Integer`); as integers, as the registry writes them, some patients reach its population.
    for (const r of resources) {
      if (r.resourceType !== 'Observation' || !r.valueQuantity || !r.code.coding?.some((c) => c.code === '44261-6')) continue;
      r.valueInteger = r.valueQuantity.value;
      delete r.valueQuantity;
    }
    patients = patientBundles(resources);
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it.each(MEASURE_IDS)('%s: the same result for every patient', { timeout: 600_000 }, async (measure) => {
    expect(patients.length).toBe(SAMPLE);
    const { skipped, inPopulation } = await compare(measure, patients);
    expect(skipped).toBeGreaterThan(0);
    expect(inPopulation).toBeGreaterThan(0);
  });
});
