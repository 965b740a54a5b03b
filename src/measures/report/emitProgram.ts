/**
 * What `npm run measures` gives for the CoCM program measures, whichever way the patients
 * were read (in memory, on worker threads, merged from shards): a JSON summary line per
 * measure on stdout and, with --out, the Program tab's downloads (the summary and
 * subject-list MeasureReports, a CSV per table through the tab's CSV writer) and the
 * self-contained HTML report.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveRegistrySettings } from '../../clinical/enrollment/settings';
import { resolveProgramMeasureSettings, subjectListReport, summaryReport, type Period, type ProgramPatient } from '../../clinical/program';
import { compareStrings } from '../../clinical/read/references';
import type { PatientResult } from '../ecqm/engine';
import type { MeasureId } from '../ecqm/measures';
import type { ProgramRunOptions } from '../ecqm/node/cliArgs';
import { tableCsv } from '../../program/csv';
import type { TextTable } from '../../program/programTables';
import { htmlReport } from './htmlReport';
import { DIMENSIONS, programReport, programSummaryLine, type ProgramReportInput } from './programReport';

export const REPORT_FILE = 'report.html';

/** The report's input from a run: the program's default settings (docs/program-measures.md). */
export function programInput(
  patients: readonly ProgramPatient[],
  ecqm: Readonly<Partial<Record<MeasureId, readonly PatientResult[]>>>,
  period: Period,
  program: ProgramRunOptions,
  names: Readonly<Record<string, string>>,
): ProgramReportInput {
  const settings = resolveProgramMeasureSettings();
  // In patient order whichever way the run went (in memory: file order; pooled or merged: sorted).
  const sorted = Object.fromEntries(Object.entries(ecqm).map(([m, list]) => [m, [...list].sort((a, b) => compareStrings(a.patientId, b.patientId))]));
  return {
    patients,
    ecqm: sorted,
    program: program.enabled,
    period,
    today: program.today,
    settings,
    threshold: program.suppress ? settings.sharedSmallCellThreshold : settings.smallCellThreshold,
    cadenceDays: resolveRegistrySettings().activeCadenceDays,
    names,
  };
}

export async function emitProgram(input: ProgramReportInput, out: string | undefined, generatedAt: string, source: string): Promise<void> {
  const report = programReport(input);
  for (const row of report.programRows) process.stdout.write(`${JSON.stringify(programSummaryLine(row))}\n`);
  if (!out) return;
  const csvDir = join(out, 'csv');
  await mkdir(csvDir, { recursive: true });
  const csvFiles: Record<string, string> = {};
  const csv = async (key: string, name: string, t: TextTable) => {
    csvFiles[key] = `csv/${name}`;
    await writeFile(join(csvDir, name), tableCsv(t.headers, t.rows));
  };
  await csv('measures', 'program-measures.csv', report.measures);
  if (input.program) {
    await csv('months', 'program-measures-by-month.csv', report.trendTable);
    for (const s of report.strata) await csv(`strata:${s.by}`, `program-measures-by-${s.title.toLowerCase().replace(/\s+/g, '-')}.csv`, s.table);
    const results = report.programRows.map((r) => r.result);
    const options = { period: input.period, generated: generatedAt, threshold: input.threshold, patients: report.patients };
    await writeFile(join(out, 'program-summary.json'), `${JSON.stringify(summaryReport(results, { ...options, label: report.label, dimensions: DIMENSIONS }), null, 2)}\n`);
    await writeFile(join(out, 'program-subject-list.json'), `${JSON.stringify(subjectListReport(results, options), null, 2)}\n`);
  }
  for (const l of report.workLists) await csv(`gaps:${l.kind}`, `care-gaps-${l.kind}.csv`, l.table);
  for (const d of report.drillDown) await csv(`patients:${d.id}`, `${d.id}-patients.csv`, d.table);
  await writeFile(join(out, REPORT_FILE), htmlReport(report, { generated: generatedAt, source, csvFiles }));
}
