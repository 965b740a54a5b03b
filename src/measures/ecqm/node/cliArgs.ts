/** Options of `npm run measures`; errors are CliErrors worded for the terminal. */
import { isMeasureId, MEASURE_IDS, type MeasureId, type MeasurementPeriod } from '../measures';
import { parseFlags } from '../../../shared/parseFlags';

export interface MeasuresCliOptions {
  data?: string;
  measures: MeasureId[];
  period: MeasurementPeriod;
  out?: string;
  chunkSize: number;
  help: boolean;
}

export const MEASURES_USAGE = `Usage: npm run measures -- --data PATH [options]

Runs the CMS eCQMs CMS159 (depression remission at 12 months) and CMS2 (depression screening
and follow-up plan) from CMS's published logic over FHIR data, and prints one JSON line per
measure with its population counts and rate.

Options:
  --data PATH            FHIR JSON Bundles or NDJSON: a file or a folder (as npm start --data)
  --measure M            CMS159 | CMS2 | all (default all)
  --period-start DATE    first day of the measurement period, yyyy-MM-dd (default 2026-01-01)
  --period-end DATE      last day of the measurement period, yyyy-MM-dd (default 2026-12-31)
  --out DIR              also write the MeasureReports there: <measure>-summary.json and
                         <measure>-individual.ndjson (one report per patient)
  --chunk-size N         patients per engine call (default 25; memory grows with it)
  --help                 this text
`;

export class CliError extends Error {}

function date(name: string, value: string | undefined): string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new CliError(`${name} needs a date as yyyy-MM-dd, got ${value === undefined ? 'nothing' : `"${value}"`}`);
  }
  return value;
}

export function parseMeasuresArgs(argv: readonly string[]): MeasuresCliOptions {
  const opts: MeasuresCliOptions = { measures: [...MEASURE_IDS], period: { start: '2026-01-01', end: '2026-12-31' }, chunkSize: 25, help: false };
  parseFlags(argv, (message) => new CliError(message), ({ flag, arg, value, required }) => {
    switch (flag) {
      case '--help':
      case '-h':
        opts.help = true;
        break;
      case '--data':
        opts.data = required('--data needs a file or folder');
        break;
      case '--measure': {
        const v = value() ?? '';
        if (v.toLowerCase() === 'all') opts.measures = [...MEASURE_IDS];
        else if (isMeasureId(v.toUpperCase())) opts.measures = [v.toUpperCase() as MeasureId];
        else throw new CliError(`--measure needs CMS159, CMS2 or all, got "${v}"`);
        break;
      }
      case '--period-start':
        opts.period = { ...opts.period, start: date('--period-start', value()) };
        break;
      case '--period-end':
        opts.period = { ...opts.period, end: date('--period-end', value()) };
        break;
      case '--out':
        opts.out = required('--out needs a folder');
        break;
      case '--chunk-size': {
        const v = value();
        if (!v || !/^\d+$/.test(v) || Number(v) < 1) throw new CliError(`--chunk-size needs a whole number of at least 1, got ${v === undefined ? 'nothing' : `"${v}"`}`);
        opts.chunkSize = Number(v);
        break;
      }
      default:
        throw new CliError(`unknown option "${arg}"`);
    }
  });
  if (!opts.help && !opts.data) throw new CliError('--data PATH is required');
  if (opts.period.start > opts.period.end) throw new CliError(`the period starts (${opts.period.start}) after it ends (${opts.period.end})`);
  return opts;
}
