/**
 * Plain text of a registry action for the EHR note: always offered, and the only record where
 * the EHR takes no registry records from the app. Names what was not saved.
 */
import { DISCHARGE_DISPLAY, EVENT_DISPLAY } from './codes.ts';
import { type EnrollmentEventInput, recommendationText, type ReviewInput } from './records.ts';

export interface NamedPeople {
  /** Display names by reference (`Practitioner/1` -> `Dana Li`). */
  readonly names?: ReadonlyMap<string, string>;
  readonly notSaved?: readonly string[];
}

function who(ref: string | undefined, people: NamedPeople): string | undefined {
  return ref ? (people.names?.get(ref) ?? ref) : undefined;
}

function tail(lines: string[], people: NamedPeople): string {
  if (people.notSaved?.length) lines.push(`Not saved to the EHR by CoCM Registry (enter by hand): ${people.notSaved.join('; ')}.`);
  lines.push('Recorded with CoCM Registry.');
  return lines.join('\n');
}

export function enrollmentNoteText(input: EnrollmentEventInput, people: NamedPeople = {}): string {
  const lines = [`Collaborative care: ${EVENT_DISPLAY[input.kind]} on ${input.date}.`];
  const cm = who(input.careManager, people);
  const pcp = who(input.pcp, people);
  if (cm) lines.push(`Care manager: ${cm}.`);
  if (pcp) lines.push(`Treating PCP: ${pcp}.`);
  if (input.kind === 'relapse-prevention' && input.planDate) lines.push(`Relapse prevention plan dated ${input.planDate}.`);
  if (input.kind === 'discharged' && input.dischargeReason) lines.push(`Reason: ${DISCHARGE_DISPLAY[input.dischargeReason]}.`);
  return tail(lines, people);
}

export function reviewNoteText(input: ReviewInput, people: NamedPeople = {}): string {
  const lines = [
    `Psychiatric case review, ${input.when.slice(0, 10)}${input.reviewer ? `, by ${who(input.reviewer, people)}` : ''}.`,
    `Recommendation: ${recommendationText(input)}`,
  ];
  if (input.nextReviewDate) lines.push(`Next review: ${input.nextReviewDate}.`);
  return tail(lines, people);
}
