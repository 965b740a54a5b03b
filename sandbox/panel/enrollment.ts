/**
 * Enrollment in the program for the synthetic panel: about 70% of patients with scores are
 * referred and enrolled when their score history starts (so the first score is the baseline),
 * with their care manager and PCP; courses decide what happens next (relapse prevention,
 * discharge with a reason, a lapse after a drop-out, re-enrollment after a relapse). Plus
 * psychiatric reviews and review requests, as the registry would have recorded them.
 */
import type { Flag, Observation, Resource } from '@medplum/fhirtypes';
import {
  addDays,
  buildEnrollmentObservation,
  buildMembershipFlag,
  buildReviewObservation,
  buildReviewRequestFlag,
  type DischargeReason,
  type EventKind,
} from '../../src/clinical/enrollment/index.ts';
import type { CourseKind } from './courses.ts';
import type { Rng } from './prng.ts';

export interface EnrollmentPlan {
  patient: string;
  course: CourseKind;
  /** Weeks before `now` the score history starts. */
  weeksAgo: number;
  careManager: string;
  pcp: string;
  psychiatrist: string;
  /** yyyy-MM-dd of the patient's scores: a re-enrolment starts at one (its baseline). */
  scoreDates?: readonly string[];
}

export interface EnrollmentOutcome {
  resources: Resource[];
  /** The patient's current episode is open (an active membership Flag). */
  open: boolean;
  phase: 'referred' | 'active' | 'relapse-prevention' | 'discharged' | 'lapsed';
  reenrolled: boolean;
}

// Worded so that none contradicts the patient's medication list (which the panel draws apart):
// no recommendation names a drug as current.
const RECOMMENDATIONS = [
  'Increase the antidepressant one dose step (or start sertraline 50 mg daily if none); recheck PHQ-9 in 4 weeks.',
  'Continue current dose; add behavioral activation with the care manager.',
  'Switch to bupropion XL 150 mg; taper any current antidepressant over 2 weeks.',
  'Augment with brief CBT (6 sessions); no medication change.',
  'Consider referral to specialty psychiatry if no response by week 16.',
  'Continue treatment; start relapse prevention planning.',
];

function isoDay(now: Date, weeksAgo: number, plusDays = 0): string {
  return addDays(now.toISOString().slice(0, 10), -weeksAgo * 7 + plusDays);
}

export function generateEnrollment(plan: EnrollmentPlan, rng: Rng, now: Date): EnrollmentOutcome {
  const key = plan.patient.replace(/^pat-/, '');
  const today = now.toISOString().slice(0, 10);
  const resources: Resource[] = [];
  let n = 0;
  const event = (kind: EventKind, date: string, extra: { planDate?: string; reason?: DischargeReason } = {}): void => {
    const obs: Observation = buildEnrollmentObservation({
      actionId: `panel-${key}-${++n}`,
      patientId: plan.patient,
      kind,
      date,
      careManager: `Practitioner/${plan.careManager}`,
      pcp: `Practitioner/${plan.pcp}`,
      recordedBy: `Practitioner/${kind === 'referred' ? plan.pcp : plan.careManager}`,
      now,
      ...(extra.planDate ? { planDate: extra.planDate } : {}),
      ...(extra.reason ? { dischargeReason: extra.reason } : {}),
    });
    resources.push({ ...obs, id: `reg-${key}-${n}` });
  };
  const flag = (start: string, end?: string): void => {
    const f: Flag = buildMembershipFlag({ actionId: `panel-${key}-flag-${++n}`, patientId: plan.patient, start, author: `Practitioner/${plan.careManager}` });
    resources.push({ ...f, id: `regflag-${key}-${n}`, ...(end ? { status: 'inactive', period: { start, end } } : {}) });
  };
  const review = (date: string, nextWeeks: number): void => {
    if (date > today) return;
    const obs = buildReviewObservation({
      actionId: `panel-${key}-review-${++n}`,
      patientId: plan.patient,
      recommendation: rng.pick(RECOMMENDATIONS),
      nextReviewDate: addDays(date, nextWeeks * 7),
      reviewer: `Practitioner/${plan.psychiatrist}`,
      when: `${date}T12:00:00-05:00`,
      now,
    });
    resources.push({ ...obs, id: `rev-${key}-${n}` });
  };

  const weeks = plan.weeksAgo;
  let phase: EnrollmentOutcome['phase'] = 'active';
  let reenrolled = false;
  // Episodes last months, not years (3-12 months, AIMS): a score history longer than the
  // longest episode began with an earlier episode, discharged, and most patients came back.
  const longHistory = weeks > MAX_EPISODE_WEEKS;
  const firstStart = isoDay(now, weeks);
  if (rng.chance(0.6)) event('referred', addDays(firstStart, -rng.int(3, 10)));
  event('enrolled', firstStart);
  if (weeks >= 3 && rng.chance(0.75)) review(addDays(firstStart, rng.int(2, 5) * 7), 4);
  let episodeStart = firstStart;
  if (longHistory) {
    const firstWeeks = rng.int(13, 40);
    const discharged = addDays(firstStart, firstWeeks * 7);
    if (firstWeeks > 20) event('relapse-prevention', addDays(firstStart, 16 * 7), { planDate: addDays(firstStart, 16 * 7) });
    event('discharged', discharged, { reason: rng.chance(0.7) ? 'goals-met' : 'lost-to-follow-up' });
    flag(firstStart, discharged);
    // Re-enrolled at a score of the last year, at least four weeks after the discharge, so
    // the new episode has its baseline.
    const latestStart = isoDay(now, 2);
    const earliestStart = [isoDay(now, MAX_EPISODE_WEEKS - 4), addDays(discharged, 28)].sort().pop() ?? latestStart;
    const candidates = (plan.scoreDates ?? []).filter((d) => d >= earliestStart && d <= latestStart);
    // The ten-year histories (performance work) are always back in treatment.
    if (candidates.length === 0 || (weeks < 260 && !rng.chance(REENROLLED_SHARE))) {
      phase = 'discharged';
    } else {
      episodeStart = rng.pick(candidates);
      const back = Math.round((now.getTime() - Date.parse(episodeStart)) / (7 * 86_400_000));
      event('enrolled', episodeStart);
      if (back >= 3) review(addDays(episodeStart, 14), 4);
      reenrolled = true;
      if (back > 24 && rng.chance(0.5)) {
        event('relapse-prevention', addDays(episodeStart, 16 * 7), { planDate: addDays(episodeStart, 16 * 7) });
        phase = 'relapse-prevention';
      }
    }
  }
  const enrolled = firstStart;
  const at = (week: number) => addDays(enrolled, week * 7);

  if (longHistory) {
    // Settled above.
  } else if (rng.chance(0.05) && weeks > 14) {
    // Declined further treatment after a first stretch (episodes last at least 3 months).
    event('discharged', at(rng.int(13, Math.min(16, weeks - 1))), { reason: 'declined' });
    phase = 'discharged';
  } else if (plan.course === 'drop-out') {
    // Seen a few weeks, then lost: lapsed after 6 months, or discharged as lost to follow-up.
    if (weeks > 40 && rng.chance(0.5)) {
      event('discharged', at(rng.int(30, Math.min(40, weeks - 1))), { reason: 'lost-to-follow-up' });
      phase = 'discharged';
    } else if (weeks > 33) phase = 'lapsed';
  } else if ((plan.course === 'responder' || plan.course === 'remitter') && weeks > 20) {
    const rpWeek = rng.int(16, 20);
    event('relapse-prevention', at(rpWeek), { planDate: at(rpWeek) });
    phase = 'relapse-prevention';
    if (weeks > 40 && rng.chance(0.6)) {
      event('discharged', at(rng.int(30, 38)), { reason: 'goals-met' });
      phase = 'discharged';
    }
  } else if (plan.course === 'non-responder' && weeks > 14) {
    review(at(rng.int(10, 12)), 4);
    if (weeks > 26 && rng.chance(0.5)) {
      event('discharged', at(rng.int(20, 26)), { reason: 'referred-to-specialty' });
      phase = 'discharged';
    }
  }

  const open = phase !== 'discharged';
  const lastEnd =
    phase === 'discharged'
      ? resources.filter((r): r is Observation => r.resourceType === 'Observation' && r.valueCodeableConcept?.coding?.[0]?.code === 'discharged').pop()?.effectiveDateTime
      : undefined;
  // The long history's first episode has its Flag already; a discharged one needs no second.
  if (!(longHistory && phase === 'discharged')) flag(episodeStart, lastEnd);
  if (open && phase !== 'lapsed' && rng.chance(0.08)) {
    const f = buildReviewRequestFlag({
      actionId: `panel-${key}-rq`,
      patientId: plan.patient,
      when: `${isoDay(now, 0, -rng.int(1, 10))}T09:00:00-05:00`,
      author: `Practitioner/${plan.careManager}`,
    });
    resources.push({ ...f, id: `regrq-${key}` });
  }
  return { resources, open, phase, reenrolled };
}

/** The longest episode of care in the panel (AIMS: episodes of 3-12 months). */
export const MAX_EPISODE_WEEKS = 52;
/** Share of patients discharged from an earlier episode who are enrolled again. */
const REENROLLED_SHARE = 0.65;

/** Share of patients with scores who are enrolled (patients with a current safety finding always are). */
export const ENROLLED_SHARE = 0.7;

export interface EnrollmentSummary {
  /** Patients with any enrollment record. */
  enrolled: number;
  /** Patients whose current episode is open (active membership Flag). */
  open: number;
  byPhase: Partial<Record<EnrollmentOutcome['phase'], number>>;
  reenrolled: number;
}

export function countEnrollment(summary: EnrollmentSummary, outcome: EnrollmentOutcome): void {
  summary.enrolled++;
  if (outcome.open) summary.open++;
  summary.byPhase[outcome.phase] = (summary.byPhase[outcome.phase] ?? 0) + 1;
  if (outcome.reenrolled) summary.reenrolled++;
}
