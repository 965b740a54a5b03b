/**
 * The worker pool's heap limit: a bucket that does not fit in a worker's heap stops the run
 * with the bucket's name and what to change, instead of a bare "worker terminated". (That the
 * default limit gives the same results as Node's own is populationRun.test.ts's check.)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePanel } from '../../../sandbox/panel/index';
import { evaluateBuckets } from './evaluationPool';

let work: string;
let bucket: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'evaluation-pool-'));
  bucket = join(work, 'bucket-0.ndjson');
  const panel = generatePanel({ patients: 20, seed: 'pool-heap' });
  await writeFile(bucket, panel.resources.map((r) => JSON.stringify(r)).join('\n'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('evaluateBuckets', () => {
  it('names the bucket and the option to raise when a worker runs out of its heap', { timeout: 120_000 }, async () => {
    const run = evaluateBuckets([bucket], { workers: 1, measures: ['CMS2'], period: { start: '2026-01-01', end: '2026-12-31' }, chunkSize: 25, heapMb: 16 });
    await expect(run).rejects.toThrow(`a worker ran out of its 16 MB heap on ${bucket}: raise --worker-heap-mb (0 = Node's own limit) or lower --chunk-size`);
  });
});
