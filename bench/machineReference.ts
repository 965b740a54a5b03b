/**
 * The machine's own speed beside the figures. These shared machines drift: the same build's
 * caseload first rows read 1,183 ms (median of 6) and 2,287 ms (median of 5) forty minutes
 * apart on 2026-12-03 with nothing else running, and the model 270 then 556 ms. So the bench
 * times a fixed workload at its start and at its end, and a figure over budget is read
 * against it (docs/performance.md says what it reads on a quiet machine). Two parts, as the
 * app's work has both: records built, serialized, parsed and walked (`cpu_ms`), and a walk in
 * shuffled order over a heap larger than any cache, as the model's over a panel's records
 * (`memory_ms`, which a busy neighbour slows most). Never a budget itself.
 */
import { type Figure, figureOfRuns } from './print.ts';
import { round, spread } from './stats.ts';

const RECORDS = 20_000;
const HEAP_NODES = 1_000_000;
const RUNS = 5;

export function measureMachineReference(when: 'start' | 'end'): Figure {
  const nodes = heapOfNodes();
  const totals: number[] = [];
  const cpu: number[] = [];
  const memory: number[] = [];
  let checksum = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    checksum += recordsWorkload();
    const between = performance.now();
    checksum += walk(nodes);
    const ended = performance.now();
    totals.push(ended - started);
    cpu.push(between - started);
    memory.push(ended - between);
  }
  return figureOfRuns('machine_reference_ms', 'ms', totals, {
    when,
    cpu_ms: round(spread(cpu).value),
    memory_ms: round(spread(memory).value),
    workload: `${RECORDS} Observations built, JSON round-tripped and read; ${HEAP_NODES} linked objects walked in shuffled order`,
    checksum,
  });
}

function recordsWorkload(): number {
  const records = Array.from({ length: RECORDS }, (_, i) => ({
    resourceType: 'Observation',
    id: `obs-${i}`,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: `${44250 + (i % 9)}-9` }] },
    subject: { reference: `Patient/p-${i % 500}` },
    effectiveDateTime: `2026-${String((i % 12) + 1).padStart(2, '0')}-15T10:00:00-05:00`,
    valueInteger: i % 4,
  }));
  const parsed = JSON.parse(JSON.stringify(records)) as typeof records;
  const byPatient = new Map<string, number>();
  for (const r of parsed) byPatient.set(r.subject.reference, (byPatient.get(r.subject.reference) ?? 0) + r.valueInteger + r.code.coding[0]!.code.length);
  let sum = 0;
  for (const v of byPatient.values()) sum += v;
  return sum;
}

interface HeapNode {
  value: number;
  next: HeapNode | undefined;
}

/** One ring of objects linked in a fixed pseudo-random order (the same every run). */
function heapOfNodes(): HeapNode {
  const nodes: HeapNode[] = Array.from({ length: HEAP_NODES }, (_, i) => ({ value: i % 7, next: undefined }));
  const order = nodes.map((_, i) => i);
  let seed = 12345;
  for (let i = order.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (let i = 0; i < order.length; i++) nodes[order[i]!]!.next = nodes[order[(i + 1) % order.length]!];
  return nodes[order[0]!]!;
}

function walk(start: HeapNode): number {
  let sum = 0;
  let node: HeapNode | undefined = start;
  for (let i = 0; i < HEAP_NODES && node; i++) {
    sum += node.value;
    node = node.next;
  }
  return sum;
}
