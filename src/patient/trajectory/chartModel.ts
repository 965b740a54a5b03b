/**
 * What the trajectory chart draws, computed without chart.js so it can be tested: the scored
 * points with their markers and tooltip text, the severity bands, the baseline, the 50% target
 * and the remission line, and the visible time range.
 */
import { subMonths, subYears } from 'date-fns';
import type { Administration, InstrumentId, SeverityBand } from '../../clinical';
import { getInstrument } from '../../clinical';

export type PointMarker = 'complete' | 'prorated' | 'preliminary';

export interface ChartPoint {
  x: number;
  y: number;
  date: string;
  marker: PointMarker;
  severity: string;
  /** "-6 (-38%) from baseline", when there is a baseline. */
  change?: string;
  item9Positive: boolean;
  /** Sent by the patient from home: drawn as a square. */
  patientReported: boolean;
}

export interface ReferenceLine {
  id: 'baseline' | 'target' | 'remission';
  y: number;
  label: string;
}

/** A vertical line on the time axis: a treatment change (or an enrollment event) at `x`. */
export type MarkerKind = 'start' | 'dose-change' | 'switch' | 'augmentation' | 'stop' | 'enrollment' | 'discharge';

export interface EventMarker {
  id: string;
  x: number;
  /** yyyy-MM-dd as recorded. */
  date: string;
  kind: MarkerKind;
  /** Short text drawn beside the line: "sertraline 50→100 mg". */
  label: string;
  /** Sentence for the tooltip. */
  description: string;
}

/** Markers inside the visible window (`xMin` undefined: from the start), oldest first. */
export function visibleMarkers(markers: readonly EventMarker[], xMin: number | undefined, xMax: number): EventMarker[] {
  return markers.filter((m) => (xMin === undefined || m.x >= xMin) && m.x <= xMax).sort((a, b) => a.x - b.x);
}

export type ChartRange = '6m' | '1y' | 'all';

export const RANGE_LABELS: Record<ChartRange, string> = { '6m': '6 months', '1y': '1 year', all: 'All' };

export function formatChange(total: number, baseline: number): string {
  const diff = total - baseline;
  const sign = diff > 0 ? '+' : '';
  // One decimal, as the summary shows it (the clinical course rounds the same way).
  const percent = baseline === 0 ? '' : ` (${sign}${Math.round((diff / baseline) * 1000) / 10}%)`;
  return `${sign}${diff}${percent} from baseline`;
}

/** Only scored administrations are points; incomplete forms stay in the table. */
export function chartPoints(administrations: readonly Administration[], baseline: number | undefined): ChartPoint[] {
  return administrations
    .filter((a) => a.completeness !== 'incomplete' && a.total !== undefined && a.instant !== undefined)
    .map((a) => ({
      x: a.instant as number,
      y: a.total as number,
      date: a.localDate ?? '',
      marker: a.status === 'preliminary' ? 'preliminary' : a.completeness === 'prorated' ? 'prorated' : 'complete',
      severity: a.severity?.label ?? '',
      ...(baseline !== undefined ? { change: formatChange(a.total as number, baseline) } : {}),
      item9Positive: (a.item9 ?? 0) > 0,
      patientReported: a.reportedBy === 'patient',
    }));
}

export function referenceLines(instrument: InstrumentId, baseline: number | undefined, remissionBelow: number): ReferenceLine[] {
  const lines: ReferenceLine[] = [];
  if (baseline !== undefined) {
    lines.push({ id: 'baseline', y: baseline, label: `Baseline ${baseline}` });
    const target = baseline / 2;
    if (baseline > 0) lines.push({ id: 'target', y: target, label: `50% target ${Number.isInteger(target) ? target : target.toFixed(1)}` });
  }
  if (instrument === 'phq9' || instrument === 'gad7') lines.push({ id: 'remission', y: remissionBelow, label: `Remission < ${remissionBelow}` });
  return lines;
}

export function severityBands(instrument: InstrumentId): readonly SeverityBand[] {
  return getInstrument(instrument).severityBands;
}

/** Start of the visible window; `all` shows everything. */
export function rangeStart(range: ChartRange, now: Date): number | undefined {
  if (range === '6m') return subMonths(now, 6).getTime();
  if (range === '1y') return subYears(now, 1).getTime();
  return undefined;
}

/** Ranges worth offering: a short history needs no range control. */
export function usefulRanges(points: readonly ChartPoint[], now: Date): ChartRange[] {
  const first = points[0]?.x;
  if (first === undefined || first >= subMonths(now, 6).getTime()) return ['all'];
  if (first >= subYears(now, 1).getTime()) return ['6m', 'all'];
  return ['6m', '1y', 'all'];
}
