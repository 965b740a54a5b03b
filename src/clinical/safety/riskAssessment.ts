/**
 * The safety lifecycle after a positive item 9: a clinician records "Risk assessed" (outcome,
 * plan, who, when) for a finding; that closes the finding's alert, and the finding stays in the
 * history with its assessment. One item per finding: an active safety Flag dated the same day
 * as a finding is that finding's flag (the screening writes both), not a second finding.
 * Pure: records in, state out; the record is built here, written by src/fhir/writes.
 */
import type { Observation } from '@medplum/fhirtypes';
import { hasCoding, REGISTRY_CATEGORY, REGISTRY_SYSTEM, RISK_ASSESSMENT, RISK_OUTCOME, RISK_PLAN } from '../enrollment/codes.ts';
import { registryIdentifier } from '../enrollment/records.ts';
import type { ActiveFlag } from '../flags/activeFlags.ts';
import { parseFhirDate } from '../time/fhirDate.ts';
import type { SafetyFinding } from './safetyFindings.ts';

export type RiskOutcome = 'low' | 'moderate' | 'high';

/** Risk levels as clinics triage them after a positive screen (e.g. C-SSRS screener levels). */
export const RISK_OUTCOME_LABEL: Readonly<Record<RiskOutcome, string>> = {
  low: 'Low risk',
  moderate: 'Moderate risk',
  high: 'High risk',
};
export const RISK_OUTCOMES = Object.keys(RISK_OUTCOME_LABEL) as RiskOutcome[];

export interface RiskAssessment {
  readonly reference: string;
  /** What it answers: the finding's source records and/or safety Flags (`QuestionnaireResponse/1`, `Flag/2`). */
  readonly answers: readonly string[];
  readonly outcome: RiskOutcome | undefined;
  readonly plan: string;
  /** Who assessed (`Practitioner/1`). */
  readonly by: string | undefined;
  /** yyyy-MM-dd and HH:mm as written. */
  readonly date: string;
  readonly time: string | undefined;
}

export interface RiskAssessmentInput {
  /** A UUID made once per user action: a resend finds the first copy. */
  readonly actionId: string;
  readonly patientId: string;
  /** The records it answers: the finding's sources and its flags. */
  readonly answers: readonly string[];
  readonly outcome: RiskOutcome;
  readonly plan: string;
  readonly by?: string;
  /** Local dateTime of the assessment (`fhirDateTime`). */
  readonly when: string;
  readonly now: Date;
}

const PERFORMER_TYPES = ['Practitioner', 'PractitionerRole', 'Organization', 'CareTeam', 'Patient', 'RelatedPerson'];

export function buildRiskAssessmentObservation(input: RiskAssessmentInput): Observation {
  const by = input.by && PERFORMER_TYPES.includes(input.by.split('/')[0] ?? '') ? input.by : undefined;
  return {
    resourceType: 'Observation',
    identifier: [registryIdentifier(input.actionId, 'risk-assessment')],
    status: 'final',
    category: [{ coding: [REGISTRY_CATEGORY] }],
    code: { coding: [RISK_ASSESSMENT], text: 'Suicide risk assessed' },
    subject: { reference: `Patient/${input.patientId}` },
    effectiveDateTime: input.when,
    issued: input.now.toISOString(),
    ...(by ? { performer: [{ reference: by }] } : {}),
    valueString: `${RISK_OUTCOME_LABEL[input.outcome]}. Plan: ${input.plan.trim()}`,
    component: [
      {
        code: { coding: [RISK_OUTCOME] },
        valueCodeableConcept: { coding: [{ system: REGISTRY_SYSTEM, code: input.outcome, display: RISK_OUTCOME_LABEL[input.outcome] }], text: RISK_OUTCOME_LABEL[input.outcome] },
      },
      { code: { coding: [RISK_PLAN] }, valueString: input.plan.trim() },
    ],
    derivedFrom: input.answers.map((reference) => ({ reference })),
  };
}

const COUNTED = new Set(['final', 'amended', 'corrected']);

export function readRiskAssessments(observations: readonly Observation[]): RiskAssessment[] {
  const out: RiskAssessment[] = [];
  for (const obs of observations) {
    if (obs?.resourceType !== 'Observation' || !COUNTED.has(obs.status) || !hasCoding(obs.code?.coding, RISK_ASSESSMENT)) continue;
    const when = parseFhirDate(obs.effectiveDateTime ?? obs.issued);
    const answers = (obs.derivedFrom ?? []).map((d) => d.reference).filter((r): r is string => typeof r === 'string');
    if (!when?.localDate || answers.length === 0) continue;
    const outcomeCode = obs.component?.find((c) => hasCoding(c.code?.coding, RISK_OUTCOME))?.valueCodeableConcept?.coding?.find((c) => c.system === REGISTRY_SYSTEM)?.code;
    const plan = obs.component?.find((c) => hasCoding(c.code?.coding, RISK_PLAN))?.valueString ?? obs.valueString ?? '';
    out.push({
      reference: `Observation/${obs.id ?? ''}`,
      answers,
      outcome: RISK_OUTCOMES.find((o) => o === outcomeCode),
      plan: plan.trim(),
      by: obs.performer?.[0]?.reference,
      date: when.localDate,
      time: when.precision === 'time' ? (obs.effectiveDateTime ?? '').slice(11, 16) : undefined,
    });
  }
  return out.sort((a, b) => (a.date + (a.time ?? '')).localeCompare(b.date + (b.time ?? '')));
}

/** One safety item: a finding (with the safety flags of its day), or a safety flag on its own. */
export interface SafetyItem {
  readonly key: string;
  readonly finding: SafetyFinding | undefined;
  readonly flags: readonly ActiveFlag[];
  /** yyyy-MM-dd of the finding or the flag; undefined when undated. */
  readonly date: string | undefined;
  /** The records an assessment of this item names. */
  readonly answers: readonly string[];
}

export interface SafetyState {
  /** Not assessed yet: these alert. */
  readonly open: readonly SafetyItem[];
  /** Assessed: shown in the history with the (latest) assessment. */
  readonly assessed: readonly { readonly item: SafetyItem; readonly assessment: RiskAssessment }[];
}

function flagDate(flag: ActiveFlag): string | undefined {
  return parseFhirDate(flag.since)?.localDate;
}

/** Findings and safety flags as items, one per finding, each with its assessment if any. */
export function safetyState(findings: readonly SafetyFinding[], safetyFlags: readonly ActiveFlag[], assessments: readonly RiskAssessment[]): SafetyState {
  const used = new Set<string>();
  const items: SafetyItem[] = [];
  for (const finding of findings) {
    const flags = safetyFlags.filter((f) => !used.has(f.reference) && finding.localDate !== undefined && flagDate(f) === finding.localDate);
    flags.forEach((f) => used.add(f.reference));
    items.push({ key: finding.administrationId, finding, flags, date: finding.localDate, answers: [...finding.sources, ...flags.map((f) => f.reference)] });
  }
  for (const flag of safetyFlags) {
    if (used.has(flag.reference)) continue;
    items.push({ key: flag.reference, finding: undefined, flags: [flag], date: flagDate(flag), answers: [flag.reference] });
  }
  const open: SafetyItem[] = [];
  const assessed: { item: SafetyItem; assessment: RiskAssessment }[] = [];
  for (const item of items) {
    const answering = assessments.filter((a) => a.answers.some((r) => item.answers.includes(r)));
    const latest = answering[answering.length - 1];
    if (latest) assessed.push({ item, assessment: latest });
    else open.push(item);
  }
  return { open, assessed };
}
