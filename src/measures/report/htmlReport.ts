/**
 * The command line's report as one self-contained HTML file: inline CSS, charts drawn as
 * inline SVG (no script, no font, no image, nothing fetched), so it opens in any browser,
 * offline, and can be mailed or archived as it is. Every string that comes from the data
 * (patient names, stratum values, reasons, measure names) goes through `escapeHtml`. Pure.
 */
import type { MeasureSummary } from '../ecqm/summary';
import type { TextTable } from '../../program/programTables';
import type { TrendSeries } from '../../program/programView';
import type { ProgramReport } from './programReport';

/** Text made safe for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const esc = escapeHtml;

/** Lists longer than this are cut in the page (the CSV of the same name holds all of it). */
export const HTML_LIST_LIMIT = 200;

export interface HtmlReportOptions {
  /** When the report was made (ISO instant). */
  readonly generated: string;
  /** Where the data came from, in words (a folder, a FHIR base URL). */
  readonly source: string;
  /** The CSV file holding each table, by the table's key, so the page can point to it. */
  readonly csvFiles?: Readonly<Record<string, string>>;
}

// Okabe-Ito, as the app's chart: distinct for colour-blind readers.
const COLOUR = '#0072B2';

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1a1a1a;max-width:1200px}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.75rem 0 .5rem}h3{font-size:1rem;margin:1rem 0 .4rem}
p.meta{color:#444;margin:.2rem 0}.warn{background:#fff4e5;border-left:4px solid #b26a00;padding:.5rem .75rem}
table{border-collapse:collapse;margin:.25rem 0 1rem;font-size:.9rem}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}thead th{background:#f2f2f2;white-space:nowrap}.scroll{overflow-x:auto}tbody th{font-weight:500}
td.n{text-align:right;white-space:nowrap}.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:1rem}
figure{margin:0;border:1px solid #ddd;padding:.5rem}figcaption{font-size:.85rem;font-weight:600;margin-bottom:.25rem}
svg text{font-size:10px;fill:#333}details{margin:.25rem 0}summary{cursor:pointer;font-weight:600}
@media print{details{display:block}summary{display:none}}
`;

function table(t: TextTable, caption: string, numericFrom = 1, limit = Infinity, csv?: string): string {
  const shown = t.rows.slice(0, limit);
  const head = `<thead><tr>${t.headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>`;
  const body = shown
    .map((r) => `<tr>${r.map((v, i) => (i === 0 ? `<th scope="row">${esc(v)}</th>` : `<td${i >= numericFrom ? ' class="n"' : ''}>${esc(v)}</td>`)).join('')}</tr>`)
    .join('\n');
  const more = t.rows.length > shown.length ? `<p>${t.rows.length - shown.length} more rows${csv ? ` in ${esc(csv)}` : ''}.</p>` : '';
  const empty = t.rows.length === 0 ? `<tr><td colspan="${t.headers.length}">Nobody on this list.</td></tr>` : '';
  return `<div class="scroll"><table><caption>${esc(caption)}</caption>${head}<tbody>${body}${empty}</tbody></table></div>${more}`;
}

/** One rated measure's twelve months as a small line chart (0-100%); a month without a rate is a gap. */
function chart(months: readonly string[], s: TrendSeries): string {
  const w = 260;
  const h = 120;
  const left = 36;
  const bottom = 18;
  const x = (i: number) => left + (months.length > 1 ? (i * (w - left - 6)) / (months.length - 1) : 0);
  const y = (v: number) => 6 + ((100 - v) * (h - bottom - 6)) / 100;
  const segments: string[][] = [[]];
  s.months.forEach((m, i) => {
    if (m.value === undefined) segments.push([]);
    else segments.at(-1)!.push(`${x(i).toFixed(1)},${y(m.value).toFixed(1)}`);
  });
  const lines = segments
    .filter((p) => p.length > 0)
    .map((p) => (p.length === 1 ? `<circle cx="${p[0]!.split(',')[0]}" cy="${p[0]!.split(',')[1]}" r="2.5" fill="${COLOUR}"/>` : `<polyline fill="none" stroke="${COLOUR}" stroke-width="2" points="${p.join(' ')}"/>`))
    .join('');
  const grid = [0, 50, 100].map((v) => `<line x1="${left}" x2="${w - 6}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${left - 3}" y="${y(v) + 3}" text-anchor="end">${v}%</text>`).join('');
  const ticks = [0, months.length - 1].map((i) => `<text x="${x(i)}" y="${h - 4}" text-anchor="${i === 0 ? 'start' : 'end'}">${esc(months[i] ?? '')}</text>`).join('');
  const label = `${s.name} by month, ${months[0] ?? ''} to ${months.at(-1) ?? ''}; the table Program measures by month holds the figures`;
  return `<figure><figcaption>${esc(s.name)}</figcaption><svg role="img" aria-label="${esc(label)}" viewBox="0 0 ${w} ${h}" width="100%" xmlns="http://www.w3.org/2000/svg"><title>${esc(label)}</title>${grid}${ticks}${lines}</svg></figure>`;
}

function populations(list: readonly MeasureSummary[]): string {
  if (list.length === 0) return '';
  const rows = list.map((p) => [
    p.measure,
    String(p.initialPopulation),
    String(p.denominator),
    String(p.denominatorExclusion),
    String(p.denominatorException),
    String(p.numerator),
    p.rate === null ? '-' : `${(100 * p.rate).toFixed(1)}%`,
  ]);
  return table({ headers: ['Measure', 'Initial population', 'Denominator', 'Exclusions', 'Exceptions', 'Numerator', 'Rate'], rows }, 'Quality measure populations');
}

export function htmlReport(report: ProgramReport, options: HtmlReportOptions): string {
  const csv = options.csvFiles ?? {};
  const rated = report.trend.series.filter((s) => s.hasRate);
  const sections: string[] = [];
  sections.push(`<h1>CoCM program report</h1>
<p class="meta">Measurement period ${esc(report.period.start)} to ${esc(report.period.end)} · ${report.patientCount} patients · care gaps as of ${esc(report.today)} · made ${esc(options.generated)}</p>
<p class="meta">Data: ${esc(options.source)}${report.threshold > 0 ? ` · counts from 1 to ${report.threshold - 1} are shown as suppressed` : ''}</p>`);
  if (report.couldNotRead > 0) sections.push(`<p class="warn">${report.couldNotRead} patients could not be read and are not counted in any measure; each measure's list names them.</p>`);
  sections.push(`<h2>Measures for the period</h2>${table(report.measures, 'Program measures', 1, Infinity)}${populations(report.ecqmPopulations)}`);
  if (rated.length > 0) {
    sections.push(
      `<h2>Month by month</h2><div class="charts">${rated.map((s) => chart(report.trend.months, s)).join('')}</div>${table(report.trendTable, 'Program measures by month')}`,
    );
  }
  if (report.strata.length > 0) {
    sections.push(
      `<h2>Strata</h2>${report.strata.map((s) => `<details><summary>By ${esc(s.title.toLowerCase())}</summary>${table(s.table, `Program measures by ${s.title.toLowerCase()}`, 2)}</details>`).join('\n')}`,
    );
  }
  if (report.workLists.length > 0) {
    sections.push(
      `<h2>Care gaps as of ${esc(report.today)}</h2>${report.workLists
        .map((l) => `<details><summary>${esc(l.title)} (${l.table.rows.length})</summary>${table(l.table, l.title, 99, HTML_LIST_LIMIT, csv[`gaps:${l.kind}`])}</details>`)
        .join('\n')}`,
    );
  }
  sections.push(
    `<h2>Patients behind each measure</h2>${report.drillDown
      .map((d) => `<details><summary>${esc(d.name)} (${d.table.rows.length})</summary>${table(d.table, d.name, 99, HTML_LIST_LIMIT, csv[`patients:${d.id}`])}</details>`)
      .join('\n')}`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>CoCM program report ${esc(report.period.start)} to ${esc(report.period.end)}</title>
<style>${CSS}</style></head>
<body><main>
${sections.join('\n')}
</main></body></html>
`;
}
