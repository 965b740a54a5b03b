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
import { markerAnnotations, markerSummary } from './markerAnnotations';

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
const PLUGINS = [DRAWN_MARK];

// Pale band colours from green to red, light enough for the line to stay the strongest mark.
const BAND_COLOURS: Record<string, string> = {
  minimal: 'rgba(46, 125, 50, 0.10)',
  mild: 'rgba(158, 157, 36, 0.12)',
  moderate: 'rgba(239, 108, 0, 0.12)',
  'moderately-severe': 'rgba(216, 67, 21, 0.14)',
  severe: 'rgba(183, 28, 28, 0.16)',
};

const LINE_STYLE: Record<ReferenceLine['id'], { color: string; dash: number[] }> = {
  baseline: { color: '#455a64', dash: [] },
  target: { color: '#1d4f91', dash: [6, 4] },
  remission: { color: '#2e7d32', dash: [2, 3] },
};

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
    for (const band of severityBands(instrument)) {
      annotations[`band-${band.id}`] = {
        type: 'box',
        yMin: band.min,
        yMax: Math.min(band.max + 1, def.maxScore),
        backgroundColor: BAND_COLOURS[band.id] ?? 'transparent',
        borderWidth: 0,
        drawTime: 'beforeDatasetsDraw',
        label: { display: true, content: band.label, position: { x: 'start', y: 'center' }, color: '#555', font: { size: 10 } },
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
        label: { display: true, content: line.label, position: 'end', backgroundColor: 'rgba(255,255,255,0.85)', color: style.color, font: { size: 10 } },
      };
    }
    Object.assign(annotations, markerAnnotations(markers));
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      normalized: true,
      scales: {
        x: { type: 'time', ...(xMin !== undefined ? { min: xMin } : {}), max: xMax, time: { tooltipFormat: 'yyyy-MM-dd' } },
        y: { min: 0, max: def.maxScore, ticks: { stepSize: 5 }, title: { display: true, text: `${def.name} score` } },
      },
      plugins: {
        legend: { display: false },
        annotation: { annotations },
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
  }, [instrument, lines, xMin, xMax, def.maxScore, def.name, markers]);
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
