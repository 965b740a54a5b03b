/**
 * What every CarePlan the app writes shares: the identifier, US Core's narrative and
 * category, the kind, and a history kept as notes (one per save, with its author and time),
 * so a revision's "what changed, by whom" travels with the plan to any system that reads it.
 */
import type { Annotation, CarePlan, Identifier, Organization, Patient, Practitioner, Reference, RelatedPerson } from '@medplum/fhirtypes';
import { ASSESS_PLAN, PLAN_IDENTIFIER_SYSTEM, PLAN_KIND_DISPLAY, PLAN_KIND_SYSTEM, type PlanKind, US_CORE_CAREPLAN_PROFILE } from './codes.ts';

export function planIdentifier(planId: string, key?: string): Identifier {
  return { system: PLAN_IDENTIFIER_SYSTEM, value: key ? `${planId}/${key}` : planId };
}

/** What every author field the plans use takes (Annotation.author is the narrowest). */
const AUTHOR_TYPES = ['Practitioner', 'Patient', 'RelatedPerson', 'Organization'];

type Author = Reference<Practitioner | Patient | RelatedPerson | Organization>;

/** The signed-in user as a Reference, when it is a type the author fields take. */
export function userReference(user: string | undefined): Author | undefined {
  if (!user) return undefined;
  return AUTHOR_TYPES.includes(user.split('/')[0] ?? '') ? ({ reference: user } as Author) : undefined;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** US Core requires a narrative: the plan's own text, line by line. */
export function narrative(lines: readonly string[]): NonNullable<CarePlan['text']> {
  const body = lines.map((l) => `<p>${escapeXml(l)}</p>`).join('');
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${body}</div>` };
}

export interface PlanShell {
  readonly planId: string;
  readonly kind: PlanKind;
  readonly patientId: string;
  /** yyyy-MM-dd the plan started (kept across revisions). */
  readonly start: string;
  /** The signed-in user. */
  readonly author?: string | undefined;
  /** FHIR dateTime of this save. */
  readonly when: string;
  /** What this save did, in words ("Plan written", "Plan changed: …"). */
  readonly change: string;
  /** The version being revised: its id and notes are kept. */
  readonly previous?: CarePlan | undefined;
}

/** The CarePlan's frame; the caller adds addresses, goals, activities and the narrative. */
export function planShell(shell: PlanShell): CarePlan {
  const author = userReference(shell.author);
  const note: Annotation = { time: shell.when, text: shell.change, ...(author ? { authorReference: author } : {}) };
  const previousNotes = Array.isArray(shell.previous?.note) ? shell.previous.note : [];
  return {
    resourceType: 'CarePlan',
    ...(shell.previous?.id ? { id: shell.previous.id } : {}),
    meta: { profile: [US_CORE_CAREPLAN_PROFILE] },
    identifier: [planIdentifier(shell.planId)],
    status: 'active',
    intent: 'plan',
    category: [{ coding: [ASSESS_PLAN] }, { coding: [{ system: PLAN_KIND_SYSTEM, code: shell.kind, display: PLAN_KIND_DISPLAY[shell.kind] }] }],
    title: PLAN_KIND_DISPLAY[shell.kind],
    subject: { reference: `Patient/${shell.patientId}` },
    period: { start: shell.start },
    created: shell.previous?.created ?? shell.when,
    // The plan's responsible author stays the one who wrote it; each save's author is in its note.
    ...(shell.previous?.author ? { author: shell.previous.author } : author ? { author } : {}),
    note: [...previousNotes, note],
  };
}
