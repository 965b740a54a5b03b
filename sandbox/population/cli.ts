/**
 * `npm run population -- --patients 100000 --out DIR [--seed S] [--clinic-size N] [--today yyyy-MM-dd]`:
 * a synthetic primary care population as NDJSON, for `npm run measures -- --data DIR` or
 * `npm start -- --data DIR`.
 */
import { parseFlags } from '../../src/shared/parseFlags.ts';
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
  let patients = 0;
  let out: string | undefined;
  let seed: string | undefined;
  let clinicSize: number | undefined;
  let today: string | undefined;
  let help = false;
  try {
    parseFlags(
      process.argv.slice(2),
      (message) => new Error(message),
      ({ flag, arg, value, required }) => {
        switch (flag) {
          case '--help':
          case '-h':
            help = true;
            break;
          case '--patients': {
            const v = value() ?? '';
            if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error('--patients needs a whole number of at least 1');
            patients = Number(v);
            break;
          }
          case '--out':
            out = required('--out needs a folder');
            break;
          case '--seed':
            seed = required('--seed needs a value');
            break;
          case '--clinic-size': {
            const v = value() ?? '';
            if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error('--clinic-size needs a whole number of at least 1');
            clinicSize = Number(v);
            break;
          }
          case '--today': {
            const v = value() ?? '';
            if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new Error('--today needs a date as yyyy-MM-dd');
            today = v;
            break;
          }
          default:
            throw new Error(`unknown option "${arg}"`);
        }
      },
    );
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (help) {
    process.stdout.write(USAGE);
    return;
  }
  if (patients < 1) fail('--patients needs a whole number of at least 1');
  if (!out) fail('--out needs a folder');
  const bar = progressBar('Patients'.padEnd(9), 'patients');
  const started = performance.now();
  const summary = await writePopulation({
    patients,
    out,
    ...(seed !== undefined ? { seed } : {}),
    ...(clinicSize ? { clinicSize } : {}),
    ...(today !== undefined ? { now: new Date(`${today}T00:00:00Z`) } : {}),
    onProgress: (done, total) => bar.update(done, total),
  });
  bar.finish();
  process.stdout.write(`${JSON.stringify({ ...summary, seconds: Math.round((performance.now() - started) / 100) / 10 })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`population: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
