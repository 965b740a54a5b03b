/**
 * Two builds of the app, their caseload opening view timed in alternation: `npx tsx
 * bench/caseloadAB.ts DIR_A DIR_B [--runs N]` (builds from `npx vite build --outDir DIR`).
 * One sandbox per build over the same seeded panel at the bench's latency, and runs A, B, A,
 * B ... in one browser, so a machine that drifts slower (as these shared ones do between
 * quarter hours) slows both alike. Prints each run and the medians. A diagnostic for
 * deciding a change, not a figure: `npm run bench` is what budgets are judged by.
 */
import { parseArgs } from 'node:util';
import { generatePanel } from '../sandbox/panel/index.ts';
import { startSandbox } from '../sandbox/server.ts';
import { openChromium } from './browser.ts';
import { caseloadOnce, filterTermFrom } from './caseload.ts';
import { PLANS, SEED } from './plan.ts';
import { spread } from './stats.ts';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '8' } }, allowPositionals: true });
if (positionals.length !== 2) throw new Error('usage: npx tsx bench/caseloadAB.ts DIR_A DIR_B [--runs N]');
const plan = PLANS.quick;
const panel = generatePanel({ patients: plan.caseloadPatients, seed: SEED });
const term = filterTermFrom(panel);
const builds = await Promise.all(
  positionals.map(async (appDir, i) => ({
    name: 'AB'[i]!,
    sandbox: await startSandbox({ port: 0, resources: panel.resources, appDir, quiet: true, latencyMs: plan.caseloadLatencyMs }),
    runs: [] as Awaited<ReturnType<typeof caseloadOnce>>[],
  })),
);
const browser = await openChromium();
try {
  for (let rep = 0; rep < Number(values.runs); rep++) {
    for (const build of builds) {
      const run = await caseloadOnce(browser, build.sandbox.origin, plan, term);
      build.runs.push(run);
      console.log(`${build.name} first ${run.firstRowsMs.toFixed(0)} all ${run.allRowsMs.toFixed(0)} sort ${run.sortMs?.toFixed(1)} filter ${run.filterMs?.toFixed(1)}`);
    }
  }
  for (const { name, runs } of builds) {
    const m = (pick: (r: (typeof runs)[number]) => number | undefined) => {
      const values = runs.map(pick).filter((v): v is number => v !== undefined);
      return values.length ? spread(values).value.toFixed(1) : 'none';
    };
    console.log(
      `${name} medians: first rows ${m((r) => r.firstRowsMs)}, all rows ${m((r) => r.allRowsMs)}, sort ${m((r) => r.sortMs)}, filter ${m((r) => r.filterMs)} (${runs.length} runs)`,
    );
  }
} finally {
  await browser.close();
  await Promise.all(builds.map((b) => b.sandbox.close()));
}
