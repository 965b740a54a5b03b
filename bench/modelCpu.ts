/**
 * The bench's clinical model figure on its own, with more runs and the machine's load beside
 * it, for work on a shared machine (read `cpu_ms_median` / `cpu_ms_min`: wall time grows with
 * the load). `--raw` feeds the panel generator's own objects instead of records parsed from
 * JSON (see modelInputs in bench/model.ts).
 *
 *   npx tsx bench/modelCpu.ts [runs] [--raw]
 */
import { loadavg } from 'node:os';
import { measureModel } from './model.ts';
import { SEED } from './plan.ts';

const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 7);
const figure = measureModel(1000, runs, SEED, !process.argv.includes('--raw'));
console.log(JSON.stringify({ ...figure, load: loadavg().map((x) => Math.round(x * 10) / 10) }));
