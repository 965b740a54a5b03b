/**
 * "Launch to chart": a real SMART EHR launch in Chromium, from navigating to
 * `/ehr/launch?patient=ID` until the PHQ-9 chart has drawn (the app's `chart-drawn:phq9`
 * mark, see TrajectoryChart.tsx) with its table twin 'PHQ-9 scores' on screen. Each run
 * takes a fresh browser context (cold cache), like the first launch of the day.
 */
import type { Browser, Page } from 'playwright-core';
import { freshContext } from './browser.ts';
import { errorText } from './print.ts';
import { label, NetworkRecorder, type RecordedRequest, sandboxChainMs, waves } from './network.ts';

export interface LaunchRun {
  /** /ehr/launch request start -> PHQ-9 chart drawn. */
  launchToChartMs: number;
  /** End of the last score response (Observation, QuestionnaireResponse, Questionnaire) -> chart drawn. */
  chartAfterDataMs: number;
  /** Every request of the launch (until the network is quiet after the chart). */
  requests: RecordedRequest[];
  /** The sandbox's own processing time along the chain of FHIR and auth waits. */
  sandboxMs: number;
  /** Epoch ms (browser clock) when the view had its scores (the app's `scores-read` mark). */
  scoresReadAt: number;
}

interface InPageTimes {
  timeOrigin: number;
  chartAt: number;
  scoresReadAt: number;
  lastScoreResponseEnd: number;
  phq9Rows: number;
}

const SCORE_READ = /\/fhir\/(Observation|QuestionnaireResponse|Questionnaire)(\/|\?|$)/;

/** What the page shows when a launch is stuck (an alert's text, else the start of the body). */
async function pageProblem(page: Page): Promise<string> {
  const text = await page.evaluate(() => (document.querySelector('[role="alert"]') ?? document.body)?.textContent ?? '').catch(() => 'page not readable');
  return text.replace(/\s+/g, ' ').trim().slice(0, 200) || 'blank page';
}

export async function launchOnce(browser: Browser, origin: string, patientId: string, timeoutMs = 60_000): Promise<LaunchRun> {
  const context = await freshContext(browser);
  try {
    const page = await context.newPage();
    const network = new NetworkRecorder(page);
    await page.goto(`${origin}/ehr/launch?patient=${encodeURIComponent(patientId)}`, { waitUntil: 'commit', timeout: timeoutMs });
    await page
      .waitForURL((url) => url.pathname === '/index.html', { waitUntil: 'commit', timeout: timeoutMs })
      .catch(async (error: unknown) => {
        throw new Error(`${errorText(error)} (stuck at ${new URL(page.url()).pathname}: ${await pageProblem(page)})`);
      });
    const handle = await page.waitForFunction(
      (scoreRead: string) => {
        const mark = performance.getEntriesByName('chart-drawn:phq9')[0];
        // The app marks `scores-read` when its score searches have all returned (usePatientRecords).
        const scoresRead = performance.getEntriesByName('scores-read')[0];
        const caption = [...document.querySelectorAll('table > caption')].find((c) => c.textContent === 'PHQ-9 scores');
        const canvas = document.querySelector('canvas[role="img"][aria-label^="PHQ-9 trajectory chart"]');
        if (!mark || !caption || !canvas) return false;
        const pattern = new RegExp(scoreRead);
        const readAt = scoresRead?.startTime ?? mark.startTime;
        // The score responses are those that had ended when the app had its scores in hand.
        const scoreEnds = performance
          .getEntriesByType('resource')
          .map((e) => e as PerformanceResourceTiming)
          .filter((e) => pattern.test(e.name) && e.responseEnd <= readAt)
          .map((e) => e.responseEnd);
        return {
          timeOrigin: performance.timeOrigin,
          chartAt: mark.startTime,
          scoresReadAt: readAt,
          lastScoreResponseEnd: Math.max(0, ...scoreEnds),
          phq9Rows: caption.parentElement?.querySelectorAll('tbody tr[data-testid="score-row"]').length ?? 0,
        };
      },
      SCORE_READ.source,
      { polling: 'raf', timeout: timeoutMs },
    );
    const times = (await handle.jsonValue()) as InPageTimes;
    await network.settle();
    const requests = await network.collect();
    const started = network.firstStart();
    if (started === undefined) throw new Error('no request was recorded');
    const chain = waves(requests.filter((r) => r.kind !== 'static'));
    return {
      launchToChartMs: times.timeOrigin + times.chartAt - started,
      chartAfterDataMs: times.chartAt - times.lastScoreResponseEnd,
      requests,
      sandboxMs: sandboxChainMs(chain),
      scoresReadAt: times.timeOrigin + times.scoresReadAt,
    };
  } finally {
    await context.close();
  }
}

/** The waits one after another, as labels: `[["smart-configuration"], ["/auth/authorize"], ...]`. */
export function chainLabels(requests: readonly RecordedRequest[], kinds: ReadonlyArray<RecordedRequest['kind']>): string[][] {
  return waves(requests.filter((r) => kinds.includes(r.kind))).map((wave) => wave.map(label));
}

/** FHIR requests of a launch, counted by what they read. */
export function fhirRequestCounts(requests: readonly RecordedRequest[]): { total: number; byLabel: Record<string, number> } {
  const byLabel: Record<string, number> = {};
  const fhir = requests.filter((r) => r.kind === 'fhir');
  for (const r of fhir) byLabel[label(r)] = (byLabel[label(r)] ?? 0) + 1;
  return { total: fhir.length, byLabel };
}

export function bytesByKind(requests: readonly RecordedRequest[]): { total: number; fhir: number; auth: number; static: number } {
  const out = { total: 0, fhir: 0, auth: 0, static: 0 };
  for (const r of requests) {
    out.total += r.bytes;
    out[r.kind] += r.bytes;
  }
  return out;
}
