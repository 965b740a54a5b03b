/**
 * The relapse prevention plan (AIMS / COMPASS maintenance plan), written with the patient
 * before discharge: a second CarePlan whose activities are the plan's sections in the
 * patient's words. The crisis lines (988 by call, text or chat; 911) are always part of it,
 * whatever was typed. Pure.
 */
import type { CarePlan, CarePlanActivity } from '@medplum/fhirtypes';
import { RELAPSE_FIELD_SYSTEM } from './codes.ts';
import { narrative, planShell, type PlanShell } from './planResource.ts';

export type RelapseField = 'keeps-me-well' | 'warning-signs' | 'managing-stress' | 'care-team' | 'appointments';
export const RELAPSE_FIELDS: readonly RelapseField[] = ['keeps-me-well', 'warning-signs', 'managing-stress', 'care-team', 'appointments'];

export const RELAPSE_FIELD_LABEL: Readonly<Record<RelapseField, string>> = {
  'keeps-me-well': 'What keeps me well',
  'warning-signs': 'My warning signs',
  'managing-stress': 'How I manage stress',
  'care-team': 'Who to call and when: my care team',
  appointments: 'My appointments and contacts',
};

/** Prompts shown under each field, in the patient's terms. */
export const RELAPSE_FIELD_HINT: Readonly<Record<RelapseField, string>> = {
  'keeps-me-well': 'Steps, treatments and medicines to keep going',
  'warning-signs': 'Changes that tell me depression may be coming back',
  'managing-stress': 'What I do when things get hard',
  'care-team': 'Names, phone numbers and when to call them',
  appointments: 'Next visits, calls and who they are with',
};

/** Printed on every relapse prevention plan. */
export const CRISIS_LINES: readonly string[] = [
  'If you are thinking about harming yourself or feel you cannot stay safe: call or text 988, or chat at 988lifeline.org (988 Suicide & Crisis Lifeline, any time, day or night).',
  'In an emergency, or if you cannot stay safe right now: call 911 or go to the nearest emergency room.',
];

export type RelapsePlanContent = Readonly<Record<RelapseField, string>>;

export const EMPTY_RELAPSE_PLAN: RelapsePlanContent = { 'keeps-me-well': '', 'warning-signs': '', 'managing-stress': '', 'care-team': '', appointments: '' };

export function relapsePlanLines(content: RelapsePlanContent, start: string): string[] {
  return [
    `Relapse prevention plan, written ${start}.`,
    ...RELAPSE_FIELDS.filter((f) => content[f].trim()).map((f) => `${RELAPSE_FIELD_LABEL[f]}: ${content[f].trim()}`),
    ...CRISIS_LINES,
  ];
}

/** Words for what is missing before it can be saved; empty when it can. */
export function relapsePlanProblems(content: RelapsePlanContent): string[] {
  const missing = (['keeps-me-well', 'warning-signs', 'care-team'] as const).filter((f) => !content[f].trim());
  return missing.map((f) => `"${RELAPSE_FIELD_LABEL[f]}" is empty: write it with the patient.`);
}

function activityOf(field: RelapseField, text: string): CarePlanActivity {
  return {
    id: field,
    detail: {
      code: { coding: [{ system: RELAPSE_FIELD_SYSTEM, code: field, display: RELAPSE_FIELD_LABEL[field] }], text: RELAPSE_FIELD_LABEL[field] },
      status: 'in-progress',
      description: text.trim(),
    },
  };
}

export function buildRelapseCarePlan(input: Omit<PlanShell, 'kind'> & { readonly content: RelapsePlanContent }): CarePlan {
  const plan = planShell({ ...input, kind: 'relapse-prevention' });
  const activity = RELAPSE_FIELDS.filter((f) => input.content[f].trim()).map((f) => activityOf(f, input.content[f]));
  return {
    ...plan,
    text: narrative(relapsePlanLines(input.content, input.start)),
    description: 'Relapse prevention plan written with the patient.',
    ...(activity.length ? { activity } : {}),
  };
}

/** The sections of a relapse CarePlan; an unknown section is left out (and said by the reader). */
export function readRelapseContent(plan: CarePlan): { content: RelapsePlanContent; unknown: number } {
  const content: Record<RelapseField, string> = { ...EMPTY_RELAPSE_PLAN };
  let unknown = 0;
  for (const a of Array.isArray(plan.activity) ? plan.activity : []) {
    const code = a?.detail?.code?.coding?.find((c) => c?.system === RELAPSE_FIELD_SYSTEM)?.code as RelapseField | undefined;
    if (code && RELAPSE_FIELDS.includes(code) && typeof a.detail?.description === 'string') content[code] = a.detail.description;
    else unknown++;
  }
  return { content, unknown };
}
