/**
 * Giving a handout is recorded as a Communication to the patient (category `instruction`,
 * topic = the handout), so the team sees what the patient already has. Pure builders and
 * readers; docs/fhir-mapping.md, "Patient education".
 */
import type { Communication } from '@medplum/fhirtypes';
import { planIdentifier, userReference } from '../careplan/planResource.ts';
import { parseFhirDate } from '../time/fhirDate.ts';
import { type HandoutId, handoutById } from './handouts.ts';

export const HANDOUT_SYSTEM = 'urn:cocm-registry:handout';
import { INSTRUCTION_CATEGORY } from './codes.ts';

export { INSTRUCTION_CATEGORY };

export interface HandoutGivenInput {
  /** A UUID made once per giving (a resend finds the first record). */
  readonly actionId: string;
  readonly patientId: string;
  readonly handout: HandoutId;
  /** How it was given: printed, or given another way (portal, paper copy). */
  readonly printed: boolean;
  readonly sender?: string | undefined;
  readonly when: string;
}

export function buildHandoutCommunication(input: HandoutGivenInput): Communication {
  const handout = handoutById(input.handout);
  const sender = userReference(input.sender);
  return {
    resourceType: 'Communication',
    identifier: [planIdentifier(input.actionId, `handout-${input.handout}`)],
    status: 'completed',
    category: [{ coding: [INSTRUCTION_CATEGORY] }],
    subject: { reference: `Patient/${input.patientId}` },
    recipient: [{ reference: `Patient/${input.patientId}` }],
    ...(sender ? { sender } : {}),
    sent: input.when,
    topic: { coding: [{ system: HANDOUT_SYSTEM, code: input.handout, display: handout?.title ?? input.handout }], text: handout?.title ?? input.handout },
    payload: [{ contentString: `Patient education handout given${input.printed ? ' (printed)' : ''}: ${handout?.title ?? input.handout}` }],
  };
}

export interface HandoutGiven {
  readonly handout: HandoutId;
  readonly date: string | undefined;
  readonly instant: number;
  readonly by: string | undefined;
}

/** The handouts given, newest first (one entry per giving). */
export function readHandoutsGiven(communications: readonly Communication[]): HandoutGiven[] {
  const given: HandoutGiven[] = [];
  for (const c of communications) {
    if (!c || typeof c !== 'object' || c.status !== 'completed') continue;
    const code = c.topic?.coding?.find((x) => x?.system === HANDOUT_SYSTEM)?.code;
    if (!code || !handoutById(code)) continue;
    const parsed = parseFhirDate(c.sent);
    given.push({ handout: code as HandoutId, date: parsed?.localDate, instant: parsed?.instant ?? 0, by: c.sender?.reference });
  }
  return given.sort((a, b) => b.instant - a.instant);
}
