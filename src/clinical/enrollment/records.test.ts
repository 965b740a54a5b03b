import { describe, expect, it } from 'vitest';
import { r4Errors as validateR4 } from '../records/r4Validation.testkit.ts';
import { ENROLLED_FLAG, REGISTRY_SYSTEM } from './codes.ts';
import { enrollmentNoteText, reviewNoteText } from './noteText.ts';
import { readRegistryRecords } from './readRegistryRecords.ts';
import {
  buildEnrollmentObservation,
  buildMembershipFlag,
  buildRecommendationSeenObservation,
  buildReviewObservation,
  buildReviewRequestFlag,
  endFlag,
  hasRecommendation,
} from './records.ts';
import { eventObs, membershipFlag, reviewObs, reviewRequest } from './testing.ts';

const now = new Date('2025-03-05T15:00:00Z');

describe('registry records', () => {
  it('round-trips an enrollment event through the reader', () => {
    const obs = {
      ...buildEnrollmentObservation({
        actionId: 'x',
        patientId: 'p1',
        kind: 'discharged',
        date: '2025-03-05',
        dischargeReason: 'referred-to-specialty',
        careManager: 'Practitioner/cm',
        pcp: 'Practitioner/pcp',
        recordedBy: 'Practitioner/cm',
        now,
      }),
      id: 'o1',
    };
    expect(obs.identifier).toEqual([{ system: 'urn:cocm-registry:registry', value: 'x/event' }]);
    expect(obs.code.coding?.[0]).toMatchObject({ system: REGISTRY_SYSTEM, code: 'enrollment-event' });
    const { events } = readRegistryRecords([obs], []);
    expect(events[0]).toMatchObject({
      kind: 'discharged',
      date: '2025-03-05',
      dischargeReason: 'referred-to-specialty',
      careManager: 'Practitioner/cm',
      pcp: 'Practitioner/pcp',
      recordedBy: 'Practitioner/cm',
    });
  });

  it('round-trips a review with its next review date and reviewer', () => {
    const { reviews } = readRegistryRecords([reviewObs('2025-02-01', 'Add CBT referral', '2025-03-01')], []);
    expect(reviews[0]).toMatchObject({ date: '2025-02-01', recommendation: 'Add CBT referral', nextReviewDate: '2025-03-01', reviewer: 'Practitioner/psy' });
  });

  it('round-trips a structured recommendation: each part a component, the whole as the value text', () => {
    const input = {
      actionId: 'r',
      patientId: 'p1',
      recommendation: 'Recheck PHQ-9 in 2 weeks',
      plan: { medicationChange: 'Increase sertraline to 150 mg', psychotherapy: ' Behavioral activation ', referral: '' },
      nextReviewDate: '2025-04-01',
      reviewer: 'Practitioner/psy',
      when: '2025-03-05T10:00:00-05:00',
      now,
    };
    const obs = { ...buildReviewObservation(input), id: 'rv1' };
    expect(validateR4(obs)).toEqual([]);
    expect(obs.valueString).toBe('Medication: Increase sertraline to 150 mg\nPsychotherapy: Behavioral activation\nFollow up by: 2025-04-01\nNote: Recheck PHQ-9 in 2 weeks');
    const { reviews } = readRegistryRecords([obs], []);
    expect(reviews[0]).toMatchObject({
      reference: 'Observation/rv1',
      plan: { medicationChange: 'Increase sertraline to 150 mg', psychotherapy: 'Behavioral activation' },
      nextReviewDate: '2025-04-01',
      reviewer: 'Practitioner/psy',
    });
    expect(reviews[0]?.plan.referral).toBeUndefined();
    expect(hasRecommendation({ recommendation: ' ', plan: { referral: 'Psychiatry clinic' } })).toBe(true);
    expect(hasRecommendation({ recommendation: ' ', plan: { referral: ' ' } })).toBe(false);
  });

  it('round-trips a "recommendation seen" record naming its review and who saw it', () => {
    const seen = {
      ...buildRecommendationSeenObservation({ actionId: 's', patientId: 'p1', review: 'Observation/rv1', by: 'Practitioner/pcp', when: '2025-03-06T09:00:00-05:00', now }),
      id: 'sn1',
    };
    expect(validateR4(seen)).toEqual([]);
    expect(seen.identifier).toEqual([{ system: 'urn:cocm-registry:registry', value: 's/recommendation-seen' }]);
    const r = readRegistryRecords([seen, { ...seen, id: 'sn2', derivedFrom: undefined }], []);
    expect(r.seen).toEqual([{ review: 'Observation/rv1', by: 'Practitioner/pcp', date: '2025-03-06' }]);
    expect(r.reviews).toEqual([]);
    expect(r.unreadable.map((u) => u.reference)).toEqual(['Observation/sn2']);
  });

  it('sorts flags into membership and review requests, skipping entered-in-error and others', () => {
    const other = { resourceType: 'Flag' as const, id: 'x', status: 'active' as const, code: { text: 'Falls risk' }, subject: { reference: 'Patient/pat-1' } };
    const r = readRegistryRecords([], [membershipFlag('2025-01-01'), reviewRequest('2025-02-01'), membershipFlag('2024-01-01', 'entered-in-error'), other]);
    expect(r.membershipFlags).toHaveLength(1);
    expect(r.reviewRequests[0]).toMatchObject({ active: true, since: '2025-02-01' });
  });

  it('skips entered-in-error and foreign Observations; lists unusable registry records', () => {
    const bad = { ...eventObs('enrolled', '2025-01-01'), effectiveDateTime: 'soon' };
    const eie = { ...eventObs('enrolled', '2025-01-01'), status: 'entered-in-error' as const };
    const foreign = { resourceType: 'Observation' as const, id: 'f', status: 'final' as const, code: { text: 'x' } };
    const r = readRegistryRecords([bad, eie, foreign], []);
    expect(r.events).toEqual([]);
    expect(r.unreadable).toEqual([{ reference: `Observation/${bad.id}`, reason: 'the enrollment record has no usable date' }]);
  });

  it('builds valid R4 resources', () => {
    const resources = [
      buildEnrollmentObservation({ actionId: 'a', patientId: 'p1', kind: 'relapse-prevention', date: '2025-03-05', planDate: '2025-03-01', careManager: 'Practitioner/cm', now }),
      buildMembershipFlag({ actionId: 'a', patientId: 'p1', start: '2025-03-05', author: 'Practitioner/cm' }),
      buildReviewObservation({
        actionId: 'b',
        patientId: 'p1',
        recommendation: ' Switch to bupropion ',
        nextReviewDate: '2025-04-01',
        reviewer: 'Practitioner/psy',
        when: '2025-03-05T10:00:00-05:00',
        now,
      }),
      buildReviewRequestFlag({ actionId: 'c', patientId: 'p1', when: '2025-03-05T10:00:00-05:00', author: 'Person/x' }),
    ];
    for (const r of resources) expect(validateR4(r)).toEqual([]);
    expect((resources[2] as { valueString?: string }).valueString).toBe('Switch to bupropion');
    // A Person may not author a Flag: left out rather than refused by the EHR.
    expect((resources[3] as { author?: unknown }).author).toBeUndefined();
    expect((resources[1] as { code: { coding: unknown[] } }).code.coding[0]).toEqual(ENROLLED_FLAG);
  });

  it('ends a flag with status inactive and period.end', () => {
    const ended = endFlag(membershipFlag('2025-01-01'), '2025-03-05');
    expect(ended).toMatchObject({ status: 'inactive', period: { start: '2025-01-01', end: '2025-03-05' } });
    expect(() => endFlag(buildMembershipFlag({ actionId: 'a', patientId: 'p', start: '2025-01-01' }), '2025-02-01')).toThrow();
  });

  it('writes note text naming people and what was not saved', () => {
    const names = new Map([['Practitioner/cm', 'Dana Li']]);
    const text = enrollmentNoteText(
      { actionId: 'a', patientId: 'p', kind: 'enrolled', date: '2025-03-05', careManager: 'Practitioner/cm', now },
      { names, notSaved: ['enrollment record'] },
    );
    expect(text).toContain('Enrolled in collaborative care (active treatment) on 2025-03-05.');
    expect(text).toContain('Care manager: Dana Li.');
    expect(text).toContain('enter by hand): enrollment record.');
    expect(reviewNoteText({ actionId: 'a', patientId: 'p', recommendation: 'Add CBT', nextReviewDate: '2025-04-01', when: '2025-03-05T10:00:00-05:00', now })).toContain(
      'Next review: 2025-04-01.',
    );
  });
});
