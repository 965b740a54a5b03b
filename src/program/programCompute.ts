/**
 * The Program tab's figures, computed off React and in slices: the facts of each group of
 * patients (the period's rows, the twelve trend months, today's care gaps) are worked out once
 * as the group arrives (src/clinical/program/factsCache.ts) and the rows are put together from
 * them, a few milliseconds of work at a time with the page free in between, so neither the
 * arriving batches nor a click wait behind a long task. A newer request (a batch arrived,
 * another period) takes over from where the cache stands; the figures published always
 * belong to one request, whole: first its table rows, then (once every patient has been read,
 * when they are shown) the trend and the work lists, whose facts are worked out all along.
 */
import {
  combineFacts,
  groupsOf,
  ProgramFactsCache,
  sortGaps,
  trendMonths,
  type CareGap,
  type MeasureResult,
  type Period,
  type ProgramMeasureSettings,
  type ProgramPatient,
} from '../clinical/program';
import { onePer } from '../shared/onePer';

export interface ProgramComputeRequest {
  readonly patients: readonly ProgramPatient[];
  readonly period: Period;
  readonly today: string;
  readonly cadenceDays: number;
  readonly settings: ProgramMeasureSettings;
  /** Every patient is read: the trend and the work lists are put together too. */
  readonly complete: boolean;
}

export interface ProgramFigures {
  /** The request these figures answer (the tab compares it with what it shows). */
  readonly request: ProgramComputeRequest;
  readonly results: readonly MeasureResult[];
  /** Per trend month (`trendMonths(period)`); undefined unless the request was complete. */
  readonly months: readonly (readonly MeasureResult[])[] | undefined;
  readonly gaps: readonly CareGap[] | undefined;
}

/** Longest slice of work before the page gets the thread back (well under the 50 ms of a long task). */
const SLICE_MS = 12;

function sameRequest(a: ProgramComputeRequest, b: ProgramComputeRequest): boolean {
  return (
    a.patients === b.patients &&
    a.period.start === b.period.start &&
    a.period.end === b.period.end &&
    a.today === b.today &&
    a.cadenceDays === b.cadenceDays &&
    a.settings === b.settings &&
    a.complete === b.complete
  );
}

/**
 * The work of one request, step by step (each step small: one group's facts for one period,
 * or one month put together). The table's rows come first and are published on their own
 * (what the tab is waiting for); then the trend months' facts and the gaps, which are put
 * together once every patient is read.
 */
function* work(cache: ProgramFactsCache, r: ProgramComputeRequest): Generator<ProgramFigures | undefined, ProgramFigures> {
  const months = trendMonths(r.period);
  const gapOptions = { today: r.today, scaleCadenceDays: r.cadenceDays };
  const groups = groupsOf(r.patients);
  const combined = (period: Period) =>
    combineFacts(
      groups.map((g, i) => cache.facts(i, g, period)),
      period,
    );
  for (const [i, g] of groups.entries()) {
    cache.facts(i, g, r.period);
    yield;
  }
  const results = combined(r.period);
  const rows: ProgramFigures = { request: r, results, months: undefined, gaps: undefined };
  yield rows;
  for (const [i, g] of groups.entries()) {
    for (const m of months) {
      cache.facts(i, g, m);
      yield;
    }
    cache.gaps(i, g, gapOptions);
  }
  if (!r.complete) return rows;
  const perMonth: MeasureResult[][] = [];
  for (const m of months) {
    perMonth.push(combined(m));
    yield;
  }
  const gaps = sortGaps(groups.flatMap((g, i) => [...cache.gaps(i, g, gapOptions)]));
  cache.keepGroups(groups.length);
  return { request: r, results, months: perMonth, gaps };
}

export class ProgramComputer {
  private cache: ProgramFactsCache | undefined;
  private target: ProgramComputeRequest | undefined;
  private steps: Generator<ProgramFigures | undefined, ProgramFigures> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private figures: ProgramFigures | undefined;
  private listeners = new Set<() => void>();

  getSnapshot = (): ProgramFigures | undefined => this.figures;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Computes the figures for this request (nothing happens when it is the one being computed or shown). */
  request(r: ProgramComputeRequest): void {
    if (this.target && sameRequest(this.target, r)) return;
    this.target = r;
    if (this.cache?.settings !== r.settings) this.cache = new ProgramFactsCache(r.settings);
    this.steps = work(this.cache, r);
    this.schedule();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.steps = undefined;
    // Back on the tab, the same request is computed again (from the cache).
    this.target = undefined;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.slice();
    }, 0);
  }

  private slice(): void {
    const steps = this.steps;
    if (!steps) return;
    const until = performance.now() + SLICE_MS;
    for (;;) {
      const next = steps.next();
      if (next.done) this.steps = undefined;
      if (next.value) {
        this.figures = next.value;
        this.listeners.forEach((l) => l());
      }
      if (next.done) return;
      if (performance.now() >= until) break;
    }
    this.schedule();
  }
}

/** One computer per Program store: back from a chart, the facts already worked out are kept. */
export const programComputerFor = onePer((_store: object) => new ProgramComputer());
