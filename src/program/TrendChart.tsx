/** Month-by-month rates of the rated measures (chart.js); the table twin holds the same figures. */
import { CategoryScale, Chart as ChartJS, type ChartOptions, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useMemo, useState } from 'react';
import { Line } from 'react-chartjs-2';
import { yieldToPage } from '../shared/yieldToPage';
import type { TrendSeries } from './programView';

ChartJS.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend);

// Distinct, colour-blind friendly (Okabe-Ito) with dashes for a second cue.
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#999999', '#F0E442'];
const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3]];
/** Drawn at first (a chart of nine lines reads as none); the legend shows the rest on a click, the table holds all. */
const SHOWN = new Set(['Monthly contact rate', 'Improved at 70 days', 'Screening rate']);

export default function TrendChart({ months, series }: { months: readonly string[]; series: readonly TrendSeries[] }) {
  // Kept while the series are: a new data object makes react-chartjs-2 update the chart (tens of ms).
  const rated = useMemo(() => series.filter((s) => s.hasRate), [series]);
  const data = useMemo(
    () => ({
      labels: [...months],
      datasets: rated.map((s, i) => ({
        label: s.name,
        data: s.months.map((m) => (m.value === undefined ? null : Math.round(m.value * 10) / 10)),
        borderColor: COLOURS[i % COLOURS.length],
        backgroundColor: COLOURS[i % COLOURS.length],
        borderDash: DASHES[i % DASHES.length],
        borderWidth: 2,
        pointRadius: 3,
        spanGaps: false,
        hidden: !SHOWN.has(s.name),
      })),
    }),
    [months, rated],
  );
  const options = useMemo<ChartOptions<'line'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { min: 0, max: 100, title: { display: true, text: 'Rate (%)' } }, x: { ticks: { maxRotation: 0, autoSkip: true } } },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, font: { size: 11 } } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${String(item.raw)}%` } },
      },
    }),
    [],
  );
  // The chart is made in a task of its own (about 90 ms of chart.js), not in the commit that
  // brings the rest of the tab: the two together were one long task.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void yieldToPage().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  return (
    <div style={{ position: 'relative', height: 320 }}>
      {ready ? <Line data={data} options={options} role="img" aria-label="Program measures by month, chart. The table Program measures by month holds the same figures." /> : null}
    </div>
  );
}
