/**
 * `npm run measures`: the registry's eCQMs from the command line, over the same loader and
 * engine call as the app. One JSON summary line per measure on stdout; the MeasureReports in
 * --out; progress on stderr; a broken input file stops the run with its name and what is wrong.
 */
import { mkdir } from 'node:fs/promises';
import { evaluateMeasure } from '../evaluate';
import { compareStrings } from '../../../clinical/read/references';
import type { PatientResult } from '../engine';
import type { MeasureId } from '../measures';
import { ownerOf, patientBundlesByFile } from '../patientBundles';
import { emitProgram, programInput } from '../../report/emitProgram';
import { addReference, emptyReferenceData, programPatientOf } from '../../report/programPatients';
import { CliError, MEASURES_USAGE, parseMeasuresArgs } from './cliArgs';
import { DataLoadError, loadMeasureDataByFile } from './loadData';
import { readMeasureBundle } from './measurePackage';
import { emitMeasure } from './emitResults';
import { progressBar } from './progressBar';
import { mergePartials, runPopulation } from '../../population/runPopulation';
import { BulkError } from '../../population/bulkError';
import { exportForMeasures } from '../../population/exportForMeasures';

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'merge') {
    const rest = argv.slice(1);
    const outAt = rest.indexOf('--out');
    const out = outAt >= 0 ? rest[outAt + 1] : undefined;
    const dirs = outAt >= 0 ? rest.filter((_, i) => i !== outAt && i !== outAt + 1) : rest;
    if (dirs.length === 0 || (outAt >= 0 && !out)) throw new CliError('merge needs the folders of the shards: npm run measures -- merge DIR... [--out DIR]');
    await mergePartials(dirs, out);
    return 0;
  }
  const opts = parseMeasuresArgs(argv);
  if (opts.help) {
    process.stdout.write(MEASURES_USAGE);
    return 0;
  }
  let dataPath = opts.data;
  if (opts.fhir) {
    const { url, clientId, key, group, kid } = opts.fhir;
    const exported = await exportForMeasures({ fhir: url, clientId: clientId!, key: key!, out: opts.out ?? '.measures-export', program: opts.program.enabled, ...(group ? { group } : {}), ...(kid ? { kid } : {}) });
    dataPath = exported.folder;
  }
  if (opts.workers !== undefined || opts.shard) {
    await runPopulation({
      data: dataPath!,
      measures: opts.measures,
      period: opts.period,
      chunkSize: opts.chunkSize,
      program: opts.program,
      ...(opts.out ? { out: opts.out } : {}),
      ...(opts.workers ? { workers: opts.workers } : {}),
      ...(opts.shard ? { shard: opts.shard } : {}),
    });
    return 0;
  }
  const reading = progressBar('Reading'.padEnd(9), 'files');
  const files = await loadMeasureDataByFile(dataPath!, (done, total) => reading.update(done, total));
  reading.finish();
  const patients = patientBundlesByFile(files);
  if (patients.length === 0) throw new DataLoadError(`${dataPath}: no Patient resources found, so no measure can be run`);
  if (opts.out) await mkdir(opts.out, { recursive: true });
  const generatedAt = new Date().toISOString();
  const results: Partial<Record<MeasureId, PatientResult[]>> = {};
  for (const id of opts.measures) {
    const bar = progressBar(id.padEnd(9), 'patients');
    const evaluation = await evaluateMeasure(id, await readMeasureBundle(id), patients, opts.period, { chunkSize: opts.chunkSize, onProgress: (d, t) => bar.update(d, t) });
    bar.finish();
    await emitMeasure(await readMeasureBundle(id), evaluation, opts.out, generatedAt);
    results[id] = evaluation.results;
  }
  if (opts.program.enabled) {
    const reference = emptyReferenceData();
    for (const file of files) for (const r of file) if (ownerOf(r) === undefined) addReference(reference, r);
    const options = { today: opts.program.today, timeZone: opts.program.timeZone };
    // In patient order, as the population run and merge give them: the same files whichever way the run went.
    const program = patients
      .map((p) => programPatientOf(p.patientId, (p.bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])), reference, options))
      .sort((a, b) => compareStrings(a.id, b.id));
    await emitProgram(programInput(program, results, opts.period, opts.program, reference.names), opts.out, generatedAt, opts.fhir?.url ?? dataPath!);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliError) process.stderr.write(`measures: ${error.message}\n\n${MEASURES_USAGE}`);
    else if (error instanceof DataLoadError) process.stderr.write(`measures: cannot read the data: ${error.message}\n`);
    else if (error instanceof BulkError) process.stderr.write(`measures: the export did not finish: ${error.message}\n`);
    else process.stderr.write(`measures: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(error instanceof CliError || error instanceof DataLoadError || error instanceof BulkError ? 2 : 1);
  },
);
