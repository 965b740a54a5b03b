/**
 * Messages to the care team from a patient's own report (Communication): an urgent one at
 * once when item 9 is positive, so the team hears of it even if the patient stops there,
 * and, where the EHR takes no forms from the app, one carrying the answers as text. Each is
 * written once (stable identifier) like every other record of the screening.
 */
import type { Communication } from '@medplum/fhirtypes';
import { safetyAnswerText } from './flag.ts';
import { recordIdentifier } from './identifiers.ts';
import { buildNoteText } from './noteText.ts';
import { patientReference } from './references.ts';
import { safetyItemScore } from './score.ts';
import { ANSWERS_MESSAGE_KEY, SAFETY_MESSAGE_KEY } from './specs.ts';
import { fhirDateTime } from './time.ts';
import type { CompletedScreening, RecordClock } from './types.ts';

const CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/communication-category';

function message(screening: CompletedScreening, clock: RecordClock, key: string, text: string, urgent: boolean, recipient: string | undefined): Communication {
  return {
    resourceType: 'Communication',
    identifier: [recordIdentifier(screening.screeningId, key)],
    status: 'completed',
    category: [{ coding: [{ system: CATEGORY_SYSTEM, code: urgent ? 'alert' : 'notification' }] }],
    priority: urgent ? 'urgent' : 'routine',
    subject: patientReference(screening.patientId),
    sender: patientReference(screening.patientId),
    ...(recipient ? { recipient: [{ reference: recipient }] } : {}),
    sent: fhirDateTime(clock.now, clock.utcOffsetMinutes),
    payload: [{ contentString: text }],
  };
}

/** The urgent message for a positive item 9; undefined when item 9 was 0 or not asked. */
export function buildSafetyMessage(screening: CompletedScreening, clock: RecordClock, recipient?: string): Communication | undefined {
  const item9 = safetyItemScore(screening);
  if (item9 === undefined || !(item9 > 0)) return undefined;
  const text =
    `Patient report from home: PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered ${safetyAnswerText(item9)}. ` +
    'The patient was shown crisis guidance (988 call, text or chat; 911 in immediate danger). Assess suicide risk today.';
  return message(screening, clock, SAFETY_MESSAGE_KEY, text, true, recipient);
}

/** The answers as text, for an EHR that takes no forms from the app. */
export function buildAnswersMessage(screening: CompletedScreening, clock: RecordClock, recipient?: string, notSaved: readonly string[] = []): Communication {
  const text = `Patient report from home (sent by the patient).\n${buildNoteText(screening, clock, { notSaved })}`;
  return message(screening, clock, ANSWERS_MESSAGE_KEY, text, (safetyItemScore(screening) ?? 0) > 0, recipient);
}
