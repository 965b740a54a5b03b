import type { Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { buildEnrollmentObservation } from '../enrollment/records.ts';
import { describe, expect, it } from 'vitest';
import { buildQuestionnaireResponse } from '../records/questionnaireResponse.ts';
import { buildTotalObservation } from '../records/observation.ts';
import type { CompletedScreening } from '../records/types.ts';
import { patientStatus } from './patientStatus.ts';
import { orderForReview, patientReportRows } from './reportList.ts';
import { buildReviewMark, readReviewMarks } from './reviewMark.ts';
import { reportSourceOfObservation, reportSourceOfResponse } from './reportSource.ts';
import { reportsSentOn } from './sentReports.ts';

const clock = { now: new Date('2026-03-10T14:05:00Z'), utcOffsetMinutes: -300 };
const byPatient: CompletedScreening = { screeningId: 's1', patientId: 'p1', author: 'Patient/p1', administered: [{ instrument: 'phq9', scores: [1, 1, 0, 2, 1, 0, 1, 0, 0] }] };
const byClinic: CompletedScreening = { ...byPatient, screeningId: 's2', author: 'Practitioner/cm1' };

function enrollment(date: string): Observation {
  return buildEnrollmentObservation({ actionId: 'a1', patientId: 'p1', kind: 'enrolled', date, careManager: 'Practitioner/cm1', now: new Date(`${date}T15:00:00Z`) });
}

describe('patient reports', () => {
  it('tells patient-reported records from the clinic’s: the form authored by the patient, the total performed by the patient', () => {
    expect(reportSourceOfResponse(buildQuestionnaireResponse(byPatient, byPatient.administered[0]!, clock))).toBe('patient');
    expect(reportSourceOfResponse(buildQuestionnaireResponse(byClinic, byClinic.administered[0]!, clock))).toBe('clinic');
    expect(reportSourceOfObservation(buildTotalObservation(byPatient, byPatient.administered[0]!, clock)!)).toBe('patient');
    expect(reportSourceOfObservation(buildTotalObservation(byClinic, byClinic.administered[0]!, clock)!)).toBe('clinic');
  });

  it('lists what the patient sent on a day (not the clinic’s forms, not other days), answer by answer', () => {
    const mine = buildQuestionnaireResponse(byPatient, byPatient.administered[0]!, clock);
    const clinic = buildQuestionnaireResponse(byClinic, byClinic.administered[0]!, clock);
    const yesterday: QuestionnaireResponse = { ...mine, authored: '2026-03-09T09:00:00-05:00' };
    const sent = reportsSentOn([clinic, yesterday, mine], 'p1', '2026-03-10');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.name).toBe('PHQ-9');
    expect(sent[0]?.answers[3]).toEqual({ question: 'Feeling tired or having little energy', answer: 'More than half the days' });
    expect(reportsSentOn([mine], 'someone-else', '2026-03-10')).toEqual([]);
  });

  it('says what is due from the enrollment and the scores, and what was sent today', () => {
    const mine = buildQuestionnaireResponse(byPatient, byPatient.administered[0]!, clock);
    const earlier: QuestionnaireResponse = {
      ...buildQuestionnaireResponse({ ...byPatient, screeningId: 's0' }, byPatient.administered[0]!, clock),
      authored: '2026-02-20T09:00:00-05:00',
    };
    // Enrolled 2026-01-05 (past the first month): every 2 weeks from the last score, 2026-02-20.
    const before = patientStatus({ responses: [earlier], scoreObservations: [], registryObservations: [enrollment('2026-01-05')] }, 'p1', '2026-03-10');
    expect(before.due).toMatchObject({ status: 'overdue', nextDue: '2026-03-06', intervalDays: 14 });
    expect(before.careManager).toBe('Practitioner/cm1');
    expect(before.sentToday).toEqual([]);
    const after = patientStatus({ responses: [earlier, mine], scoreObservations: [], registryObservations: [enrollment('2026-01-05')] }, 'p1', '2026-03-10');
    expect(after.sentToday).toHaveLength(1);
    expect(after.due).toMatchObject({ status: 'not-yet', nextDue: '2026-03-24' });
    // Not enrolled: nothing is scheduled.
    expect(patientStatus({ responses: [], scoreObservations: [], registryObservations: [] }, 'p1', '2026-03-10').due.status).toBe('not-scheduled');
  });
});

describe('patient reports list', () => {
  const earlier: QuestionnaireResponse = {
    ...buildQuestionnaireResponse(byClinic, { instrument: 'phq9', scores: [0, 0, 0, 1, 0, 0, 1, 0, 0] }, clock),
    id: 'c1',
    authored: '2026-02-20T09:00:00-05:00',
  };
  const home: QuestionnaireResponse = { ...buildQuestionnaireResponse(byPatient, { instrument: 'phq9', scores: [1, 1, 0, 2, 1, 0, 1, 0, 1] }, clock), id: 'h1' };
  const homeGad: QuestionnaireResponse = {
    ...buildQuestionnaireResponse({ ...byPatient, screeningId: 's3' }, { instrument: 'gad7', scores: [1, 1, 1, 1, 0, 0, 0] }, { ...clock, now: new Date('2026-03-10T15:00:00Z') }),
    id: 'h2',
  };

  it('lists only what patients sent, since the date, with score, change from the previous score (any source) and item 9', () => {
    const rows = patientReportRows({ patientId: 'p1', questionnaireResponses: [earlier, home, homeGad], observations: [] }, new Map(), '2026-03-01');
    expect(rows.map((r) => r.report)).toEqual(['QuestionnaireResponse/h1', 'QuestionnaireResponse/h2']);
    expect(rows[0]).toMatchObject({ instrument: 'phq9', total: 7, change: 5, item9: 1, safety: true, date: '2026-03-10' });
    expect(rows[1]).toMatchObject({ instrument: 'gad7', total: 4, change: undefined, safety: false });
    expect(patientReportRows({ patientId: 'p1', questionnaireResponses: [earlier, home], observations: [] }, new Map(), '2026-03-11')).toEqual([]);
  });

  it('orders for review: item 9 first, then the rest waiting, reviewed last; a review mark is read back by report', () => {
    const mark = buildReviewMark({
      patientId: 'p1',
      report: 'QuestionnaireResponse/h1',
      by: 'Practitioner/cm1',
      when: '2026-03-10T11:00:00-05:00',
      now: new Date('2026-03-10T16:00:00Z'),
    });
    expect(mark.identifier?.[0]?.value).toBe('QuestionnaireResponse-h1/patient-report-reviewed');
    const marks = readReviewMarks([mark]);
    expect(marks.get('QuestionnaireResponse/h1')).toEqual({ report: 'QuestionnaireResponse/h1', by: 'Practitioner/cm1', when: '2026-03-10T11:00:00-05:00' });
    const rows = patientReportRows({ patientId: 'p1', questionnaireResponses: [earlier, home, homeGad], observations: [] }, new Map(), '2026-03-01');
    expect(orderForReview(rows).map((r) => r.instrument)).toEqual(['phq9', 'gad7']);
    const reviewed = patientReportRows({ patientId: 'p1', questionnaireResponses: [earlier, home, homeGad], observations: [] }, marks, '2026-03-01');
    expect(orderForReview(reviewed).map((r) => [r.instrument, r.reviewed?.by])).toEqual([
      ['gad7', undefined],
      ['phq9', 'Practitioner/cm1'],
    ]);
  });
});
