/**
 * Where one caseload load spends its time: `npx tsx bench/caseloadTrace.ts [--patients N]
 * [--latency MS] [--view opening|program|tab]`. One launch without a patient against a
 * seeded panel; prints every FHIR request (when the page asked, when it went on the wire,
 * when it ended, the sandbox's own time) and a summary: time queued for one of the browser's
 * six connections, sandbox time, the sandbox process's CPU, and the page's main-thread time
 * (CDP Performance metrics). `tab` opens the Program tab instead of the caseload's program
 * view. A diagnostic, not a figure: `npm run bench` is what budgets are judged by.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generatePanel } from '../sandbox/panel/index.ts';
import { startSandbox } from '../sandbox/server.ts';
import { freshContext, openChromium } from './browser.ts';
import { ensureBuild } from './build.ts';
import { readGridState } from './caseloadPage.ts';
import { label, NetworkRecorder, waves } from './network.ts';
import { SEED } from './plan.ts';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '1000' },
    latency: { type: 'string', default: '50' },
    view: { type: 'string', default: 'program' },
    profile: { type: 'string' },
    app: { type: 'string' },
  },
});
const patients = Number(values.patients);
const latencyMs = Number(values.latency);
const view = values.view as 'opening' | 'program' | 'tab';

// `--app DIR`: another build (an unminified one reads better in a profile).
const appDir = values.app ?? ensureBuild();
const panel = generatePanel({ patients, seed: SEED });
const sandbox = await startSandbox({ port: 0, resources: panel.resources, appDir, quiet: true, latencyMs });
const browser = await openChromium();
try {
  const context = await freshContext(browser);
  await context.addInitScript(`window.__benchGridState = ${readGridState.toString()};`);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const network = new NetworkRecorder(page);
  if (values.profile) {
    // The page's main thread, sampled: where its time goes (self time by function, printed below).
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const cpuBefore = process.cpuUsage();
  const browserBefore = browserCpuMs();
  await page.goto(`${sandbox.origin}/ehr/launch`, { waitUntil: 'commit' });
  await page.waitForURL((url) => url.pathname === '/index.html', { waitUntil: 'commit', timeout: 60_000 });
  const grid = page.getByRole('grid', { name: 'Caseload' });
  await grid.waitFor({ timeout: 60_000 });
  const firstRowsAt = (await (
    await page.waitForFunction(
      () => {
        const s = (window as unknown as { __benchGridState: typeof readGridState }).__benchGridState();
        return s && s.dataRows > 0 ? s.at : false;
      },
      undefined,
      { polling: 'raf', timeout: 60_000 },
    )
  ).jsonValue()) as number;
  let allRowsAt: number | undefined;
  if (view === 'program') {
    const mine = page.locator('main').getByLabel('My patients');
    if (await mine.isChecked()) await mine.uncheck();
  }
  if (view === 'tab') {
    await page.getByRole('tab', { name: 'Program' }).click();
    await page.getByRole('table', { name: 'Program measures' }).waitFor({ timeout: 300_000 });
    await page.waitForFunction(() => !document.querySelector('main [role="progressbar"]'), undefined, { timeout: 300_000 });
  } else {
    allRowsAt = (await (
      await page.waitForFunction(
        () => {
          const s = (window as unknown as { __benchGridState: typeof readGridState }).__benchGridState();
          return s !== null && s.dataRows > 0 && !s.loading ? s.at : false;
        },
        undefined,
        { polling: 'raf', timeout: 300_000 },
      )
    ).jsonValue()) as number;
  }
  await network.settle(300, 3000);
  const cpu = process.cpuUsage(cpuBefore);
  const browserAfter = browserCpuMs();
  if (values.profile) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    writeFileSync(values.profile, JSON.stringify(profile));
    printSelfTimes(profile);
  }
  const metrics = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const metric = (name: string) => metrics.metrics.find((m) => m.name === name)?.value ?? 0;
  const requests = await network.collect();
  const t0 = network.firstStart() ?? 0;
  const fmt = (n: number) => String(Math.round(n)).padStart(6);
  console.log('  start   sent    end  queue sandbox  label');
  for (const r of [...requests].sort((a, b) => a.start - b.start))
    console.log(`${fmt(r.start - t0)} ${fmt(r.sent - t0)} ${fmt(r.end - t0)} ${fmt(r.sent - r.start)} ${fmt(r.sandboxMs ?? 0)}  ${r.method} ${label(r)} ${r.bytes}`);
  const fhir = requests.filter((r) => r.kind === 'fhir');
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  const end = Math.max(...requests.map((r) => r.end)) - t0;
  console.log(
    JSON.stringify(
      {
        patients,
        latencyMs,
        view,
        firstRowsMs: Math.round(firstRowsAt - t0),
        allRowsMs: allRowsAt === undefined ? null : Math.round(allRowsAt - t0),
        fhirRequests: fhir.length,
        byType: Object.fromEntries([...new Set(fhir.map(label))].map((l) => [l, fhir.filter((r) => label(r) === l).length])),
        waves: waves(requests).length,
        lastResponseMs: Math.round(end),
        queuedMsSum: Math.round(sum(fhir.map((r) => r.sent - r.start))),
        sandboxMsSum: Math.round(sum(fhir.map((r) => r.sandboxMs ?? 0))),
        nodeProcessCpuMs: Math.round((cpu.user + cpu.system) / 1000),
        rendererCpuMs: browserAfter.renderer - browserBefore.renderer,
        browserOtherCpuMs: browserAfter.other - browserBefore.other,
        pageScriptMs: Math.round(metric('ScriptDuration') * 1000),
        pageTaskMs: Math.round(metric('TaskDuration') * 1000),
        pageLayoutMs: Math.round(metric('LayoutDuration') * 1000),
        bytes: sum(fhir.map((r) => r.bytes)),
      },
      null,
      1,
    ),
  );
  await context.close();
} finally {
  await browser.close();
  await sandbox.close();
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (top 40) and per script, from a sampled profile. */
function printSelfTimes(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byUrl = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').pop() ?? url;
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    byUrl.set(file || functionName, (byUrl.get(file || functionName) ?? 0) + ms);
  });
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  for (const [k, ms] of top(byUrl, 12)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
  for (const [k, ms] of top(self, 40)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
}

/**
 * CPU time (ms) of this process's Chromium (a child of ours: playwright-core launches it):
 * its renderers apart from the rest (browser, network, GPU). CPU time, unlike the page's task
 * durations, does not grow when other work shares the cores.
 */
function browserCpuMs(): { renderer: number; other: number } {
  const procs = new Map<number, { ppid: number; ticks: number; renderer: boolean }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      procs.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), renderer: cmdline.includes('--type=renderer') });
    } catch {
      // The process ended while being read.
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = procs.get(pid)?.ppid; p !== undefined && p > 1; p = procs.get(p)?.ppid) if (p === process.pid) return true;
    return false;
  };
  let renderer = 0;
  let other = 0;
  for (const [pid, p] of procs) {
    if (!ours(pid)) continue;
    if (p.renderer) renderer += p.ticks * 10;
    else other += p.ticks * 10;
  }
  return { renderer, other };
}
