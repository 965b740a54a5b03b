import type { Flag, Observation, Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { observation, phq9Form, totalQuantity } from '../testing/fhirBuilders.ts';
import { eventObs, membershipFlag, reviewObs, reviewRequest } from '../enrollment/testing.ts';
import { buildRecommendationSeenObservation } from '../enrollment/records.ts';
import { buildCaseloadRow, failedRow, loadingRow, type RowOptions } from './caseloadRow.ts';
import { measurementDue } from '../schedule/measurementSchedule.ts';
import type { PatientRecords } from './types.ts';

const now = new Date('2024-06-03T15:00:00Z');
const timeZone = 'America/New_York';
const patient: Patient = {
  resourceType: 'Patient',
  id: 'pat-1',
  name: [{ use: 'official', family: 'Rivera', given: ['Ana'] }],
  identifier: [{ type: { coding: [{ code: 'MR' }] }, value: 'M123' }],
};

let n = 0;
function phq9(date: string, total: number): Observation {
  return observation({ id: `p9-${++n}`, code: '44261-6', effective: `${date}T10:00:00-05:00`, value: totalQuantity(total) });
}
function gad7(date: string, total: number): Observation {
  return observation({ id: `g7-${++n}`, code: '70274-6', effective: `${date}T10:00:00-05:00`, value: totalQuantity(total) });
}

function row(observations: Observation[], flags: Flag[] = [], extra: Partial<PatientRecords> = {}) {
  return buildCaseloadRow({ patientId: 'pat-1', patient, observations, questionnaireResponses: [], questionnaires: [], flags, failures: [], ...extra }, { now, timeZone });
}

describe('caseload row', () => {
  it('a row whose Observations or Flags could not be read says so, never "Not enrolled" or 0 minutes', () => {
    for (const type of ['Observation', 'Flag']) {
      const r = row([], [], { failures: [`${type}: the EHR did not answer`], unreadTypes: [type] });
      expect(r.load).toBe('failed');
      expect(r.phaseLabel).toBe('Could not be loaded');
      expect(r.name).toBe('Rivera, Ana');
      expect(r.loadProblem).toMatch(type);
    }
    // Forms alone unread: the registry facts are known, the row is built and marked partial.
    const forms = row([eventObs('enrolled', '2024-03-04')], [membershipFlag('2024-03-04')], {
      failures: ['QuestionnaireResponse: the EHR did not answer'],
      unreadTypes: ['QuestionnaireResponse'],
    });
    expect(forms).toMatchObject({ load: 'partial', phase: 'active' });
  });

  it('names the patient, phase, enrollment date, care manager and PCP', () => {
    const r = row([eventObs('enrolled', '2024-03-04', { careManager: 'Practitioner/cm1', pcp: 'Practitioner/pcp1' })], [membershipFlag('2024-03-04')]);
    expect(r).toMatchObject({
      id: 'pat-1',
      load: 'ready',
      name: 'Rivera, Ana',
      mrn: 'M123',
      phase: 'active',
      phaseLabel: 'Active treatment',
      enrolledOn: '2024-03-04',
      careManager: 'Practitioner/cm1',
      pcp: 'Practitioner/pcp1',
      weeksInTreatment: 13,
    });
    expect(r.notes).toEqual([]);
  });

  it('computes baseline, latest and change from the enrollment, not from older scores', () => {
    const r = row([phq9('2023-01-01', 25), phq9('2024-02-28', 20), phq9('2024-05-01', 8), gad7('2024-03-05', 12), gad7('2024-05-01', 4), eventObs('enrolled', '2024-03-04')]);
    expect(r.phq9).toEqual({ baseline: 20, latest: 8, changePoints: -12, changePercent: -60, response: true, remission: false });
    expect(r.gad7).toEqual({ baseline: 12, latest: 4, changePoints: -8, changePercent: -66.7, response: true, remission: true });
  });

  it('is not improving at >= 10 weeks without a 50% drop', () => {
    const r = row([phq9('2024-03-04', 20), phq9('2024-05-20', 16), eventObs('enrolled', '2024-03-04')]);
    expect(r.weeksInTreatment).toBe(13);
    expect(r.notImproving).toBe(true);
    expect(row([phq9('2024-04-04', 20), phq9('2024-05-20', 16), eventObs('enrolled', '2024-04-04')]).notImproving).toBe(false);
  });

  it('raises safety from a recent item-9 answer or an active safety flag, with its date', () => {
    const form = phq9Form([1, 1, 1, 1, 1, 1, 1, 1, 2], { id: 'f1', authored: '2024-05-30T10:00:00-04:00' });
    const r = buildCaseloadRow(
      { patientId: 'pat-1', patient, observations: [eventObs('enrolled', '2024-03-04')], questionnaireResponses: [form], questionnaires: [], flags: [], failures: [] },
      { now, timeZone },
    );
    expect(r.safety).toBe(true);
    expect(r.safetyDate).toBe('2024-05-30');
    expect(r.flagLabels).toEqual(['Safety']);
    const flag: Flag = {
      resourceType: 'Flag',
      id: 's',
      status: 'active',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'safety' }] }],
      code: { text: 'Suicide risk' },
      subject: { reference: 'Patient/pat-1' },
      period: { start: '2024-05-01' },
    };
    expect(row([], [flag])).toMatchObject({ safety: true, safetyDate: '2024-05-01' });
    expect(row([]).safety).toBe(false);
  });

  it('shows review requests until a later review, and other flags by their text', () => {
    const falls: Flag = { resourceType: 'Flag', id: 'x', status: 'active', code: { text: 'Interpreter needed' }, subject: { reference: 'Patient/pat-1' } };
    const flagged = row([eventObs('enrolled', '2024-03-04')], [membershipFlag('2024-03-04'), reviewRequest('2024-05-20'), falls]);
    expect(flagged).toMatchObject({ flaggedForReview: true, reviewFlagSince: '2024-05-20', flagLabels: ['Review', 'Interpreter needed'] });
    const reviewed = row([eventObs('enrolled', '2024-03-04'), reviewObs('2024-05-27', 'Add CBT', '2024-06-24')], [reviewRequest('2024-05-20')]);
    expect(reviewed).toMatchObject({
      flaggedForReview: false,
      lastReviewDate: '2024-05-27',
      lastRecommendation: 'Add CBT',
      nextReviewDate: '2024-06-24',
      reviewedThisEpisode: true,
    });
  });

  it('names the latest recommendation’s author and marks it new until someone marks it seen', () => {
    const review = reviewObs('2024-05-27', 'Add CBT');
    const fresh = row([eventObs('enrolled', '2024-03-04'), review]);
    expect(fresh).toMatchObject({ lastReviewer: 'Practitioner/psy', lastReviewReference: `Observation/${review.id}`, recommendationNew: true });
    const seen = buildRecommendationSeenObservation({
      actionId: 's',
      patientId: 'pat-1',
      review: `Observation/${review.id}`,
      by: 'Practitioner/pcp',
      when: '2024-05-28T09:00:00-05:00',
      now: new Date('2024-05-28T14:00:00Z'),
    });
    expect(row([eventObs('enrolled', '2024-03-04'), review, { ...seen, id: 'seen-1' }])).toMatchObject({ recommendationNew: false });
    // Seeing an older review does not clear a newer one.
    expect(row([eventObs('enrolled', '2024-03-04'), review, { ...seen, id: 'seen-1' }, reviewObs('2024-06-01', 'Stop')])).toMatchObject({ recommendationNew: true });
    expect(row([eventObs('enrolled', '2024-03-04')])).toMatchObject({ recommendationNew: false, lastReviewer: undefined });
  });

  it('counts only reviews of the current episode as reviewed', () => {
    const r = row([eventObs('enrolled', '2022-01-04'), eventObs('discharged', '2022-06-01', { reason: 'goals-met' }), reviewObs('2022-03-01'), eventObs('enrolled', '2024-05-01')]);
    expect(r).toMatchObject({ reviewedThisEpisode: false, lastReviewDate: '2022-03-01', enrolledOn: '2024-05-01' });
  });

  it('sets the next scale due by phase cadence and marks it overdue', () => {
    const active = row([phq9('2024-05-01', 15), eventObs('enrolled', '2024-04-01')]);
    expect(active).toMatchObject({ lastScaleDate: '2024-05-01', nextScaleDue: '2024-05-15', scaleOverdue: true });
    // In the first month after enrollment the schedule asks weekly.
    const fresh = row([eventObs('enrolled', '2024-05-30')]);
    expect(fresh).toMatchObject({ lastScaleDate: undefined, nextScaleDue: '2024-06-06', scaleOverdue: false });
    const referred = row([eventObs('referred', '2024-05-01')]);
    expect(referred).toMatchObject({ phase: 'referred', nextScaleDue: '2024-05-15', scaleOverdue: true });
    const rp = row([phq9('2024-05-20', 3), eventObs('enrolled', '2024-01-01'), eventObs('relapse-prevention', '2024-05-01')]);
    expect(rp).toMatchObject({ phase: 'relapse-prevention', nextScaleDue: '2024-06-19', scaleOverdue: false });
    expect(row([eventObs('enrolled', '2024-01-01'), eventObs('discharged', '2024-05-01', { reason: 'goals-met' })]).nextScaleDue).toBeUndefined();
  });

  it("takes next scale due and overdue from the measurement schedule, the patient app's 'due'", () => {
    const at = (date: string, observations: Observation[], options: Partial<RowOptions> = {}) =>
      buildCaseloadRow(
        { patientId: 'pat-1', patient, observations, questionnaireResponses: [], questionnaires: [], flags: [], failures: [] },
        { now: new Date(`${date}T15:00:00Z`), timeZone, ...options },
      );
    // First month: weekly. A score on day 0 is due on day 7 and overdue on day 8 (the registry
    // cadence alone would have said 14 days).
    const firstMonth = [eventObs('enrolled', '2024-05-01'), phq9('2024-05-01', 15)];
    expect(at('2024-05-08', firstMonth)).toMatchObject({ nextScaleDue: '2024-05-08', scaleOverdue: false });
    expect(at('2024-05-09', firstMonth)).toMatchObject({ nextScaleDue: '2024-05-08', scaleOverdue: true });
    // Active treatment after the first month: every 14 days.
    const active = [eventObs('enrolled', '2024-03-01'), phq9('2024-05-01', 12)];
    expect(at('2024-05-15', active)).toMatchObject({ nextScaleDue: '2024-05-15', scaleOverdue: false });
    expect(at('2024-05-16', active)).toMatchObject({ nextScaleDue: '2024-05-15', scaleOverdue: true });
    // Relapse prevention: monthly (30 days) from the later of the last score and the phase's start.
    const rp = [eventObs('enrolled', '2024-01-01'), phq9('2024-04-20', 4), eventObs('relapse-prevention', '2024-05-01')];
    expect(at('2024-05-31', rp)).toMatchObject({ nextScaleDue: '2024-05-31', scaleOverdue: false });
    expect(at('2024-06-01', rp)).toMatchObject({ nextScaleDue: '2024-05-31', scaleOverdue: true });
    // The program's schedule (config.json program.measurementSchedule) is the caseload's too.
    expect(at('2024-05-09', firstMonth, { measurementSchedule: { firstMonthDays: 10 } })).toMatchObject({ nextScaleDue: '2024-05-11', scaleOverdue: false });
    // Same answer as the patient side's schedule for the same records.
    for (const date of ['2024-05-07', '2024-05-08', '2024-05-09', '2024-05-20']) {
      const r = at(date, firstMonth);
      const due = measurementDue({ today: date, episode: { phase: 'active', start: '2024-05-01', enrolledOn: '2024-05-01' }, measuredOn: ['2024-05-01'] });
      expect([r.nextScaleDue, r.scaleOverdue]).toEqual([due.nextDue, due.status === 'overdue']);
    }
  });

  it('stops weeks in treatment at the end of a discharged episode', () => {
    const r = row([eventObs('enrolled', '2024-01-01'), eventObs('discharged', '2024-03-01', { reason: 'declined' })]);
    expect(r).toMatchObject({ phase: 'discharged', weeksInTreatment: 8, notImproving: false });
  });

  it('notes a registry flag that disagrees with the episode', () => {
    const r = row([eventObs('enrolled', '2023-01-01'), eventObs('discharged', '2023-03-01', { reason: 'declined' })], [membershipFlag('2023-01-01')]);
    expect(r.notes).toEqual(['the registry flag is still active although the episode has ended']);
  });

  it('keeps a row for a patient whose data failed, partly or wholly', () => {
    const partial = row([], [], { failures: ['Flag: the EHR refused'] });
    expect(partial).toMatchObject({ load: 'partial', loadProblem: 'Flag: the EHR refused' });
    expect(failedRow('pat-9', 'The EHR took too long')).toMatchObject({
      id: 'pat-9',
      load: 'failed',
      loadProblem: 'The EHR took too long',
      name: 'Patient pat-9',
      phaseLabel: 'Could not be loaded',
    });
    expect(loadingRow('pat-1', { patient })).toMatchObject({ load: 'loading', name: 'Rivera, Ana', mrn: 'M123' });
  });
});
