/**
 * Reads the registry's own records (enrollment Observations, review Observations, registry
 * Flags) out of whatever a search returned. Pure and total: anything else is skipped, and a
 * registry record that cannot be used is listed with its reason.
 */
import type { Extension, Flag, Observation } from '@medplum/fhirtypes';
import { parseFhirDate } from '../time/fhirDate.ts';
import {
  CARE_MANAGER_EXTENSION,
  DISCHARGE_REASON,
  DISCHARGE_REASONS,
  type DischargeReason,
  ENROLLED_FLAG,
  ENROLLMENT_EVENT,
  EVENT_KINDS,
  type EventKind,
  hasCoding,
  NEXT_REVIEW_DATE,
  PSYCHIATRIC_REVIEW,
  RECOMMENDATION_MEDICATION,
  RECOMMENDATION_PSYCHOTHERAPY,
  RECOMMENDATION_REFERRAL,
  RECOMMENDATION_SEEN,
  REGISTRY_SYSTEM,
  RELAPSE_PLAN_DATE,
  REVIEW_REQUEST_FLAG,
  TREATING_PCP_EXTENSION,
} from './codes.ts';
import type { EnrollmentEvent, PsychiatricReview, RecommendationSeen, RegistryFlag, RegistryRecords } from './types.ts';

const COUNTED_STATUS = new Set(['final', 'amended', 'corrected', 'preliminary']);

function reference(r: { resourceType: string; id?: string }): string {
  return `${r.resourceType}/${r.id ?? '(no id)'}`;
}

function ourCode(obs: Observation, code: string): string | undefined {
  const c = obs.code?.coding?.find((x) => x.system === REGISTRY_SYSTEM && x.code === code);
  return c?.code;
}

function extensionReference(extensions: readonly Extension[] | undefined, url: string): string | undefined {
  return extensions?.find((e) => e.url === url)?.valueReference?.reference;
}

function component(obs: Observation, code: { system?: string; code?: string }) {
  return obs.component?.find((c) => hasCoding(c.code?.coding, code));
}

function dateOf(value: string | undefined): { date: string; instant: number } | undefined {
  const parsed = parseFhirDate(value);
  if (!parsed?.localDate) return undefined;
  return { date: parsed.localDate, instant: parsed.instant };
}

function effective(obs: Observation): string | undefined {
  return obs.effectiveDateTime ?? obs.effectivePeriod?.start ?? obs.effectiveInstant ?? obs.issued;
}

function readEvent(obs: Observation): EnrollmentEvent | string {
  const when = dateOf(effective(obs));
  if (!when) return 'the enrollment record has no usable date';
  const value = obs.valueCodeableConcept?.coding?.find((c) => c.system === REGISTRY_SYSTEM);
  const kind = EVENT_KINDS.find((k) => k === value?.code);
  if (!kind) return `the enrollment record names no known event (${value?.code ?? 'no code'})`;
  const reasonCode = component(obs, DISCHARGE_REASON)?.valueCodeableConcept?.coding?.find((c) => c.system === REGISTRY_SYSTEM)?.code;
  const dischargeReason = DISCHARGE_REASONS.find((r) => r === reasonCode);
  const planDate = dateOf(component(obs, RELAPSE_PLAN_DATE)?.valueDateTime)?.date;
  return {
    reference: reference(obs),
    kind: kind as EventKind,
    date: when.date,
    instant: when.instant,
    careManager: extensionReference(obs.extension, CARE_MANAGER_EXTENSION),
    pcp: extensionReference(obs.extension, TREATING_PCP_EXTENSION),
    recordedBy: obs.performer?.[0]?.reference,
    planDate,
    dischargeReason: dischargeReason as DischargeReason | undefined,
  };
}

function readReview(obs: Observation): PsychiatricReview | string {
  const when = dateOf(effective(obs));
  if (!when) return 'the review has no usable date';
  const recommendation = (obs.valueString ?? obs.note?.map((n) => n.text).join('\n') ?? '').trim();
  return {
    reference: reference(obs),
    date: when.date,
    instant: when.instant,
    recommendation: recommendation || '(no recommendation text)',
    nextReviewDate: dateOf(component(obs, NEXT_REVIEW_DATE)?.valueDateTime)?.date,
    reviewer: obs.performer?.[0]?.reference,
    plan: planOf(obs),
  };
}

function planOf(obs: Observation): PsychiatricReview['plan'] {
  const text = (coding: { system?: string; code?: string }) => component(obs, coding)?.valueString?.trim() || undefined;
  const medicationChange = text(RECOMMENDATION_MEDICATION);
  const psychotherapy = text(RECOMMENDATION_PSYCHOTHERAPY);
  const referral = text(RECOMMENDATION_REFERRAL);
  return { ...(medicationChange ? { medicationChange } : {}), ...(psychotherapy ? { psychotherapy } : {}), ...(referral ? { referral } : {}) };
}

function readSeen(obs: Observation): RecommendationSeen | string {
  const when = dateOf(effective(obs));
  const review = obs.derivedFrom?.[0]?.reference;
  if (!when || !review) return 'the "recommendation seen" record names no review or date';
  return { review, by: obs.performer?.[0]?.reference, date: when.date };
}

function readFlag(flag: Flag): RegistryFlag {
  return {
    reference: reference(flag),
    id: flag.id,
    active: flag.status === 'active',
    since: dateOf(flag.period?.start)?.date,
    versionId: flag.meta?.versionId,
  };
}

function byTime<T extends { instant: number; reference: string }>(a: T, b: T): number {
  return a.instant - b.instant || (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0);
}

export function readRegistryRecords(observations: readonly Observation[], flags: readonly Flag[]): RegistryRecords {
  const events: EnrollmentEvent[] = [];
  const reviews: PsychiatricReview[] = [];
  const seenRecords: RecommendationSeen[] = [];
  const unreadable: { reference: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const obs of observations) {
    if (obs?.resourceType !== 'Observation' || seen.has(reference(obs))) continue;
    seen.add(reference(obs));
    const isEvent = ourCode(obs, ENROLLMENT_EVENT.code ?? '') !== undefined;
    const isReview = ourCode(obs, PSYCHIATRIC_REVIEW.code ?? '') !== undefined;
    const isSeen = ourCode(obs, RECOMMENDATION_SEEN.code ?? '') !== undefined;
    if (!isEvent && !isReview && !isSeen) continue;
    if (!COUNTED_STATUS.has(obs.status)) continue;
    if (isSeen) {
      const read = readSeen(obs);
      if (typeof read === 'string') unreadable.push({ reference: reference(obs), reason: read });
      else seenRecords.push(read);
      continue;
    }
    const read = isEvent ? readEvent(obs) : readReview(obs);
    if (typeof read === 'string') unreadable.push({ reference: reference(obs), reason: read });
    else if (isEvent) events.push(read as EnrollmentEvent);
    else reviews.push(read as PsychiatricReview);
  }
  const membershipFlags: RegistryFlag[] = [];
  const reviewRequests: RegistryFlag[] = [];
  for (const flag of flags) {
    if (flag?.resourceType !== 'Flag' || flag.status === 'entered-in-error') continue;
    if (hasCoding(flag.code?.coding, ENROLLED_FLAG)) membershipFlags.push(readFlag(flag));
    else if (hasCoding(flag.code?.coding, REVIEW_REQUEST_FLAG)) reviewRequests.push(readFlag(flag));
  }
  return { events: events.sort(byTime), reviews: reviews.sort(byTime), seen: seenRecords, membershipFlags, reviewRequests, unreadable };
}
