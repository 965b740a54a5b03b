/**
 * Where the caseload's sort and filter time goes (a developer's probe; `npm run bench` is the
 * judge). The same first sort and first filter as bench/caseload.ts, on fresh pages of the
 * bench's build over the 1,000-patient panel, with:
 * - `--trace`: a Chrome trace of each action, summarised as main-thread self time by event
 *   (script, style, layout, paint), JS self time by function and package (mapped through the
 *   build's source maps) and the DOM mutations; `--cpu` prints only the main thread's CPU time
 *   (thread time of its tasks), which a loaded machine inflates far less than wall time;
 * - `--ab DIR`: the same runs alternated against another build (`vite build --outDir DIR
 *   --sourcemap hidden` of the old code), for an A/B in one process and one minute;
 * - `--profile` (CDP sampling profiler over the whole action), `--repeat K` (K more sorts and
 *   filters in the same page: the warm figures), `--latency L` (sandbox latency, default 50).
 * npx tsx bench/caseloadProbe.ts [runs] [--trace [--cpu]] [--ab DIR] [--profile] [--repeat K] [--latency L]
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { generatePanel } from '../sandbox/panel/index.ts';
import { startSandbox } from '../sandbox/server.ts';
import { freshContext, openChromium } from './browser.ts';
import { BENCH_APP_DIR, ensureBuild } from './build.ts';
import { armActionTimer, readGridState } from './caseloadPage.ts';
import { readFileSync } from 'node:fs';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { groupOf } from './sourceMap.ts';

const maps = new Map<string, TraceMap | null>();
function original(url: string, line: number, column: number): { where: string; group: string } {
  const file = url.split('/').pop() ?? '';
  if (!file.endsWith('.js')) return { where: url || '(native)', group: url ? 'other' : '(native)' };
  if (!maps.has(file)) {
    try {
      maps.set(file, new TraceMap(readFileSync(`${BENCH_APP_DIR}/assets/${file}.map`, 'utf8')));
    } catch {
      maps.set(file, null);
    }
  }
  const map = maps.get(file);
  if (!map) return { where: file, group: file };
  const pos = originalPositionFor(map, { line: line + 1, column });
  const src = (pos.source ?? '?').replace(/^.*node_modules\//, 'node_modules/').replace(/^(\.\.\/)+/, '');
  return { where: `${pos.name ?? ''}@${src.replace(/^node_modules\//, '')}:${pos.line}`, group: groupOf(src) };
}

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const trace = args.includes('--trace');
const profile = args.includes('--profile');
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(args[repeatAt + 1]) : 0;
const latAt = args.indexOf('--latency');
const latency = latAt >= 0 ? Number(args[latAt + 1]) : 50;
const abAt = args.indexOf('--ab');
const abDir = abAt >= 0 ? args[abAt + 1] : undefined;
const cpuOnly = args.includes('--cpu');

interface Ev {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

/** Self time by event name on the renderer main thread, from the first event of type `kind` on. */
function summarise(events: Ev[], kind: string): string {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return 'no main thread';
  const xs = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const start = xs.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === kind)?.ts ?? xs[0]!.ts;
  const inWindow = xs.filter((e) => e.ts >= start - 1000);
  const self = new Map<string, number>();
  const stack: { e: Ev; child: number }[] = [];
  const pop = (until: number) => {
    while (stack.length && stack[stack.length - 1]!.e.ts + stack[stack.length - 1]!.e.dur! <= until) {
      const top = stack.pop()!;
      self.set(top.e.name, (self.get(top.e.name) ?? 0) + top.e.dur! - top.child);
      if (stack.length) stack[stack.length - 1]!.child += top.e.dur!;
    }
  };
  let end = start;
  for (const e of inWindow) {
    pop(e.ts);
    stack.push({ e, child: 0 });
    end = Math.max(end, e.ts + e.dur!);
  }
  pop(Infinity);
  const total = [...self.entries()].filter(([n]) => n !== 'RunTask' && n !== 'ThreadControllerImpl::RunTask');
  return (
    `span ${((end - start) / 1000).toFixed(1)} ms; ` +
    total
      .sort((a, b) => b[1] - a[1])
      .slice(0, 14)
      .map(([n, t]) => `${n} ${(t / 1000).toFixed(1)}`)
      .join(', ')
  );
}

interface ChunkEvent {
  name: string;
  pid: number;
  tid: number;
  ts: number;
  id?: string;
  args: { data: { startTime?: number; cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } };
}

/** JS self time by function and by package in [from, to] (trace clock, us), from the trace's sampled profile. */
function profileInWindow(events: ChunkEvent[], from: number, to: number): string {
  const main = (events as unknown as Ev[]).find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')!;
  const nodes: ProfileNode[] = [];
  const samples: number[] = [];
  const deltas: number[] = [];
  let start = 0;
  for (const e of events) {
    if (e.pid !== main.pid) continue;
    if (e.name === 'Profile' && e.tid === main.tid) start = e.args.data.startTime ?? 0;
    if (e.name === 'ProfileChunk') {
      const d = e.args.data;
      nodes.push(...(d.cpuProfile?.nodes ?? []));
      samples.push(...(d.cpuProfile?.samples ?? []));
      deltas.push(...(d.timeDeltas ?? []));
    }
  }
  let t = start;
  const keep: number[] = [];
  const keepDeltas: number[] = [];
  samples.forEach((id, i) => {
    t += deltas[i] ?? 0;
    if (t >= from && t <= to) {
      keep.push(id);
      keepDeltas.push(deltas[i + 1] ?? 0);
    }
  });
  return topFunctions({ nodes, samples: keep, timeDeltas: keepDeltas });
}

/** Main-thread CPU (sum of top-level task thread time) from the action's event for `ms`. */
function mainCpu(events: Ev[], kind: string, ms: number): number {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return NaN;
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const from = on.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === kind)?.ts;
  if (from === undefined) return NaN;
  const tasks = on.filter((e) => (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && e.ts + (e.dur ?? 0) >= from && e.ts <= from + ms * 1000);
  // Nested RunTask events: keep the outermost.
  tasks.sort((a, b) => a.ts - b.ts);
  let cpu = 0;
  let end = -Infinity;
  for (const t of tasks) {
    if (t.ts < end) continue;
    end = t.ts + (t.dur ?? 0);
    cpu += (t as Ev & { tdur?: number }).tdur ?? 0;
  }
  return cpu / 1000;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
  parent?: number;
}

function topFunctions(p: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const groups = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const cf = n.callFrame;
    const o = cf.url ? original(cf.url, cf.lineNumber, cf.columnNumber) : { where: cf.functionName || '(native)', group: '(native)' };
    const key = `${cf.functionName || '(anon)'} ${o.where}`;
    const t = p.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + t);
    groups.set(o.group, (groups.get(o.group) ?? 0) + t);
  });
  const fmt = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .filter(([n]) => n !== '(idle)' && !n.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([n, t]) => `  ${(t / 1000).toFixed(1)} ${n}`)
      .join('\n');
  // Inclusive time of components (original names that start with a capital) and app functions.
  const incl = new Map<string, number>();
  const nameOf = new Map<number, string>();
  for (const n of p.nodes) {
    const cf = n.callFrame;
    const o = cf.url ? original(cf.url, cf.lineNumber, cf.columnNumber) : { where: '', group: '' };
    nameOf.set(n.id, o.where);
  }
  p.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let n = byId.get(id); n; n = n.parent !== undefined ? byId.get(n.parent) : undefined) {
      const w = nameOf.get(n.id) ?? '';
      const name = w.split('@')[0] ?? '';
      if ((/^[A-Z]/.test(name) || w.includes('@src/')) && !seen.has(w)) {
        seen.add(w);
        incl.set(w, (incl.get(w) ?? 0) + (p.timeDeltas[i] ?? 0));
      }
    }
  });
  return `groups:\n${fmt(groups, 10)}\nfunctions:\n${fmt(self, 20)}\ninclusive:\n${fmt(incl, 30)}`;
}

const cpuOf = new Map<string, number>();
async function timed(page: Page, cdp: CDPSession, kind: 'click' | 'input', label: string, act: () => Promise<void>): Promise<number> {
  const browser = page.context().browser()!;
  if (trace)
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'disabled-by-default-v8.cpu_profiler'],
    });
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  await page.evaluate(armActionTimer, kind);
  await page.evaluate(() => {
    const w = window as unknown as { __mut: { added: number; removed: number; attrs: number; text: number }; __mo?: MutationObserver };
    w.__mut = { added: 0, removed: 0, attrs: 0, text: 0 };
    w.__mo = new MutationObserver((records) => {
      for (const r of records) {
        w.__mut.added += r.addedNodes.length;
        w.__mut.removed += r.removedNodes.length;
        if (r.type === 'attributes') w.__mut.attrs++;
        if (r.type === 'characterData') w.__mut.text++;
      }
    });
    w.__mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await act();
  const ms = await page.evaluate(() => (window as unknown as { __benchAction: Promise<number> }).__benchAction);
  const mut = await page.evaluate(() => {
    const w = window as unknown as { __mut: unknown; __mo?: MutationObserver };
    w.__mo?.disconnect();
    return JSON.stringify(w.__mut);
  });
  console.log(`${label} mutations ${mut}`);
  if (profile) {
    const { profile: p } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
    console.log(`${label} profile:\n${topFunctions(p)}`);
  }
  if (trace) {
    const buf = await browser.stopTracing();
    writeFileSync(`/tmp/caseload-trace-${label}.json`, buf);
    const events = (JSON.parse(buf.toString()) as { traceEvents: Ev[] }).traceEvents;
    cpuOf.set(label, mainCpu(events, kind, ms));
    if (cpuOnly) return ms;
    console.log(`${label} trace: ${summarise(events, kind)}`);
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')!;
    const from = events.find((e) => e.pid === main.pid && e.tid === main.tid && e.name === 'EventDispatch' && e.args?.data?.type === kind)?.ts ?? 0;
    console.log(profileInWindow(events as unknown as ChunkEvent[], from, from + ms * 1000));
  }
  return ms;
}

async function main() {
  ensureBuild();
  const panel = generatePanel({ patients: 1000, seed: 'bench' });
  const patient = panel.resources.find((r) => r.resourceType === 'Patient') as { name?: Array<{ family?: string }> };
  const term = (patient.name?.[0]?.family ?? 'Smith').slice(0, 4);
  const sandbox = await startSandbox({ port: 0, resources: panel.resources, appDir: BENCH_APP_DIR, quiet: true, latencyMs: latency });
  const other = abDir ? await startSandbox({ port: 0, resources: panel.resources, appDir: abDir, quiet: true, latencyMs: latency }) : undefined;
  const browser = await openChromium();
  const results: Record<string, { sort: number[]; filter: number[]; sortCpu: number[]; filterCpu: number[] }> = {};
  try {
    for (let rr = 0; rr < runs * (other ? 2 : 1); rr++) {
      const r = other ? Math.floor(rr / 2) : rr;
      const which = other && rr % 2 === 1 ? 'base' : 'new';
      const origin = which === 'base' ? other!.origin : sandbox.origin;
      const context = await freshContext(browser);
      await context.addInitScript(`window.__benchGridState = ${readGridState.toString()};`);
      const page = await context.newPage();
      await page.goto(`${origin}/ehr/launch`, { waitUntil: 'commit' });
      await page.getByRole('grid', { name: 'Caseload' }).waitFor({ timeout: 30_000 });
      await page.waitForFunction(
        () => {
          const s = (window as unknown as { __benchGridState: () => { dataRows: number; loading: boolean } | null }).__benchGridState();
          return s && s.dataRows > 0 && !s.loading;
        },
        undefined,
        { polling: 'raf', timeout: 120_000 },
      );
      await page.waitForTimeout(1000);
      const cdp = await context.newCDPSession(page);
      const grid = page.getByRole('grid', { name: 'Caseload' });
      const header = grid.getByRole('columnheader', { name: /^Name/ }).first();
      const field = page
        .locator('main')
        .getByRole('textbox', { name: /search/i })
        .first();
      const sort = await timed(page, cdp, 'click', `sort${which}${r}`, () => header.click());
      const filter = await timed(page, cdp, 'input', `filter${which}${r}`, () => field.fill(term));
      const more: string[] = [];
      for (let k = 0; k < repeat; k++) {
        await field.fill('');
        await page.waitForTimeout(300);
        const s = await timed(page, cdp, 'click', `sort${r}.${k}`, () => header.click());
        await page.waitForTimeout(300);
        const f = await timed(page, cdp, 'input', `filter${r}.${k}`, () => field.fill(term));
        await page.waitForTimeout(300);
        more.push(`${s.toFixed(0)}/${f.toFixed(0)}`);
      }
      const res = (results[which] ??= { sort: [], filter: [], sortCpu: [], filterCpu: [] });
      res.sort.push(sort);
      res.filter.push(filter);
      res.sortCpu.push(cpuOf.get(`sort${which}${r}`) ?? NaN);
      res.filterCpu.push(cpuOf.get(`filter${which}${r}`) ?? NaN);
      console.log(
        `${which} run ${r}: cpu ${cpuOf.get(`sort${which}${r}`)?.toFixed(1)} / ${cpuOf.get(`filter${which}${r}`)?.toFixed(1)}; sort ${sort.toFixed(1)} filter ${filter.toFixed(1)}${more.length ? ` then ${more.join(' ')}` : ''}`,
      );
      await context.close();
    }
    const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)]!.toFixed(1);
    const min = (v: number[]) => Math.min(...v).toFixed(1);
    for (const [w, v] of Object.entries(results))
      console.log(
        `${w}: sort wall med ${med(v.sort)} min ${min(v.sort)} cpu med ${med(v.sortCpu)} min ${min(v.sortCpu)}; filter wall med ${med(v.filter)} min ${min(v.filter)} cpu med ${med(v.filterCpu)} min ${min(v.filterCpu)}`,
      );
  } finally {
    await browser.close();
    await sandbox.close();
    await other?.close();
  }
}

void main();
