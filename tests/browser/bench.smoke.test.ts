/**
 * `npm run bench` still runs and prints every named figure: a smoke run on tiny panels, one
 * repetition each. Timings are never asserted (they depend on the machine and its load);
 * each figure must be a number, or null with the reason it was skipped.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

interface Figure {
  name: string;
  value: number | null;
  unit: string;
  skipped?: string;
  [context: string]: unknown;
}

const NAMED = [
  'initial_js_gzip_bytes',
  'initial_css_gzip_bytes',
  'lazy_chunk_gzip_bytes',
  'clinical_model_ms_per_1000_patients',
  'ecqm_ms_per_patient',
  'ecqm_engine_ms_per_patient',
  'population_patients_per_s',
  'population_peak_rss_bytes',
  'launch_to_chart_ms',
  'chart_after_data_ms',
  'sequential_round_trips',
  'fhir_requests_patient_view',
  'bytes_transferred_patient_view',
  'caseload_first_rows_ms',
  'caseload_all_rows_ms',
  'caseload_sort_ms',
  'caseload_filter_ms',
  'caseload_js_heap_bytes',
  'caseload_program_all_rows_ms',
  'caseload_5000_all_rows_ms',
  'caseload_5000_js_heap_bytes',
  'program_measures_ms',
  'machine_reference_ms',
];

let figures: Figure[] = [];
let stdout = '';

beforeAll(async () => {
  const run = await promisify(execFile)('npx', ['tsx', 'bench/run.ts', '--smoke'], { cwd: ROOT, timeout: 150_000, maxBuffer: 16 * 1024 * 1024 });
  stdout = run.stdout;
  figures = stdout
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Figure);
}, 160_000);

describe('npm run bench (smoke)', () => {
  it('prints only JSON lines, each with a name, a value and a unit', () => {
    expect(figures.length).toBeGreaterThan(NAMED.length);
    for (const f of figures) {
      expect(typeof f.name).toBe('string');
      expect(typeof f.unit).toBe('string');
      expect(f.value === null || typeof f.value === 'number').toBe(true);
    }
  });

  it.each(NAMED)('prints %s as a number or with the reason it was skipped', (name) => {
    const lines = figures.filter((f) => f.name === name);
    expect(lines.length, `${name} missing from:\n${stdout}`).toBeGreaterThan(0);
    for (const f of lines) {
      if (f.value === null) expect(f.skipped, JSON.stringify(f)).toMatch(/\S/);
      else expect(Number.isFinite(f.value)).toBe(true);
    }
  });

  it('times the machine reference at the start and at the end, to read the other timings against', () => {
    const references = figures.filter((f) => f.name === 'machine_reference_ms');
    expect(references.map((f) => f.when)).toEqual(['start', 'end']);
    for (const f of references) expect(f.value).toBeGreaterThan(0);
  });

  it('times the launch at both latencies for a typical patient and a ten-year history, medians with min and max', () => {
    const launches = figures.filter((f) => f.name === 'launch_to_chart_ms');
    const seen = launches.map((f) => `${String(f.patient)}@${String(f.latency_ms)}`).sort();
    expect(seen).toEqual(['10-year@0', '10-year@40', 'typical@0', 'typical@40']);
    for (const f of launches.filter((l) => l.value !== null)) {
      expect(f.min).toBeTypeOf('number');
      expect(f.max).toBeTypeOf('number');
    }
    expect(
      figures
        .filter((f) => f.name === 'sequential_round_trips')
        .map((f) => f.patient)
        .sort(),
    ).toEqual(['10-year', 'typical']);
  });
});
