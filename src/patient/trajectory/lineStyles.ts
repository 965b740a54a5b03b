import type { ReferenceLine } from './chartModel';

/** How each reference line is drawn, on the chart and in its legend alike. */
export const LINE_STYLE: Record<ReferenceLine['id'], { color: string; dash: number[] }> = {
  baseline: { color: '#455a64', dash: [] },
  target: { color: '#1d4f91', dash: [6, 4] },
  remission: { color: '#2e7d32', dash: [2, 3] },
};
