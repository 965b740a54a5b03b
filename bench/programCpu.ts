/**
 * The Program tab's measure CPU per population update, from scratch against incremental, in
 * one process on the same seeded panel (for a shared machine: read the A/B, not the wall
 * time). The population arrives in batches of 50 (records first, then everyone's visits, as
 * the whole-program read gives them); after each batch the table's rows are computed, and
 * after the last the twelve trend months and the care gaps. "scratch" is what the tab did
 * before (every measure over everyone on every update), "incremental" the facts cache (groups of 50).
 *
 *   npx tsx bench/programCpu.ts [patients] [runs]
 */
import { loadavg } from 'node:os';
import { generatePanel } from '../sandbox/panel/index.ts';
import {
  careGaps,
  combineFacts,
  computeMeasures,
  defaultPeriod,
  groupsOf,
  ProgramFactsCache,
  resolveProgramMeasureSettings,
  sortGaps,
  trendMonths,
  withVisits,
  type ProgramPatient,
} from '../src/clinical/program/index.ts';
import { ownerOf, patientBundles } from '../src/measures/ecqm/patientBundles.ts';
import { addReference, emptyReferenceData, programPatientOf } from '../src/measures/report/programPatients.ts';
import { SEED } from './plan.ts';

const size = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 3);
const today = new Date().toISOString().slice(0, 10);
const panel = generatePanel({ patients: size, seed: SEED });
const reference = emptyReferenceData();
for (const r of panel.resources) if (ownerOf(r) === undefined) addReference(reference, r);
const full = patientBundles(panel.resources).map((p) =>
  programPatientOf(
    p.patientId,
    (p.bundle.entry ?? []).map((e) => e.resource!),
    reference,
    { today, timeZone: 'UTC' },
  ),
);
const period = defaultPeriod(today);
const settings = resolveProgramMeasureSettings(undefined);
const gapOptions = { today, scaleCadenceDays: 30 };

/** The populations the tab sees, update by update: batches of records, then visits for all. */
const updates: ProgramPatient[][] = [];
const waiting = full.map((p) => withVisits(p, undefined, 'UTC'));
for (let n = 50; n < waiting.length + 50; n += 50) updates.push(waiting.slice(0, n));
updates.push(full);

function cpuMs(f: () => unknown): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function scratch(): number[] {
  const costs = updates.map((patients) => cpuMs(() => computeMeasures(patients, period, settings)));
  costs.push(
    cpuMs(() => {
      trendMonths(period).map((m) => computeMeasures(full, m, settings));
      careGaps(full, { ...gapOptions, settings });
    }),
  );
  return costs;
}

function incremental(): number[] {
  const cache = new ProgramFactsCache(settings);
  const months = trendMonths(period);
  // As the tab's computer does: each group's facts (period, months, gaps), the rows after each update.
  const costs = updates.map((patients) =>
    cpuMs(() => {
      const groups = groupsOf(patients);
      combineFacts(
        groups.map((g, i) => cache.facts(i, g, period)),
        period,
      );
      groups.forEach((g, i) => {
        for (const m of months) cache.facts(i, g, m);
        cache.gaps(i, g, gapOptions);
      });
    }),
  );
  costs.push(
    cpuMs(() => {
      const groups = groupsOf(full);
      months.map((m) =>
        combineFacts(
          groups.map((g, i) => cache.facts(i, g, m)),
          m,
        ),
      );
      sortGaps(groups.flatMap((g, i) => [...cache.gaps(i, g, gapOptions)]));
    }),
  );
  return costs;
}

const summary = (costs: number[]) => ({ total_ms: Math.round(costs.reduce((a, b) => a + b, 0)), max_update_ms: Math.round(Math.max(...costs)) });
const best = (f: () => number[]) => {
  const all = Array.from({ length: runs }, f).map(summary);
  return { total_ms: Math.min(...all.map((s) => s.total_ms)), max_update_ms: Math.min(...all.map((s) => s.max_update_ms)) };
};
console.log(
  JSON.stringify({
    patients: full.length,
    updates: updates.length + 1,
    scratch: best(scratch),
    incremental: best(incremental),
    load: loadavg().map((x) => Math.round(x * 10) / 10),
  }),
);
