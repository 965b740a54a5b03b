/**
 * `npm run population -- --patients 100000 --out DIR [--seed S] [--clinic-size N] [--today yyyy-MM-dd]`:
 * a synthetic primary care population as NDJSON, for `npm run measures -- --data DIR` or
 * `npm start -- --data DIR`.
 */
import { parseArgs } from 'node:util';
import { progressBar } from '../../src/measures/ecqm/node/progressBar.ts';
import { writePopulation } from './generatePopulation.ts';

const USAGE = `Usage: npm run population -- --patients N --out DIR [--seed S] [--clinic-size N] [--today yyyy-MM-dd]

Writes a synthetic primary care population as NDJSON, one file per resource type: clinics of
--clinic-size patients (default 2000), each with a collaborative care panel (a tenth of its
patients: diagnoses, PHQ-9 histories, enrolment) among patients who only have visits and
PHQ-2 screens. The same seed and day give the same files.
`;

function fail(message: string): never {
  process.stderr.write(`population: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        patients: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        'clinic-size': { type: 'string' },
        today: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const patients = Number(values.patients);
  if (!/^\d+$/.test(String(values.patients ?? '')) || patients < 1) fail('--patients needs a whole number of at least 1');
  if (typeof values.out !== 'string' || !values.out) fail('--out needs a folder');
  const clinicSize = values['clinic-size'] === undefined ? undefined : Number(values['clinic-size']);
  if (clinicSize !== undefined && (!Number.isInteger(clinicSize) || clinicSize < 1)) fail('--clinic-size needs a whole number of at least 1');
  const today = values.today;
  if (today !== undefined && (typeof today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today)))) fail('--today needs a date as yyyy-MM-dd');
  const bar = progressBar('Patients'.padEnd(9), 'patients');
  const started = performance.now();
  const summary = await writePopulation({
    patients,
    out: values.out,
    ...(typeof values.seed === 'string' ? { seed: values.seed } : {}),
    ...(clinicSize ? { clinicSize } : {}),
    ...(typeof today === 'string' ? { now: new Date(`${today}T00:00:00Z`) } : {}),
    onProgress: (done, total) => bar.update(done, total),
  });
  bar.finish();
  process.stdout.write(`${JSON.stringify({ ...summary, seconds: Math.round((performance.now() - started) / 100) / 10 })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`population: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
