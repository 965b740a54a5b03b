/**
 * The command line's HTML report: self-contained (no script, no external address, a CSP that
 * forbids fetching anything), every string from the data escaped, the tables and their chart
 * twins present, long lists cut with a pointer to their CSV.
 */
import { describe, expect, it } from 'vitest';
import { resolveProgramMeasureSettings } from '../../clinical/program';
import { programPatient } from '../../clinical/program/testPatients';
import type { ProgramPatient } from '../../clinical/program';
import { escapeHtml, HTML_LIST_LIMIT, htmlReport } from './htmlReport';
import { programReport } from './programReport';

const HOSTILE = `<script>alert("x")</script>&'`;

function named(p: ProgramPatient, name: string): ProgramPatient {
  return { ...p, name, mrn: `<b>${p.id}</b>` };
}

const patients = [
  named(
    programPatient({
      id: 'a',
      episodes: [{ enrolledOn: '2026-01-05', careManager: 'Practitioner/cm1' }],
      contacts: [['2026-01-05', 'initial-assessment'], ['2026-02-01'], ['2026-03-01']],
      scores: [
        ['phq9', '2026-01-04', 18],
        ['phq9', '2026-03-15', 7],
      ],
      demographics: { race: HOSTILE, language: '<img src=x onerror=alert(1)>' },
      visits: ['2026-01-04'],
    }),
    HOSTILE,
  ),
  named(programPatient({ id: 'b', episodes: [{ enrolledOn: '2026-02-05' }], contacts: [['2026-02-05']], visits: ['2026-02-05'] }), 'Doe, Jane'),
];

function report(list = patients) {
  return programReport({
    patients: list,
    ecqm: {},
    program: true,
    period: { start: '2026-01-01', end: '2026-12-31' },
    today: '2026-12-01',
    settings: resolveProgramMeasureSettings(),
    threshold: 0,
    cadenceDays: 14,
    names: { 'Practitioner/cm1': `Nurse <i>Ratched</i>` },
  });
}

describe('htmlReport', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
  });

  it('escapes every string from the data and fetches nothing', () => {
    const html = htmlReport(report(), { generated: '2026-12-01T10:00:00Z', source: '/data/<export>' });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<i>Ratched');
    expect(html).not.toContain('<b>a</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(html).toContain('Nurse &lt;i&gt;Ratched&lt;/i&gt;');
    expect(html).toContain('/data/&lt;export&gt;');
    // Self-contained: nothing to load, and a policy that would refuse it anyway.
    expect(html).not.toMatch(/<[^>]*\b(src|href)\s*=/i);
    expect(new Set(html.match(/https?:\/\/[^"\s<]+/g))).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  });

  it('holds the measures table, the month-by-month charts with their table twin, strata and work lists', () => {
    const r = report();
    const html = htmlReport(r, { generated: '2026-12-01T10:00:00Z', source: 'x' });
    expect(html).toContain('<caption>Program measures</caption>');
    expect(html).toContain('<caption>Program measures by month</caption>');
    expect(html).toContain('<caption>Program measures by care manager</caption>');
    const rated = r.trend.series.filter((s) => s.hasRate).length;
    expect(rated).toBeGreaterThan(5);
    expect(html.match(/<svg role="img" aria-label="[^"]+ by month, 2026-01 to 2026-12; the table Program measures by month holds the figures"/g)).toHaveLength(rated);
    const three = r.measures.rows.find((row) => row[0] === 'Three or more contacts');
    expect(three).toEqual(['Three or more contacts', '1', '2', '50.0%']);
    expect(html).toContain('<th scope="row">Three or more contacts</th><td class="n">1</td><td class="n">2</td><td class="n">50.0%</td>');
  });

  it('cuts a long list and names the CSV that holds all of it', () => {
    const many = Array.from({ length: HTML_LIST_LIMIT + 5 }, (_, i) => programPatient({ id: `p${i}`, episodes: [{ enrolledOn: '2026-01-05' }] }));
    const html = htmlReport(report(many), { generated: 'g', source: 's', csvFiles: { 'patients:active-caseload': 'csv/active-caseload-patients.csv' } });
    expect(html).toContain(`<summary>Active caseload (${HTML_LIST_LIMIT + 5})</summary>`);
    expect(html).toContain('5 more rows in csv/active-caseload-patients.csv.');
  });
});
