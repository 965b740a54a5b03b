/**
 * The trajectory chart (chart.js). Loaded lazily: chart.js is the largest part of the patient
 * view, and the summary and table twin can show before it arrives.
 */
import {
  Chart as ChartJS,
  type ChartOptions,
  type Plugin,
  type ScriptableContext,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  TimeScale,
  Tooltip,
} from 'chart.js';
import 'chartjs-adapter-date-fns';
import annotationPlugin, { type AnnotationOptions } from 'chartjs-plugin-annotation';
import { useMemo } from 'react';
import { Line } from 'react-chartjs-2';
import type { InstrumentId } from '../../clinical';
import { getInstrument } from '../../clinical';
import { type ChartPoint, type EventMarker, type ReferenceLine, severityBands } from './chartModel';
import { LINE_STYLE } from './lineStyles';
import { ALWAYS_LABELLED_MAX, markerAnnotations, markerStrip, markerSummary } from './markerAnnotations';

ChartJS.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Tooltip, Filler, annotationPlugin);

/**
 * `npm run bench` times "launch to chart" up to the moment chart.js has first drawn a chart:
 * a User Timing mark `chart-drawn:<instrument>` (no patient data), once per chart.
 */
const drawn = new WeakSet<object>();
const DRAWN_MARK: Plugin<'line'> = {
  id: 'cocmDrawnMark',
  afterRender(chart) {
    if (drawn.has(chart) || typeof performance.mark !== 'function') return;
    drawn.add(chart);
    performance.mark(`chart-drawn:${chart.canvas.dataset.instrument ?? 'unknown'}`);
  },
};
/**
 * After each draw, the newest point's position and every annotation label's box (CSS pixels
 * on the canvas) go on the canvas as data attributes: the browser test checks from them that
 * no label covers the newest point. Positions only, no patient data.
 */
const GEOMETRY: Plugin<'line'> = {
  id: 'cocmGeometry',
  afterRender(chart) {
    const points = chart.getDatasetMeta(0).data;
    const newest = points[points.length - 1] as (PointElement & { options?: { radius?: number } }) | undefined;
    const { left, right, top, bottom } = chart.chartArea;
    const boxes = annotationPlugin
      .getAnnotations(chart)
      .flatMap((el) => [el.options.type === 'label' ? el : undefined, el.label?.options.display ? el.label : undefined])
      .filter((b): b is NonNullable<typeof b> => b !== undefined && b.width > 0)
      .map((b) => ({ x: Math.round(b.x), y: Math.round(b.y), x2: Math.round(b.x2), y2: Math.round(b.y2) }));
    chart.canvas.dataset.geometry = JSON.stringify({
      area: { left, right, top, bottom },
      newest: newest ? { x: Math.round(newest.x), y: Math.round(newest.y), r: newest.options?.radius ?? 4 } : undefined,
      labels: boxes,
    });
  },
};
const PLUGINS = [DRAWN_MARK, GEOMETRY];

/** Right padding of the time axis (share of the visible span), so the newest point and its label sit inside the chart. */
const RIGHT_PAD = 0.07;

// Dates on the axis: ISO, never rotated; chart.js skips ticks that would touch.
const TIME_FORMATS = { day: 'yyyy-MM-dd', week: 'yyyy-MM-dd', month: 'yyyy-MM', quarter: 'yyyy-MM', year: 'yyyy' };

// Pale band colours from green to red, light enough for the line to stay the strongest mark.
const BAND_COLOURS: Record<string, string> = {
  minimal: 'rgba(46, 125, 50, 0.10)',
  mild: 'rgba(158, 157, 36, 0.12)',
  moderate: 'rgba(239, 108, 0, 0.12)',
  'moderately-severe': 'rgba(216, 67, 21, 0.14)',
  severe: 'rgba(183, 28, 28, 0.16)',
};

/** Band names short enough for the narrow axis at the right. */
const shortBand = (label: string) => label.replace(/^Moderately severe$/i, 'Mod. severe');

const NO_MARKERS: readonly EventMarker[] = [];

export interface TrajectoryChartProps {
  instrument: InstrumentId;
  points: ChartPoint[];
  lines: ReferenceLine[];
  xMin: number | undefined;
  xMax: number;
  /** Vertical lines for medication changes and the like, already limited to the visible window. */
  markers?: readonly EventMarker[] | undefined;
}

export default function TrajectoryChart({ instrument, points, lines, xMin, xMax, markers = NO_MARKERS }: TrajectoryChartProps) {
  const def = getInstrument(instrument);
  const data = useMemo(
    () => ({
      datasets: [
        {
          label: def.name,
          data: points,
          parsing: false as const,
          borderColor: '#1d4f91',
          borderWidth: 2,
          clip: 8,
          pointRadius: (ctx: ScriptableContext<'line'>) => ((ctx.raw as ChartPoint | undefined)?.item9Positive ? 6 : 4),
          pointStyle: (ctx: ScriptableContext<'line'>) => {
            const raw = ctx.raw as ChartPoint | undefined;
            const marker = raw?.marker;
            return marker === 'prorated' ? 'triangle' : marker === 'preliminary' ? 'rectRot' : raw?.patientReported ? 'rect' : 'circle';
          },
          pointBackgroundColor: (ctx: ScriptableContext<'line'>) => {
            const raw = ctx.raw as ChartPoint | undefined;
            if (raw?.item9Positive) return '#b71c1c';
            return raw?.marker === 'complete' ? '#1d4f91' : '#ffffff';
          },
          pointBorderColor: (ctx: ScriptableContext<'line'>) => ((ctx.raw as ChartPoint | undefined)?.item9Positive ? '#b71c1c' : '#1d4f91'),
        },
      ],
    }),
    [points, def.name],
  );
  const options = useMemo<ChartOptions<'line'>>(() => {
    const annotations: Record<string, AnnotationOptions> = {};
    const bands = severityBands(instrument);
    for (const band of bands) {
      annotations[`band-${band.id}`] = {
        type: 'box',
        yMin: band.min,
        yMax: Math.min(band.max + 1, def.maxScore),
        backgroundColor: BAND_COLOURS[band.id] ?? 'transparent',
        borderWidth: 0,
        drawTime: 'beforeDatasetsDraw',
      };
    }
    for (const line of lines) {
      const style = LINE_STYLE[line.id];
      annotations[line.id] = {
        type: 'line',
        yMin: line.y,
        yMax: line.y,
        borderColor: style.color,
        borderWidth: 1.5,
        borderDash: style.dash,
        // Named in the legend under the chart: a label on the line would cover points.
        label: { display: false, content: line.label },
      };
    }
    // The newest score, labelled beside its point: below it when the point is near the top.
    const newest = points[points.length - 1];
    if (newest) {
      const nearTop = newest.y > def.maxScore * 0.75;
      annotations['newest'] = {
        type: 'label',
        xValue: newest.x,
        yValue: newest.y,
        yAdjust: nearTop ? 18 : -18,
        content: `Latest ${newest.y}`,
        color: newest.item9Positive ? '#b71c1c' : '#1d4f91',
        backgroundColor: 'rgba(255,255,255,0.9)',
        font: { size: 11, weight: 'bold' },
        padding: 2,
        drawTime: 'afterDatasetsDraw',
      };
    }
    Object.assign(annotations, markerAnnotations(markers));
    const first = xMin ?? points[0]?.x ?? xMax;
    const pad = Math.max(RIGHT_PAD * (xMax - first), 3 * 86_400_000);
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      normalized: true,
      // A score at the top of the scale is drawn whole, not cut at the chart's edge.
      // Marker labels have a strip of their own above the plot.
      layout: { padding: { top: markers.length > 0 && markers.length <= ALWAYS_LABELLED_MAX ? markerStrip(markers.length) : 6, right: 4 } },
      scales: {
        x: {
          type: 'time',
          ...(xMin !== undefined ? { min: xMin } : {}),
          max: xMax + pad,
          time: { tooltipFormat: 'yyyy-MM-dd', minUnit: 'day', displayFormats: TIME_FORMATS },
          ticks: { maxRotation: 0, minRotation: 0, autoSkip: true, autoSkipPadding: 16, maxTicksLimit: 6 },
        },
        y: { min: 0, max: def.maxScore, ticks: { stepSize: 5, includeBounds: false }, title: { display: true, text: `${def.name} score` } },
        // Severity band names on an axis of their own at the right, beside their bands, never over points.
        bands: {
          type: 'linear',
          position: 'right',
          min: 0,
          max: def.maxScore,
          grid: { display: false },
          afterBuildTicks: (axis) => {
            axis.ticks = bands.map((b) => ({ value: (b.min + Math.min(b.max + 1, def.maxScore)) / 2 }));
          },
          ticks: {
            autoSkip: false,
            font: { size: 10 },
            color: '#555',
            callback: (value) => shortBand(bands.find((b) => (b.min + Math.min(b.max + 1, def.maxScore)) / 2 === value)?.label ?? ''),
          },
        },
      },
      plugins: {
        legend: { display: false },
        // Not clipped to the plot: marker labels sit in the strip above it.
        annotation: { clip: false, annotations },
        tooltip: {
          callbacks: {
            title: (items) => (items[0]?.raw as ChartPoint | undefined)?.date ?? '',
            label: (item) => {
              const p = item.raw as ChartPoint;
              const marks = [p.marker !== 'complete' ? p.marker : undefined, p.item9Positive ? 'item 9 positive' : undefined].filter(Boolean);
              return [`Score ${p.y}${marks.length ? ` (${marks.join(', ')})` : ''}`, p.severity, ...(p.change ? [p.change] : [])];
            },
          },
        },
      },
    };
  }, [instrument, lines, points, xMin, xMax, def.maxScore, def.name, markers]);
  return (
    <div style={{ position: 'relative', height: 260 }} data-treatment-markers={markerSummary(markers)}>
      <Line
        data={data}
        options={options}
        plugins={PLUGINS}
        data-instrument={instrument}
        role="img"
        aria-label={`${def.name} trajectory chart. The table of ${def.name} scores holds the same data.`}
      />
    </div>
  );
}
