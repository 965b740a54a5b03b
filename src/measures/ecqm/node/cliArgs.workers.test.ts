/** `npm run measures` options of a population run: the workers' heap limit and its words. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKER_HEAP_MB } from '../../population/evaluationPool';
import { parseMeasuresArgs } from './cliArgs';

describe('--worker-heap-mb', () => {
  it('defaults to a bounded heap, takes a number of MB, and 0 for Node’s own limit', () => {
    expect(parseMeasuresArgs(['--data', 'd', '--workers', '2']).workerHeapMb).toBe(DEFAULT_WORKER_HEAP_MB);
    expect(DEFAULT_WORKER_HEAP_MB).toBe(1024);
    expect(parseMeasuresArgs(['--data', 'd', '--workers', '2', '--worker-heap-mb', '512']).workerHeapMb).toBe(512);
    expect(parseMeasuresArgs(['--data', 'd', '--workers', '2', '--worker-heap-mb=0']).workerHeapMb).toBe(0);
  });

  it('says what it needs when given too little, a fraction or nothing', () => {
    expect(() => parseMeasuresArgs(['--data', 'd', '--worker-heap-mb', '100'])).toThrow(`--worker-heap-mb needs a whole number of MB, at least 256 (0 = Node's own limit), got "100"`);
    expect(() => parseMeasuresArgs(['--data', 'd', '--worker-heap-mb', '1.5'])).toThrow(/got "1\.5"/);
    expect(() => parseMeasuresArgs(['--data', 'd', '--worker-heap-mb'])).toThrow(/got nothing/);
  });
});
