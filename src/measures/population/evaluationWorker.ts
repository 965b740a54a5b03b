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
import { programPatientOf, type ReferenceData } from '../report/programPatients';
import type { BucketJob, BucketResult } from './poolProtocol';

const bundles = new Map<MeasureId, Bundle>();
const references = new Map<string, ReferenceData>();

async function referenceAt(path: string): Promise<ReferenceData> {
  let data = references.get(path);
  if (!data) {
    data = JSON.parse(await readFile(path, 'utf8')) as ReferenceData;
    references.set(path, data);
  }
  return data;
}

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
  if (!job.program) return { id: job.id, patients: patients.length, results };
  const reference = await referenceAt(job.program.reference);
  const options = { today: job.program.today, timeZone: job.program.timeZone };
  const program = patients.map((p) => programPatientOf(p.patientId, (p.bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])), reference, options));
  return { id: job.id, patients: patients.length, results, program };
}

parentPort?.on('message', (job: BucketJob) => {
  run(job).then(
    (result) => parentPort?.postMessage(result),
    (error: unknown) => parentPort?.postMessage({ id: job.id, patients: 0, results: {}, error: error instanceof Error ? error.message : String(error) } satisfies BucketResult),
  );
});
