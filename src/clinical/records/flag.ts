import type { Flag } from '@medplum/fhirtypes';
import { INSTRUMENTS } from '../instruments/definitions.ts';
import { SAFETY_FLAG_CATEGORY, SUICIDE_RISK_CODES, SUICIDE_RISK_CODING } from './codes.ts';
import { recordIdentifier, SCREENING_IDENTIFIER_SYSTEM } from './identifiers.ts';
import { encounterReference, patientReference, userReference } from './references.ts';
import { safetyItemScore } from './score.ts';
import { SAFETY_FLAG_KEY } from './specs.ts';
import { fhirDateTime } from './time.ts';
import type { CompletedScreening, RecordClock } from './types.ts';

const AUTHOR_TYPES = ['Device', 'Organization', 'Patient', 'Practitioner', 'PractitionerRole'];

/** Words of the item 9 answer: `"Several days" (1)`. */
export function safetyAnswerText(score: number): string {
  const answer = INSTRUMENTS.phq9.answers.find((a) => a.score === score);
  return answer ? `"${answer.display}" (${score})` : `${score}`;
}

/** The safety Flag for a positive item 9; undefined when item 9 was 0 or not asked. */
export function buildSafetyFlag(screening: CompletedScreening, clock: RecordClock): Flag | undefined {
  const item9 = safetyItemScore(screening);
  if (item9 === undefined || !(item9 > 0)) return undefined;
  const when = fhirDateTime(clock.now, clock.utcOffsetMinutes);
  const encounter = encounterReference(screening.encounterId);
  const author = userReference<NonNullable<Flag['author']>>(screening.author, AUTHOR_TYPES);
  return {
    resourceType: 'Flag',
    identifier: [recordIdentifier(screening.screeningId, SAFETY_FLAG_KEY)],
    status: 'active',
    category: [{ coding: [SAFETY_FLAG_CATEGORY] }],
    code: {
      coding: [SUICIDE_RISK_CODING],
      text: `Suicide risk: PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered ${safetyAnswerText(item9)} on ${when.slice(0, 10)}. Assess suicide risk.`,
    },
    subject: patientReference(screening.patientId),
    period: { start: when },
    ...(encounter ? { encounter } : {}),
    ...(author ? { author } : {}),
  };
}

/**
 * Whether a Flag already says "suicide risk" and is in force at `now`: active, not ended,
 * and coded so (or written by this app for a screening). R4 Flag has no `status` search
 * parameter on some servers, so the caller searches by patient and filters here.
 */
export function isActiveSuicideRiskFlag(flag: Flag, now: Date): boolean {
  if (flag.status !== 'active') return false;
  const end = flag.period?.end ? Date.parse(flag.period.end) : undefined;
  if (end !== undefined && Number.isFinite(end) && end < now.getTime()) return false;
  const coded = (flag.code?.coding ?? []).some((c) => SUICIDE_RISK_CODES.some((k) => k.system === c.system && k.code === c.code));
  const ours = (flag.identifier ?? []).some((i) => i.system === SCREENING_IDENTIFIER_SYSTEM && i.value?.endsWith(`/${SAFETY_FLAG_KEY}`));
  return coded || ours;
}
