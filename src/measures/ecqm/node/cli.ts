/**
 * `npm run measures`: the registry's eCQMs from the command line, over the same loader and
 * engine call as the app. One JSON summary line per measure on stdout; the MeasureReports in
 * --out; progress on stderr; a broken input file stops the run with its name and what is wrong.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProgramPatient } from '../../../clinical/program';
import { evaluateMeasure } from '../evaluate';
import { compareStrings } from '../../../clinical/read/references';
import type { PatientResult } from '../engine';
import type { MeasureId } from '../measures';
import { ownerOf, patientBundles, patientBundlesByFile } from '../patientBundles';
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
import { cacheMismatch, changesFileName, mergeChanges, readRunCache, removeChanges, RUN_STATE_FILE, writeRunCache, type RunCache } from '../../population/sinceRun';
import { summarize } from '../summary';

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
  /** With --fhir: the export's transaction time (kept for a later --since) and, with --since, the previous results and the changed patients. */
  let fhirRun: { transactionTime: string; since?: { cache: RunCache; changed: Set<string> } } | undefined;
  if (opts.fhir) {
    const { url, clientId, key, group, kid } = opts.fhir;
    const out = opts.out ?? '.measures-export';
    const source = { fhir: url, clientId: clientId!, key: key!, out, program: opts.program.enabled, ...(group ? { group } : {}), ...(kid ? { kid } : {}) };
    if (opts.since) {
      const cache = await readRunCache(out);
      if (!cache) throw new CliError(`--since needs an earlier --fhir run's results in ${out} (${RUN_STATE_FILE}); run once without --since`);
      const mismatch = cacheMismatch(cache, opts.period, opts.measures, opts.program);
      if (mismatch) throw new CliError(`--since cannot reuse the earlier run in ${out}: ${mismatch}. Run without --since, or with the same options`);
      const since = opts.since === 'last' ? cache.transactionTime : opts.since;
      process.stderr.write(`Exporting what changed since ${since}\n`);
      const delta = await exportForMeasures({ ...source, since, folder: 'export-since' });
      const merged = await mergeChanges(join(out, 'export'), delta.files.map((f) => f.path), changesFileName(delta.transactionTime || since));
      await rm(delta.folder, { recursive: true, force: true });
      process.stderr.write(`${merged.resources} resource(s) changed, of ${merged.patients.size} patient(s): evaluating those again, the others keep their results\n`);
      fhirRun = { transactionTime: delta.transactionTime || cache.transactionTime, since: { cache, changed: merged.patients } };
      dataPath = join(out, 'export');
    } else {
      // A full export: changes merged by earlier --since runs belong to the export it replaces.
      await removeChanges(join(out, 'export'));
      const exported = await exportForMeasures(source);
      fhirRun = { transactionTime: exported.transactionTime };
      dataPath = exported.folder;
    }
  }
  if (opts.workers !== undefined || opts.shard) {
    await runPopulation({
      data: dataPath!,
      measures: opts.measures,
      period: opts.period,
      chunkSize: opts.chunkSize,
      workerHeapMb: opts.workerHeapMb,
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
  // An export is filed by reference (one file per type): a file holding one Patient (a --since run's changes) is not that patient's whole record.
  const patients = fhirRun ? patientBundles(files.flat()) : patientBundlesByFile(files);
  if (patients.length === 0) throw new DataLoadError(`${dataPath}: no Patient resources found, so no measure can be run`);
  if (opts.out) await mkdir(opts.out, { recursive: true });
  const generatedAt = new Date().toISOString();
  const results: Partial<Record<MeasureId, PatientResult[]>> = {};
  const since = fhirRun?.since;
  // With --since only the changed patients are evaluated; the others keep the earlier run's results.
  const present = new Set(patients.map((p) => p.patientId));
  const reuse = (id: string) => since !== undefined && !since.changed.has(id) && present.has(id);
  const toEvaluate = since ? patients.filter((p) => since.changed.has(p.patientId)) : patients;
  for (const id of opts.measures) {
    const bar = progressBar(id.padEnd(9), 'patients');
    const evaluation = await evaluateMeasure(id, await readMeasureBundle(id), toEvaluate, opts.period, { chunkSize: opts.chunkSize, onProgress: (d, t) => bar.update(d, t) });
    bar.finish();
    if (since) {
      const all = [...(since.cache.results[id] ?? []).filter((r) => reuse(r.patientId)), ...evaluation.results].sort((a, b) => compareStrings(a.patientId, b.patientId));
      evaluation.results = all;
      evaluation.summary = summarize(id, all);
    }
    await emitMeasure(await readMeasureBundle(id), evaluation, opts.out, generatedAt);
    results[id] = evaluation.results;
  }
  let program: ProgramPatient[] = [];
  if (opts.program.enabled) {
    const reference = emptyReferenceData();
    for (const file of files) for (const r of file) if (ownerOf(r) === undefined) addReference(reference, r);
    const options = { today: opts.program.today, timeZone: opts.program.timeZone };
    // A patient's model depends on the day (open episodes): reused only when the day is the same.
    const kept = since && since.cache.program.today === opts.program.today ? since.cache.programPatients.filter((p) => reuse(p.id)) : [];
    const keptIds = new Set(kept.map((p) => p.id));
    // In patient order, as the population run and merge give them: the same files whichever way the run went.
    program = [
      ...kept,
      ...patients
        .filter((p) => !keptIds.has(p.patientId))
        .map((p) => programPatientOf(p.patientId, (p.bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])), reference, options)),
    ].sort((a, b) => compareStrings(a.id, b.id));
    await emitProgram(programInput(program, results, opts.period, opts.program, reference.names), opts.out, generatedAt, opts.fhir?.url ?? dataPath!);
  }
  if (fhirRun && opts.out) {
    await writeRunCache(opts.out, {
      kind: 'cocm-measures-run',
      transactionTime: fhirRun.transactionTime,
      period: opts.period,
      measures: opts.measures,
      program: opts.program,
      results,
      programPatients: program,
    });
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
