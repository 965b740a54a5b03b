/**
 * Every official test case CMS publishes for both measures, run through the registry's own
 * path: the sandbox's `--data` loader reads the folder, `patientBundlesByFile` groups it, and
 * `evaluateMeasure` runs the vendored ELM in bounded chunks. Each patient's populations must
 * equal the case's expected MeasureReport: 67 for CMS159, 36 for CMS2.
 */
import type { MeasureReport, Resource } from '@medplum/fhirtypes';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMeasureDataByFile } from './node/loadData';
import { evaluateMeasure } from './evaluate';
import { MEASURE_IDS, POPULATIONS, type PopulationCode } from './measures';
import { packageDir, readMeasureBundle } from './node/measurePackage';
import { patientBundlesByFile } from './patientBundles';

const PERIOD = { start: '2026-01-01', end: '2026-12-31' };
const EXPECTED_CASES = { CMS159: 67, CMS2: 36 };

function expectedCounts(report: MeasureReport): Record<PopulationCode, number> {
  const out = Object.fromEntries(POPULATIONS.map((p) => [p, 0])) as Record<PopulationCode, number>;
  for (const p of report.group?.[0]?.population ?? []) out[p.code?.coding?.[0]?.code as PopulationCode] = p.count ?? 0;
  return out;
}

describe.each(MEASURE_IDS)('%s official test cases', (id) => {
  it('every case lands in exactly the expected populations', { timeout: 600_000 }, async () => {
    const dir = join(packageDir(id), 'tests');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
    // Each case file is one test patient with its expected MeasureReport.
    const byFile: Resource[][] = await loadMeasureDataByFile(dir);
    const expected = new Map<string, Record<PopulationCode, number>>();
    for (const own of byFile) {
      const patient = own.find((r) => r.resourceType === 'Patient')?.id;
      const report = own.find((r): r is MeasureReport => r.resourceType === 'MeasureReport');
      if (patient && report) expected.set(patient, expectedCounts(report));
    }
    const patients = patientBundlesByFile(byFile);
    expect(files.length).toBe(EXPECTED_CASES[id]);
    expect(patients.length).toBe(EXPECTED_CASES[id]);
    expect(expected.size).toBe(EXPECTED_CASES[id]);

    const evaluation = await evaluateMeasure(id, await readMeasureBundle(id), patients, PERIOD);
    const mismatches = evaluation.results.flatMap((r) => {
      const want = expected.get(r.patientId);
      const got = Object.fromEntries(POPULATIONS.map((p) => [p, r.populations[p] ? 1 : 0]));
      return want && POPULATIONS.every((p) => got[p] === want[p]) && !r.error ? [] : [{ patient: r.patientId, want, got, error: r.error }];
    });
    expect(mismatches).toEqual([]);
    expect(evaluation.results.length).toBe(EXPECTED_CASES[id]);
    // The "why" of the drill-down: every patient in the initial population has the main
    // library's statements that bore on it, and someone in the numerator met one of them.
    const inPopulation = evaluation.results.filter((r) => r.populations['initial-population']);
    expect(inPopulation.filter((r) => r.statements.length === 0).map((r) => r.patientId)).toEqual([]);
    expect(evaluation.results.some((r) => r.populations.numerator && r.statements.some((s) => s.met))).toBe(true);
  });
});
