/**
 * What `npm run measures` gives for one measure, whichever way it was evaluated (in memory,
 * on worker threads, or merged from shards): the JSON summary line on stdout and, with
 * --out, the summary and individual MeasureReports.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MeasureEvaluation } from '../evaluate';
import { individualReports, summaryReport } from '../measureReports';

export async function emitMeasure(bundle: Bundle, evaluation: MeasureEvaluation, out: string | undefined, generatedAt: string): Promise<void> {
  const failed = evaluation.results.filter((r) => r.error).length;
  if (failed > 0) process.stderr.write(`${evaluation.measure}: ${failed} patient(s) could not be evaluated; their individual reports have status "error"\n`);
  process.stdout.write(`${JSON.stringify(evaluation.summary)}\n`);
  if (!out) return;
  await writeFile(join(out, `${evaluation.measure}-summary.json`), `${JSON.stringify(summaryReport(bundle, evaluation, generatedAt), null, 2)}\n`);
  await writeFile(join(out, `${evaluation.measure}-individual.ndjson`), individualReports(bundle, evaluation, generatedAt).map((r) => JSON.stringify(r)).join('\n') + '\n');
}
