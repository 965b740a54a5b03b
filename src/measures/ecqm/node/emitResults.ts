/**
 * What `npm run measures` gives for one measure, whichever way it was evaluated (in memory,
 * on worker threads, or merged from shards): the JSON summary line on stdout and, with
 * --out, the summary and individual MeasureReports.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MeasureEvaluation } from '../evaluate';
import { eachIndividualReport, summaryReport } from '../measureReports';

/** Individual reports per write: the file is written in blocks, never built whole in memory. */
const LINES_PER_WRITE = 1000;

export async function emitMeasure(bundle: Bundle, evaluation: MeasureEvaluation, out: string | undefined, generatedAt: string): Promise<void> {
  const failed = evaluation.results.filter((r) => r.error).length;
  if (failed > 0) process.stderr.write(`${evaluation.measure}: ${failed} patient(s) could not be evaluated; their individual reports have status "error"\n`);
  process.stdout.write(`${JSON.stringify(evaluation.summary)}\n`);
  if (!out) return;
  await writeFile(join(out, `${evaluation.measure}-summary.json`), `${JSON.stringify(summaryReport(bundle, evaluation, generatedAt), null, 2)}\n`);
  const file = await open(join(out, `${evaluation.measure}-individual.ndjson`), 'w');
  try {
    let block: string[] = [];
    for (const report of eachIndividualReport(bundle, evaluation, generatedAt)) {
      block.push(JSON.stringify(report));
      if (block.length < LINES_PER_WRITE) continue;
      await file.write(`${block.join('\n')}\n`);
      block = [];
    }
    if (block.length > 0) await file.write(`${block.join('\n')}\n`);
  } finally {
    await file.close();
  }
}
