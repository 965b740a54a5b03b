/**
 * The clinical note (US Core DocumentReference, LOINC 18776-5 "Plan of care note") written
 * where the EHR takes no CarePlan or Goal from apps (Epic, Oracle Health): the plan's text as
 * a plain-text attachment, with an identifier so a resend never files it twice. Read back
 * with the chart, as ours or as another system's plan of care note. Pure.
 */
import type { DocumentReference } from '@medplum/fhirtypes';
import { parseFhirDate } from '../time/fhirDate.ts';
import {
  CLINICAL_NOTE_CATEGORY,
  codeIn,
  hasCode,
  PLAN_IDENTIFIER_SYSTEM,
  PLAN_KIND_DISPLAY,
  PLAN_KIND_SYSTEM,
  PLAN_OF_CARE_NOTE,
  type PlanKind,
  US_CORE_DOCUMENT_PROFILE,
} from './codes.ts';
import { planIdentifier, userReference } from './planResource.ts';

export interface PlanNoteInput {
  /** A UUID made once per save (kept with the form, so a resend reuses it). */
  readonly noteId: string;
  readonly patientId: string;
  readonly kind: PlanKind;
  readonly text: string;
  readonly author?: string | undefined;
  /** FHIR instant of the save. */
  readonly when: string;
}

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64Utf8(data: string): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

export function buildPlanNote(input: PlanNoteInput): DocumentReference {
  const author = userReference(input.author);
  return {
    resourceType: 'DocumentReference',
    meta: { profile: [US_CORE_DOCUMENT_PROFILE] },
    identifier: [planIdentifier(input.noteId, 'note')],
    status: 'current',
    type: { coding: [PLAN_OF_CARE_NOTE], text: PLAN_KIND_DISPLAY[input.kind] },
    category: [{ coding: [CLINICAL_NOTE_CATEGORY] }, { coding: [{ system: PLAN_KIND_SYSTEM, code: input.kind, display: PLAN_KIND_DISPLAY[input.kind] }] }],
    subject: { reference: `Patient/${input.patientId}` },
    date: input.when,
    ...(author ? { author: [author] } : {}),
    description: PLAN_KIND_DISPLAY[input.kind],
    content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: base64Utf8(input.text), title: PLAN_KIND_DISPLAY[input.kind], creation: input.when } }],
  };
}

/** A plan of care note as the Treatment plan region lists it. */
export interface PlanNote {
  readonly reference: string;
  /** The app's own note, and which plan; undefined for another system's note. */
  readonly kind: PlanKind | undefined;
  readonly title: string;
  readonly date: string | undefined;
  readonly instant: number;
  readonly author: string | undefined;
  /** The note's text; undefined when it is not plain text here (a PDF, a link). */
  readonly text: string | undefined;
}

/** Plan of care notes, newest first; other document types and withdrawn notes are left out. */
export function readPlanNotes(documents: readonly DocumentReference[]): PlanNote[] {
  const notes: PlanNote[] = [];
  for (const doc of documents) {
    if (!doc || typeof doc !== 'object' || doc.status !== 'current') continue;
    if (!hasCode(doc.type?.coding, PLAN_OF_CARE_NOTE.system as string, PLAN_OF_CARE_NOTE.code)) continue;
    const ours = (doc.identifier ?? []).some((i) => i?.system === PLAN_IDENTIFIER_SYSTEM);
    const kind = ours
      ? (codeIn(
          doc.category?.flatMap((c) => c?.coding ?? []),
          PLAN_KIND_SYSTEM,
        ) as PlanKind | undefined)
      : undefined;
    const attachment = (doc.content ?? []).map((c) => c?.attachment).find((a) => typeof a?.data === 'string' && /^text\/plain/.test(a.contentType ?? ''));
    const parsed = parseFhirDate(doc.date);
    notes.push({
      reference: `DocumentReference/${doc.id ?? '?'}`,
      kind,
      title: doc.description ?? doc.type?.text ?? 'Plan of care note',
      date: parsed?.localDate,
      instant: parsed?.instant ?? 0,
      author: doc.author?.[0]?.reference ?? doc.author?.[0]?.display,
      text: attachment?.data ? fromBase64Utf8(attachment.data) : undefined,
    });
  }
  return notes.sort((a, b) => b.instant - a.instant);
}
