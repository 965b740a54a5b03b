/** Median with min and max beside it: the issue asks every figure to show its spread. */
export interface Spread {
  /** The median of the runs (for an even count, the mean of the middle two). */
  value: number;
  min: number;
  max: number;
  runs: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('spread() needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { value: median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** Rounds for printing: whole numbers stay whole, others keep `digits` decimals. */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function roundSpread(s: Spread, digits = 1): Spread {
  return { value: round(s.value, digits), min: round(s.min, digits), max: round(s.max, digits), runs: s.runs };
}
