/**
 * `npm run measures`: the registry's eCQMs from the command line, over the same loader and
 * engine call as the app. One JSON summary line per measure on stdout; the MeasureReports in
 * --out; progress on stderr; a broken input file stops the run with its name and what is wrong.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { evaluateMeasure } from '../evaluate';
import { individualReports, summaryReport } from '../measureReports';
import { patientBundlesByFile } from '../patientBundles';
import { CliError, MEASURES_USAGE, parseMeasuresArgs } from './cliArgs';
import { DataLoadError, loadMeasureDataByFile } from './loadData';
import { readMeasureBundle } from './measurePackage';
import { progressBar } from './progressBar';
import { BulkError } from '../../population/bulkError';
import { exportForMeasures } from '../../population/exportForMeasures';

async function main(argv: readonly string[]): Promise<number> {
  const opts = parseMeasuresArgs(argv);
  if (opts.help) {
    process.stdout.write(MEASURES_USAGE);
    return 0;
  }
  let dataPath = opts.data;
  if (opts.fhir) {
    const { url, clientId, key, group, kid } = opts.fhir;
    const exported = await exportForMeasures({ fhir: url, clientId: clientId!, key: key!, out: opts.out ?? '.measures-export', ...(group ? { group } : {}), ...(kid ? { kid } : {}) });
    dataPath = exported.folder;
  }
  const reading = progressBar('Reading'.padEnd(9), 'files');
  const files = await loadMeasureDataByFile(dataPath!, (done, total) => reading.update(done, total));
  reading.finish();
  const patients = patientBundlesByFile(files);
  if (patients.length === 0) throw new DataLoadError(`${dataPath}: no Patient resources found, so no measure can be run`);
  if (opts.out) await mkdir(opts.out, { recursive: true });
  const generatedAt = new Date().toISOString();
  for (const id of opts.measures) {
    const bar = progressBar(id.padEnd(9), 'patients');
    const evaluation = await evaluateMeasure(id, await readMeasureBundle(id), patients, opts.period, { chunkSize: opts.chunkSize, onProgress: (d, t) => bar.update(d, t) });
    bar.finish();
    const failed = evaluation.results.filter((r) => r.error).length;
    if (failed > 0) process.stderr.write(`${id}: ${failed} patient(s) could not be evaluated; their individual reports have status "error"\n`);
    process.stdout.write(`${JSON.stringify(evaluation.summary)}\n`);
    if (opts.out) {
      const bundle = await readMeasureBundle(id);
      await writeFile(join(opts.out, `${id}-summary.json`), `${JSON.stringify(summaryReport(bundle, evaluation, generatedAt), null, 2)}\n`);
      await writeFile(join(opts.out, `${id}-individual.ndjson`), individualReports(bundle, evaluation, generatedAt).map((r) => JSON.stringify(r)).join('\n') + '\n');
    }
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
