/**
 * Where the main thread's time goes while the Program tab opens: one run on the seeded panel
 * (default 1,000 patients at 50 ms latency) with the page's CPU profiler on, from the click on
 * the tab to both eCQM rows filled. Prints the long tasks (over 50 ms), the main thread's busy
 * time and the functions that took it (self and total, by source file), for a build made
 * without minification so the names read:
 *
 *   npx vite build --outDir /tmp/dist --minify false && npx tsx bench/programProfile.ts /tmp/dist [patients] [--table-only]
 *
 * `--table-only` stops at the `Program measures` table filled (the 5,000 panel's eCQM rows take minutes).
 */
import { loadavg } from 'node:os';
import { generatePanel } from '../sandbox/panel/index.ts';
import { startSandbox } from '../sandbox/server.ts';
import { freshContext, openChromium } from './browser.ts';
import { SEED } from './plan.ts';
import { ecqmFilled, programTableFilled, WATCH_LONG_TASKS } from './program.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const appDir = process.argv[2];
if (!appDir) throw new Error('usage: bench/programProfile.ts APP_DIR [patients]');
const patients = Number(process.argv.slice(3).find((a) => /^\d+$/.test(a)) ?? 1000);
const tableOnly = process.argv.includes('--table-only');

/** Self and total time per function (total counted once per stack), in ms. */
function summarize(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const perNode = new Map<number, number>();
  profile.samples.forEach((id, i) => perNode.set(id, (perNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-1)[0] ?? ''}:${n.callFrame.lineNumber}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of perNode) {
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === '(idle)' || leaf.callFrame.functionName === '(program)') continue;
    busy += ms;
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const k = name(byId.get(x)!);
      if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + ms);
      seen.add(k);
    }
  }
  // Runs of samples without idle time longer than 150 ms: the long tasks, with what filled them.
  const runs: string[] = [];
  let run: { ms: number; at: number; total: Map<string, number> } | undefined;
  let clock = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    clock += ms;
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === '(idle)') {
      if (run && run.ms > 150)
        runs.push(
          `${Math.round(run.at)}+${Math.round(run.ms)} ms: ${[...run.total]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 12)
            .map(([k, t]) => `${k} ${Math.round(t)}`)
            .join(' | ')}`,
        );
      run = undefined;
      return;
    }
    run ??= { ms: 0, at: clock, total: new Map() };
    run.ms += ms;
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const k = name(byId.get(x)!);
      if (!seen.has(k) && k !== '(root) :-1') run.total.set(k, (run.total.get(k) ?? 0) + ms);
      seen.add(k);
    }
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `${Math.round(ms)} ms  ${k}`);
  return { busy: Math.round(busy), self: top(self, 30), total: top(total, 50), runs };
}

const panel = generatePanel({ patients, seed: SEED });
const sandbox = await startSandbox({ port: 0, resources: panel.resources, appDir, quiet: true, latencyMs: 50 });
const browser = await openChromium();
try {
  const context = await freshContext(browser);
  await context.addInitScript(WATCH_LONG_TASKS);
  const page = await context.newPage();
  await page.goto(`${sandbox.origin}/ehr/launch`);
  const tab = page.getByRole('tab', { name: 'Program' });
  await tab.waitFor({ timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const clickedAt = await page.evaluate(() => performance.now());
  const started = Date.now();
  await tab.click();
  await page.waitForFunction(programTableFilled, undefined, { polling: 'raf', timeout: 600_000 });
  const table = Date.now() - started;
  if (!tableOnly) await page.waitForFunction(ecqmFilled, undefined, { polling: 'raf', timeout: 900_000 });
  const rows = tableOnly ? undefined : Date.now() - started;
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  const tasks = (await page.evaluate(() => (globalThis as unknown as { __longTasks: { start: number; ms: number }[] }).__longTasks)).filter((t) => t.start >= clickedAt);
  const summary = summarize(profile);
  console.log(JSON.stringify({ patients, table_ms: table, ecqm_rows_ms: rows, main_thread_busy_ms: summary.busy, load: loadavg().map((x) => Math.round(x * 10) / 10) }));
  console.log(`long tasks (${tasks.length}): ${tasks.map((t) => `${Math.round(t.start - clickedAt)}+${Math.round(t.ms)}`).join(' ')}`);
  console.log('--- busy runs over 150 ms (profile clock)\n' + summary.runs.join('\n'));
  console.log('--- self\n' + summary.self.join('\n'));
  console.log('--- total\n' + summary.total.join('\n'));
} finally {
  await browser.close();
  await sandbox.close();
}
