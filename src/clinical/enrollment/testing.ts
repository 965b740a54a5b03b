// Test builders for registry records: stored copies (with ids) of what the app writes.
import type { Flag, Observation } from '@medplum/fhirtypes';
import type { DischargeReason, EventKind } from './codes.ts';
import { buildEnrollmentObservation, buildMembershipFlag, buildReviewObservation, buildReviewRequestFlag } from './records.ts';

let next = 0;
const NOW = new Date('2025-01-01T00:00:00Z');

export function eventObs(
  kind: EventKind,
  date: string,
  extra: { careManager?: string; pcp?: string; planDate?: string; reason?: DischargeReason; patientId?: string } = {},
): Observation {
  next++;
  return {
    ...buildEnrollmentObservation({
      actionId: `a${next}`,
      patientId: extra.patientId ?? 'pat-1',
      kind,
      date,
      now: NOW,
      ...(extra.careManager ? { careManager: extra.careManager } : {}),
      ...(extra.pcp ? { pcp: extra.pcp } : {}),
      ...(extra.planDate ? { planDate: extra.planDate } : {}),
      ...(extra.reason ? { dischargeReason: extra.reason } : {}),
    }),
    id: `ev-${next}`,
  };
}

export function reviewObs(date: string, recommendation = 'Increase sertraline to 100 mg', nextReviewDate?: string): Observation {
  next++;
  return {
    ...buildReviewObservation({
      actionId: `r${next}`,
      patientId: 'pat-1',
      recommendation,
      when: `${date}T10:00:00-05:00`,
      now: NOW,
      reviewer: 'Practitioner/psy',
      ...(nextReviewDate ? { nextReviewDate } : {}),
    }),
    id: `rev-${next}`,
  };
}

export function membershipFlag(start: string, status: Flag['status'] = 'active'): Flag {
  next++;
  return { ...buildMembershipFlag({ actionId: `m${next}`, patientId: 'pat-1', start }), id: `mf-${next}`, status };
}

export function reviewRequest(start: string, status: Flag['status'] = 'active'): Flag {
  next++;
  return { ...buildReviewRequestFlag({ actionId: `q${next}`, patientId: 'pat-1', when: start }), id: `rf-${next}`, status };
}
