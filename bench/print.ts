/**
 * Output: one JSON object per line on stdout, `{"name", "value", "unit", ...context}`; other
 * tools (and the smoke test) parse it. Progress and diagnostics go to stderr only.
 */
import { roundSpread, spread } from './stats.ts';

export type Context = Record<string, unknown>;

export interface Figure extends Context {
  name: string;
  value: number | null;
  unit: string;
}

export function printFigure(figure: Figure): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

/** A figure measured several times: the median as `value`, with `min`, `max` and `runs`. */
export function figureOfRuns(name: string, unit: string, values: readonly number[], context: Context = {}, digits = 1): Figure {
  if (values.length === 0) return skippedFigure(name, unit, typeof context.error === 'string' ? context.error : 'no successful run', context);
  const s = roundSpread(spread(values), digits);
  return { name, value: s.value, unit, min: s.min, max: s.max, runs: s.runs, ...context };
}

/** A figure that could not be measured, with the reason: the bench still completes. */
export function skippedFigure(name: string, unit: string, reason: string, context: Context = {}): Figure {
  return { name, value: null, unit, ...context, skipped: reason };
}

export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
