/**
 * Pure builders of the contact Observation (docs/fhir-mapping.md, "Contacts"): a registry
 * Observation coded `cocm-contact`, minutes as valueQuantity in UCUM `min`, components for the
 * type, modality, outcome, scale given and separately billed time, and an identifier made once
 * per logged contact so a retried create finds the first copy. A correction changes the same
 * record (status `corrected`); a removal marks it `entered-in-error` with the reason, never a
 * delete, so the EHR keeps what was logged and who removed it.
 */
import type { Annotation, Identifier, Observation, ObservationComponent } from '@medplum/fhirtypes';
import { REGISTRY_CATEGORY } from '../enrollment/codes.ts';
import {
  CONTACT_CODE,
  CONTACT_IDENTIFIER_SYSTEM,
  CONTACT_MODALITY,
  CONTACT_OUTCOME,
  CONTACT_OUTCOME_DISPLAY,
  CONTACT_TYPE,
  CONTACT_TYPE_DISPLAY,
  CONTACT_MODALITY_DISPLAY,
  contactTypeCoding,
  MINUTES_UNIT,
  modalityCoding,
  outcomeCoding,
  SCALE_GIVEN,
  SEPARATELY_BILLED,
} from './codes.ts';
import type { ContactDetails } from './types.ts';

const PERFORMER_TYPES = ['Practitioner', 'PractitionerRole', 'Organization', 'CareTeam', 'Patient', 'RelatedPerson'];

export function contactIdentifier(contactId: string): Identifier {
  return { system: CONTACT_IDENTIFIER_SYSTEM, value: contactId };
}

export interface ContactRecordInput extends ContactDetails {
  /** A UUID made once per logged contact (kept with the form, so a resend reuses it). */
  readonly contactId: string;
  readonly patientId: string;
  /** The signed-in user: who made the contact. */
  readonly performer?: string;
  readonly encounterId?: string;
  /** When it was recorded (issued). */
  readonly now: Date;
}

function components(details: ContactDetails): ObservationComponent[] {
  return [
    { code: { coding: [CONTACT_TYPE] }, valueCodeableConcept: { coding: [contactTypeCoding(details.type)], text: CONTACT_TYPE_DISPLAY[details.type] } },
    { code: { coding: [CONTACT_MODALITY] }, valueCodeableConcept: { coding: [modalityCoding(details.modality)], text: CONTACT_MODALITY_DISPLAY[details.modality] } },
    { code: { coding: [CONTACT_OUTCOME] }, valueCodeableConcept: { coding: [outcomeCoding(details.outcome)], text: CONTACT_OUTCOME_DISPLAY[details.outcome] } },
    { code: { coding: [SCALE_GIVEN] }, valueBoolean: details.scaleGiven },
    { code: { coding: [SEPARATELY_BILLED] }, valueBoolean: details.separatelyBilled },
  ];
}

function wholeMinutes(minutes: number): number {
  return Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes) : 0;
}

function notes(text: string): Annotation[] | undefined {
  const trimmed = text.trim();
  return trimmed ? [{ text: trimmed }] : undefined;
}

export function buildContactObservation(input: ContactRecordInput): Observation {
  const performer = input.performer && PERFORMER_TYPES.includes(input.performer.split('/')[0] ?? '') ? [{ reference: input.performer }] : undefined;
  const note = notes(input.note);
  return {
    resourceType: 'Observation',
    identifier: [contactIdentifier(input.contactId)],
    status: 'final',
    category: [{ coding: [REGISTRY_CATEGORY] }],
    code: { coding: [CONTACT_CODE], text: 'Collaborative care contact' },
    subject: { reference: `Patient/${input.patientId}` },
    ...(input.encounterId ? { encounter: { reference: `Encounter/${input.encounterId}` } } : {}),
    effectiveDateTime: input.when,
    issued: input.now.toISOString(),
    ...(performer ? { performer } : {}),
    valueQuantity: { value: wholeMinutes(input.minutes), ...MINUTES_UNIT },
    component: components(input),
    ...(note ? { note } : {}),
  };
}

/** The same record with corrected values: status `corrected`, identifier and subject kept. */
export function correctContactObservation(stored: Observation & { id: string }, details: ContactDetails, now: Date): Observation & { id: string } {
  const note = notes(details.note);
  const { note: _oldNote, ...rest } = stored;
  return {
    ...rest,
    status: 'corrected',
    effectiveDateTime: details.when,
    issued: now.toISOString(),
    valueQuantity: { value: wholeMinutes(details.minutes), ...MINUTES_UNIT },
    component: components(details),
    ...(note ? { note } : {}),
  };
}

/** The same record marked entered-in-error, with the reason and who removed it in a note. */
export function removeContactObservation(stored: Observation & { id: string }, reason: string, by: string | undefined, now: Date): Observation & { id: string } {
  const text = `Removed (entered in error): ${reason.trim() || 'no reason given'}`;
  const note: Annotation = { text, time: now.toISOString(), ...(by ? { authorReference: { reference: by } } : {}) };
  return { ...stored, status: 'entered-in-error', note: [...(stored.note ?? []), note] };
}
