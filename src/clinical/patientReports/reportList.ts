/**
 * The care team's `Patient reports` list: every questionnaire patients sent from home
 * (patient-reported administrations) since a date, with the score, the change from the
 * administration before it, item 9, and whether someone reviewed it. Ordered for work:
 * not yet reviewed first, a positive item 9 on top of those, newest first.
 */
import type { Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { INSTRUMENTS } from '../instruments/definitions.ts';
import type { InstrumentId } from '../instruments/types.ts';
import { compareAdministrations, readAdministrations } from '../read/readAdministrations.ts';
import { reportSourceOfResponse } from './reportSource.ts';
import { type ReviewMark } from './reviewMark.ts';

export interface PatientReportRow {
  readonly patientId: string;
  /** The form, `QuestionnaireResponse/123`: what "reviewed" marks. */
  readonly report: string;
  readonly instrument: InstrumentId;
  readonly instrumentName: string;
  /** yyyy-MM-dd as written. */
  readonly date: string;
  readonly instant: number;
  readonly total: number | undefined;
  readonly maxScore: number;
  readonly severity: string | undefined;
  /** Total minus the previous administration's total (any source); undefined when there is none. */
  readonly change: number | undefined;
  readonly item9: number | undefined;
  readonly safety: boolean;
  readonly reviewed: ReviewMark | undefined;
}

export interface PatientRecordsForReports {
  readonly patientId: string;
  readonly questionnaireResponses: readonly QuestionnaireResponse[];
  readonly observations: readonly Observation[];
}

export function patientReportRows(records: PatientRecordsForReports, marks: ReadonlyMap<string, ReviewMark>, since: string): PatientReportRow[] {
  const patientForms = new Set(
    records.questionnaireResponses.filter((qr) => qr.id && reportSourceOfResponse(qr) === 'patient').map((qr) => `QuestionnaireResponse/${qr.id as string}`),
  );
  if (patientForms.size === 0) return [];
  const { administrations } = readAdministrations({ questionnaireResponses: records.questionnaireResponses, observations: records.observations });
  const sorted = [...administrations].sort(compareAdministrations);
  const rows: PatientReportRow[] = [];
  sorted.forEach((a, i) => {
    const report = a.sources.find((s) => patientForms.has(s));
    if (!report || !a.localDate || a.localDate < since) return;
    const previous = sorted.slice(0, i).filter((p) => p.instrument === a.instrument && p.total !== undefined && p.completeness !== 'incomplete');
    const before = previous[previous.length - 1];
    rows.push({
      patientId: records.patientId,
      report,
      instrument: a.instrument,
      instrumentName: INSTRUMENTS[a.instrument].name,
      date: a.localDate,
      instant: a.instant ?? 0,
      total: a.completeness === 'incomplete' ? undefined : a.total,
      maxScore: INSTRUMENTS[a.instrument].maxScore,
      severity: a.severity?.label,
      change: a.total !== undefined && before?.total !== undefined ? a.total - before.total : undefined,
      item9: a.item9,
      safety: (a.item9 ?? 0) > 0,
      reviewed: marks.get(report),
    });
  });
  return rows;
}

/** Needs review first; among those a positive item 9 on top; then newest first. */
export function orderForReview(rows: readonly PatientReportRow[]): PatientReportRow[] {
  const rank = (r: PatientReportRow) => (r.reviewed ? 2 : r.safety ? 0 : 1);
  return [...rows].sort((a, b) => rank(a) - rank(b) || b.instant - a.instant || a.report.localeCompare(b.report));
}
