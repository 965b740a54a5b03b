/**
 * A worker thread of the population run: loads each measure package once, then evaluates
 * the buckets it is sent (each a file of whole patients) with the same engine call as the
 * app and `--data`, and answers with the per-patient results.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { evaluateMeasure } from '../ecqm/evaluate';
import type { MeasureId, MeasurementPeriod } from '../ecqm/measures';
import { readMeasureBundle } from '../ecqm/node/measurePackage';
import { patientBundles } from '../ecqm/patientBundles';
import type { BucketJob, BucketResult } from './poolProtocol';

const bundles = new Map<MeasureId, Bundle>();

async function run(job: BucketJob): Promise<BucketResult> {
  const text = await readFile(job.bucket, 'utf8');
  const resources = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Resource);
  const patients = patientBundles(resources);
  const results: BucketResult['results'] = {};
  for (const measure of job.measures) {
    let bundle = bundles.get(measure);
    if (!bundle) {
      bundle = await readMeasureBundle(measure);
      bundles.set(measure, bundle);
    }
    const evaluation = await evaluateMeasure(measure, bundle, patients, job.period as MeasurementPeriod, { chunkSize: job.chunkSize });
    results[measure] = evaluation.results;
  }
  return { id: job.id, patients: patients.length, results };
}

parentPort?.on('message', (job: BucketJob) => {
  run(job).then(
    (result) => parentPort?.postMessage(result),
    (error: unknown) => parentPort?.postMessage({ id: job.id, patients: 0, results: {}, error: error instanceof Error ? error.message : String(error) } satisfies BucketResult),
  );
});
