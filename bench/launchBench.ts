/**
 * The launch figures: each picked patient launched at both latencies, the runs interleaved
 * (patient x latency inside each repetition) so that load from other processes on a shared
 * machine falls on both latencies alike. From the paired runs:
 * sequential_round_trips = (T(high latency) - T(0)) / latency.
 */
import type { Browser } from 'playwright-core';
import type { Panel } from '../sandbox/panel/index.ts';
import { startSandbox } from '../sandbox/server.ts';
import { bytesByKind, chainLabels, fhirRequestCounts, type LaunchRun, launchOnce } from './launch.ts';
import { waves } from './network.ts';
import { pickPatients, type PickedPatient } from './panelPick.ts';
import type { BenchPlan } from './plan.ts';
import { errorText, type Figure, figureOfRuns, progress } from './print.ts';
import { spread } from './stats.ts';

const SCORE_LABEL = /^\/fhir\/(Observation|QuestionnaireResponse|Questionnaire)(\/|$)/;

/**
 * Round trips to the chart read off the network: the wave of the last score read the view
 * waited for (ended before its `scores-read` mark; later reads belong to other features).
 */
function scoreWaits(run: LaunchRun): number {
  const chain = waves(run.requests.filter((r) => r.kind !== 'static'));
  let last = 0;
  chain.forEach((wave, i) => {
    if (wave.some((r) => SCORE_LABEL.test(r.path) && r.end <= run.scoresReadAt + 1)) last = i + 1;
  });
  return last;
}

/** The run whose launch time is the median: its request chain is the one shown. */
function medianRun(runs: readonly LaunchRun[]): LaunchRun | undefined {
  const sorted = [...runs].sort((a, b) => a.launchToChartMs - b.launchToChartMs);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export async function benchLaunch(browser: Browser, plan: BenchPlan, panel: Panel, appDir: string): Promise<Figure[]> {
  const patients = pickPatients(panel);
  const latencies = plan.launchLatencies;
  const sandboxes = await Promise.all(latencies.map((latencyMs) => startSandbox({ port: 0, resources: panel.resources, appDir, quiet: true, latencyMs })));
  const runs = new Map<string, LaunchRun[]>();
  // Per repetition, so round trips pair the two latencies of the same repetition only.
  const byRep = new Map<string, LaunchRun>();
  const errors = new Map<string, string>();
  const key = (p: PickedPatient, latency: number) => `${p.label}@${latency}`;
  try {
    // One untimed launch: the browser's first page pays for its own start-up.
    await launchOnce(browser, sandboxes[0]!.origin, patients[0]!.id).catch(() => undefined);
    for (let rep = 0; rep < plan.launchRuns; rep++) {
      for (const patient of patients) {
        for (const [i, latency] of latencies.entries()) {
          progress(`launch ${rep + 1}/${plan.launchRuns}: ${patient.label} patient at ${latency} ms latency`);
          try {
            const run = await launchOnce(browser, sandboxes[i]!.origin, patient.id);
            runs.set(key(patient, latency), [...(runs.get(key(patient, latency)) ?? []), run]);
            byRep.set(`${key(patient, latency)}#${rep}`, run);
          } catch (error) {
            errors.set(key(patient, latency), errorText(error));
            progress(`  failed: ${errorText(error)}`);
          }
        }
      }
    }
  } finally {
    await Promise.all(sandboxes.map((s) => s.close()));
  }

  const figures: Figure[] = [];
  const [low, high] = latencies;
  for (const patient of patients) {
    const context = { patient: patient.label, patient_score_records: patient.scoreRecords };
    for (const latency of latencies) {
      const list = runs.get(key(patient, latency)) ?? [];
      const error = errors.get(key(patient, latency));
      figures.push(
        figureOfRuns(
          'launch_to_chart_ms',
          'ms',
          list.map((r) => r.launchToChartMs),
          {
            latency_ms: latency,
            ...context,
            // The sandbox's own processing along the chain of waits (the rest is network wait and the app).
            sandbox_ms: list.length ? Math.round(spread(list.map((r) => r.sandboxMs)).value) : null,
            ...(error ? { error } : {}),
          },
        ),
        figureOfRuns(
          'chart_after_data_ms',
          'ms',
          list.map((r) => r.chartAfterDataMs),
          { latency_ms: latency, ...context, from: 'end of the last score response', to: 'PHQ-9 chart drawn', ...(error ? { error } : {}) },
        ),
      );
    }
    const lows = runs.get(key(patient, low)) ?? [];
    const highs = runs.get(key(patient, high)) ?? [];
    const trips: number[] = [];
    for (let rep = 0; rep < plan.launchRuns; rep++) {
      const a = byRep.get(`${key(patient, low)}#${rep}`);
      const b = byRep.get(`${key(patient, high)}#${rep}`);
      if (a && b) trips.push((b.launchToChartMs - a.launchToChartMs) / high);
    }
    const shown = medianRun(highs);
    figures.push(
      figureOfRuns(
        'sequential_round_trips',
        'round trips',
        trips,
        {
          ...context,
          latencies_ms: [low, high],
          floor: 4,
          // On a busy 2-core machine CPU work that overlaps the waits at high latency makes the
          // difference read low; the network count below is the exact one.
          method: '(median of paired T(high) - T(0)) / high latency',
          // The same count read off the network (no CPU noise): the wave of the last score read.
          waits_to_chart_on_network: shown ? scoreWaits(shown) : null,
          fhir_and_auth_waits: shown ? chainLabels(shown.requests, ['fhir', 'auth']) : null,
          // App files carry no sandbox latency, but each is a round trip on a real network too.
          all_waits_incl_app_files: shown ? chainLabels(shown.requests, ['fhir', 'auth', 'static']) : null,
        },
        2,
      ),
    );
    const counted = lows.length ? lows : highs;
    const first = counted[0];
    figures.push(
      figureOfRuns(
        'fhir_requests_patient_view',
        'requests',
        counted.map((r) => fhirRequestCounts(r.requests).total),
        {
          ...context,
          by_resource: first ? fhirRequestCounts(first.requests).byLabel : null,
          scope: 'every /fhir request from launch until the network is quiet after the chart',
        },
        0,
      ),
      figureOfRuns(
        'bytes_transferred_patient_view',
        'bytes',
        counted.map((r) => bytesByKind(r.requests).total),
        {
          ...context,
          ...(first ? { fhir_bytes: bytesByKind(first.requests).fhir, app_file_bytes: bytesByKind(first.requests).static, auth_bytes: bytesByKind(first.requests).auth } : {}),
          note: 'on the wire, cold cache: encoded sizes (the sandbox gzips text of 1 KB or more when asked, as EHR gateways do)',
        },
        0,
      ),
    );
  }
  return figures;
}
