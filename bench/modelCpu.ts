/**
 * CPU time of the clinical model, for work on a shared machine where wall time lies:
 * `process.cpuUsage` around each pass of bench/model.ts's loop, best and median. `--raw`
 * feeds the generator's own objects instead of records parsed from JSON (see modelInputs).
 *
 *   npx tsx bench/modelCpu.ts [runs] [--raw]
 */
import { loadavg } from 'node:os';
import { modelInputs, runModel } from './model.ts';
import { SEED } from './plan.ts';

const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 7);
const { inputs, questionnaires } = modelInputs(1000, SEED, !process.argv.includes('--raw'));
const now = new Date();
runModel(inputs, questionnaires, now);
const cpu: number[] = [];
const wall: number[] = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  const before = process.cpuUsage();
  runModel(inputs, questionnaires, now);
  const used = process.cpuUsage(before);
  wall.push(((performance.now() - started) * 1000) / inputs.length);
  cpu.push(((used.user + used.system) / 1000) * (1000 / inputs.length));
}
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const fmt = (x: number) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    cpu_ms_per_1000: { best: fmt(sorted(cpu)[0]!), median: fmt(median(cpu)) },
    wall_ms_per_1000: { best: fmt(sorted(wall)[0]!), median: fmt(median(wall)) },
    runs,
    input: process.argv.includes('--raw') ? 'generator objects' : 'parsed from JSON',
    load: loadavg().map(fmt),
  }),
);
