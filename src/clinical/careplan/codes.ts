/**
 * Codes and systems of the plans the app writes (docs/fhir-mapping.md, "Treatment plan").
 * US Core CarePlan and Goal shapes; the app's own systems mark what it wrote, so a plan from
 * another system is read and shown but never taken for ours.
 */
import type { Coding } from '@medplum/fhirtypes';

export const US_CORE_CAREPLAN_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-careplan';
export const US_CORE_GOAL_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-goal';
export const US_CORE_DOCUMENT_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference';

/** `<plan UUID>` for a CarePlan, `<plan UUID>/<key>` for its Goals and notes. */
export const PLAN_IDENTIFIER_SYSTEM = 'urn:cocm-registry:care-plan';

export const ASSESS_PLAN: Coding = { system: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category', code: 'assess-plan', display: 'Assessment and Plan of Treatment' };

/** Which of the app's plans a CarePlan is. */
export const PLAN_KIND_SYSTEM = 'urn:cocm-registry:care-plan-kind';
export type PlanKind = 'treatment' | 'relapse-prevention';
export const PLAN_KIND_DISPLAY: Readonly<Record<PlanKind, string>> = {
  treatment: 'Collaborative care treatment plan',
  'relapse-prevention': 'Relapse prevention plan',
};

/** The part of the plan an activity is. */
export const PART_KIND_SYSTEM = 'urn:cocm-registry:plan-part';
export type PartKind = 'medication' | 'psychotherapy' | 'referral' | 'physical-health' | 'follow-up';
export const PART_KINDS: readonly PartKind[] = ['medication', 'psychotherapy', 'referral', 'physical-health', 'follow-up'];
export const PART_KIND_LABEL: Readonly<Record<PartKind, string>> = {
  medication: 'Medication',
  psychotherapy: 'Psychotherapy',
  referral: 'Referral',
  'physical-health': 'Physical health',
  'follow-up': 'Care manager follow-up',
};

/** Who owns a part of the plan (a team role, not a person: people change, the role stays). */
export const OWNER_ROLE_EXTENSION = 'urn:cocm-registry:extension:owner-role';
export type OwnerRole = 'pcp' | 'care-manager' | 'psychiatric-consultant' | 'therapist' | 'patient';
export const OWNER_ROLES: readonly OwnerRole[] = ['pcp', 'care-manager', 'psychiatric-consultant', 'therapist', 'patient'];
export const OWNER_ROLE_LABEL: Readonly<Record<OwnerRole, string>> = {
  pcp: 'Primary care provider',
  'care-manager': 'Care manager',
  'psychiatric-consultant': 'Psychiatric consultant',
  therapist: 'Therapist',
  patient: 'Patient',
};

/** A part taken from a psychiatric recommendation: who recommended it (the review is its reason). */
export const RECOMMENDED_BY_EXTENSION = 'urn:cocm-registry:extension:recommended-by';

/** CarePlan.activity.detail.status values the plan uses, with their words. */
export type PartStatus = 'not-started' | 'in-progress' | 'completed' | 'stopped';
export const PART_STATUSES: readonly PartStatus[] = ['not-started', 'in-progress', 'completed', 'stopped'];
export const PART_STATUS_LABEL: Readonly<Record<PartStatus, string>> = {
  'not-started': 'Planned',
  'in-progress': 'In progress',
  completed: 'Done',
  stopped: 'Stopped',
};

/** The treat-to-target Goals and the patient's own. */
export const GOAL_KIND_SYSTEM = 'urn:cocm-registry:goal-kind';
export type TargetKind = 'remission' | 'response';
export const PHQ9_TOTAL: Coding = { system: 'http://loinc.org', code: '44261-6', display: 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]' };
export const GOAL_CATEGORY_BEHAVIORAL: Coding = { system: 'http://terminology.hl7.org/CodeSystem/goal-category', code: 'behavioral', display: 'Behavioral' };

/** The relapse prevention plan's sections (AIMS / COMPASS maintenance plan). */
export const RELAPSE_FIELD_SYSTEM = 'urn:cocm-registry:relapse-plan-field';

/** The clinical note written where CarePlan may not be: LOINC "Plan of care note". */
export const PLAN_OF_CARE_NOTE: Coding = { system: 'http://loinc.org', code: '18776-5', display: 'Plan of care note' };
export const CLINICAL_NOTE_CATEGORY: Coding = {
  system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
  code: 'clinical-note',
  display: 'Clinical Note',
};

export function hasCode(codings: readonly (Coding | undefined)[] | undefined, system: string, code?: string): boolean {
  return (Array.isArray(codings) ? codings : []).some((c) => c?.system === system && (code === undefined || c.code === code));
}

export function codeIn(codings: readonly (Coding | undefined)[] | undefined, system: string): string | undefined {
  return (Array.isArray(codings) ? codings : []).find((c) => c?.system === system && typeof c.code === 'string')?.code;
}
