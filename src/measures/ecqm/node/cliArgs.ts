/** Options of `npm run measures`; errors are CliErrors worded for the terminal. */
import { isMeasureId, MEASURE_IDS, type MeasureId, type MeasurementPeriod } from '../measures';
import { parseFlags } from '../../../shared/parseFlags';
import { localDateOf } from '../../../clinical';
import { DEFAULT_WORKER_HEAP_MB } from '../../population/evaluationPool';

export interface MeasuresCliOptions {
  data?: string;
  /** Bulk Data export from a FHIR server instead of --data (SMART Backend Services). */
  fhir?: { url: string; group?: string; clientId?: string; key?: string; kid?: string };
  /** `--since INSTANT|last`: with --fhir, export only what changed and evaluate only the changed patients. */
  since?: string;
  /** The eCQMs to run (possibly none, with --measure program). */
  measures: MeasureId[];
  /** The CoCM program measures (docs/program-measures.md): with --measure all or program. */
  program: ProgramRunOptions;
  period: MeasurementPeriod;
  out?: string;
  chunkSize: number;
  /** Worker threads for a population run (partitioned, streamed); absent: the in-memory run. */
  workers?: number;
  /** Each worker's JavaScript heap limit in MB (`--worker-heap-mb`; 0: Node's own). */
  workerHeapMb: number;
  /** `--shard K/N`: only the K-th of N disjoint patient shards (a partial result for `merge`). */
  shard?: { index: number; count: number };
  help: boolean;
}

export interface ProgramRunOptions {
  enabled: boolean;
  /** The clinic's date the episodes' gap rule and the care gaps go by (yyyy-MM-dd). */
  today: string;
  /** The clinic's time zone: calendar months and the days of dated records. */
  timeZone: string;
  /** Suppress small cells (the tab's "Suppress small cells" switch): sharedSmallCellThreshold. */
  suppress: boolean;
}

export const MEASURES_USAGE = `Usage: npm run measures -- --data PATH [options]
       npm run measures -- --fhir URL --group ID --client-id ID --key FILE [options]

Runs the CMS eCQMs CMS159 (depression remission at 12 months) and CMS2 (depression screening
and follow-up plan) from CMS's published logic, and the CoCM program measures of the
registry's Program tab, over FHIR data, and prints one JSON line per measure with its counts
and rate. With --out, also the MeasureReports, a CSV per table and report.html (one
self-contained file: tables, month-by-month charts, strata, care gaps).

Options:
  --data PATH            FHIR JSON Bundles or NDJSON: a file or a folder (as npm start --data)
  --fhir URL             or: export the data from this FHIR server (Bulk Data, as a
                         SMART Backend Services client), into <--out>/export
  --group ID             with --fhir: export this Group's patients (default: every patient)
  --client-id ID         with --fhir: the backend client id registered with the server
  --key FILE             with --fhir: the client's private key, a JWK or PKCS#8 PEM
                         (RS384 or ES384)
  --kid KID              with --fhir: the key id to send, when the key file has none
  --since INSTANT|last   with --fhir and the --out of an earlier run: export only what changed
                         since the instant (last: since that run's export), merge it into
                         its export and evaluate only the changed patients (deleted records
                         are not seen: run without --since now and then)
  --measure M            CMS159 | CMS2 | program | all, or a list such as CMS2,program
                         (default all: both eCQMs and the program measures)
  --period-start DATE    first day of the measurement period, yyyy-MM-dd (default 2026-01-01)
  --period-end DATE      last day of the measurement period, yyyy-MM-dd (default 2026-12-31)
  --out DIR              also write there: <measure>-summary.json and
                         <measure>-individual.ndjson (one report per patient) per eCQM;
                         program-summary.json and program-subject-list.json (MeasureReports),
                         csv/*.csv (every table) and report.html
  --today DATE           the clinic's date for the care gaps and open episodes (default today)
  --time-zone TZ         the clinic's time zone, e.g. America/Chicago (default this machine's)
  --suppress             suppress counts under the shared small-cell threshold (11)
  --chunk-size N         patients per engine call (default 25; memory grows with it)
  --workers N            a population too large to hold: partition the data by patient into
                         bucket files and evaluate them on N worker threads (0 = one per core)
  --worker-heap-mb N     with --workers: each worker's JavaScript heap limit, in MB (default
                         1024; 0 = Node's own, which lets a worker grow to several GB before
                         it collects). Lower it on a small machine; a bucket that does not
                         fit stops the run with its name
  --shard K/N            evaluate only the K-th of N disjoint patient shards (stable hash of
                         the patient id) and write <--out>/partial-K-of-N.json; combine the
                         shards with: npm run measures -- merge DIR... [--out DIR]
  --help                 this text
`;

export class CliError extends Error {}

/** Below this a worker cannot hold the measure packages and one bucket of patients. */
const MIN_WORKER_HEAP_MB = 256;

function date(name: string, value: string | undefined): string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new CliError(`${name} needs a date as yyyy-MM-dd, got ${value === undefined ? 'nothing' : `"${value}"`}`);
  }
  return value;
}

export function parseMeasuresArgs(argv: readonly string[]): MeasuresCliOptions {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const opts: MeasuresCliOptions = {
    measures: [...MEASURE_IDS],
    program: { enabled: true, today: localDateOf(new Date(), timeZone), timeZone, suppress: false },
    period: { start: '2026-01-01', end: '2026-12-31' },
    chunkSize: 25,
    workerHeapMb: DEFAULT_WORKER_HEAP_MB,
    help: false,
  };
  let todayGiven = false;
  parseFlags(argv, (message) => new CliError(message), ({ flag, arg, value, required }) => {
    switch (flag) {
      case '--help':
      case '-h':
        opts.help = true;
        break;
      case '--data':
        opts.data = required('--data needs a file or folder');
        break;
      case '--fhir':
      case '--group':
      case '--client-id':
      case '--key':
      case '--kid': {
        const v = required(`${flag} needs a value`);
        const field = ({ '--fhir': 'url', '--group': 'group', '--client-id': 'clientId', '--key': 'key', '--kid': 'kid' } as const)[flag];
        opts.fhir = { url: '', ...opts.fhir, [field]: v };
        break;
      }
      case '--since': {
        const v = required('--since needs an instant (2026-11-30T00:00:00Z) or last');
        if (v !== 'last' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) {
          throw new CliError(`--since needs a FHIR instant with its zone, e.g. 2026-11-30T00:00:00Z, or last, got "${v}"`);
        }
        opts.since = v;
        break;
      }
      case '--workers': {
        const v = value();
        if (!v || !/^\d+$/.test(v)) throw new CliError(`--workers needs a whole number (0 = one per core), got ${v === undefined ? 'nothing' : `"${v}"`}`);
        opts.workers = Number(v);
        break;
      }
      case '--worker-heap-mb': {
        const v = value();
        if (!v || !/^\d+$/.test(v) || (Number(v) > 0 && Number(v) < MIN_WORKER_HEAP_MB)) {
          throw new CliError(`--worker-heap-mb needs a whole number of MB, at least ${MIN_WORKER_HEAP_MB} (0 = Node's own limit), got ${v === undefined ? 'nothing' : `"${v}"`}`);
        }
        opts.workerHeapMb = Number(v);
        break;
      }
      case '--shard': {
        const v = value() ?? '';
        const m = /^(\d+)\/(\d+)$/.exec(v);
        if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new CliError(`--shard needs K/N with 1 <= K <= N, e.g. 2/8, got "${v}"`);
        opts.shard = { index: Number(m[1]), count: Number(m[2]) };
        break;
      }
      case '--measure': {
        const v = value() ?? '';
        const parts = v.split(',').map((x) => x.trim());
        const bad = parts.find((x) => x.toLowerCase() !== 'all' && x.toLowerCase() !== 'program' && !isMeasureId(x.toUpperCase()));
        if (!v || bad !== undefined) throw new CliError(`--measure needs CMS159, CMS2, program or all (or a list: CMS2,program), got "${v}"`);
        const all = parts.some((x) => x.toLowerCase() === 'all');
        opts.measures = all ? [...MEASURE_IDS] : MEASURE_IDS.filter((m) => parts.some((x) => x.toUpperCase() === m));
        opts.program = { ...opts.program, enabled: all || parts.some((x) => x.toLowerCase() === 'program') };
        break;
      }
      case '--today':
        opts.program = { ...opts.program, today: date('--today', value()) };
        todayGiven = true;
        break;
      case '--time-zone': {
        const v = required('--time-zone needs a time zone such as America/Chicago');
        try {
          new Intl.DateTimeFormat('en', { timeZone: v });
        } catch {
          throw new CliError(`--time-zone needs an IANA time zone such as America/Chicago, got "${v}"`);
        }
        opts.program = { ...opts.program, timeZone: v };
        break;
      }
      case '--suppress':
        opts.program = { ...opts.program, suppress: true };
        break;
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
  if (opts.fhir && !opts.help) {
    if (!opts.fhir.url) throw new CliError('--group, --client-id, --key and --kid go with --fhir URL');
    if (opts.data) throw new CliError('give either --data or --fhir, not both');
    if (!/^https?:\/\//.test(opts.fhir.url)) throw new CliError(`--fhir needs the server's FHIR base URL, got "${opts.fhir.url}"`);
    if (!opts.fhir.clientId || !opts.fhir.key) throw new CliError('--fhir needs --client-id and --key (a backend-services client and its private key)');
  } else if (!opts.help && !opts.data) throw new CliError('--data PATH or --fhir URL is required');
  if (opts.since && !opts.help) {
    if (!opts.fhir) throw new CliError('--since goes with --fhir (it asks the server for what changed)');
    if (!opts.out) throw new CliError('--since needs the --out folder of the earlier run (its export and results are reused)');
    if (opts.workers !== undefined || opts.shard) throw new CliError('--since runs in memory: leave out --workers and --shard');
  }
  if (!todayGiven) opts.program = { ...opts.program, today: localDateOf(new Date(), opts.program.timeZone) };
  if (opts.period.start > opts.period.end) throw new CliError(`the period starts (${opts.period.start}) after it ends (${opts.period.end})`);
  return opts;
}
