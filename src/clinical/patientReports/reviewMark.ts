/**
 * "Reviewed" on a patient's own report: a registry Observation naming the report in
 * `derivedFrom`, by the care manager who reviewed it. One per report (its identifier is the
 * report's), so a second click, or a colleague's, finds the first mark instead of adding one.
 */
import type { Observation } from '@medplum/fhirtypes';
import { REGISTRY_CATEGORY, REGISTRY_SYSTEM } from '../enrollment/codes.ts';
import { registryIdentifier } from '../enrollment/records.ts';

export const PATIENT_REPORT_REVIEWED = { system: REGISTRY_SYSTEM, code: 'patient-report-reviewed', display: "Patient's own report reviewed" } as const;

export interface ReviewMark {
  /** The report it marks, `QuestionnaireResponse/123`. */
  readonly report: string;
  readonly by: string | undefined;
  /** As written (effectiveDateTime). */
  readonly when: string;
}

export function buildReviewMark(input: { patientId: string; report: string; by?: string; when: string; now: Date }): Observation {
  const performer = input.by && /^(Practitioner|PractitionerRole)\//.test(input.by) ? [{ reference: input.by }] : undefined;
  return {
    resourceType: 'Observation',
    identifier: [registryIdentifier(input.report.replace('/', '-'), PATIENT_REPORT_REVIEWED.code)],
    status: 'final',
    category: [{ coding: [REGISTRY_CATEGORY] }],
    code: { coding: [{ ...PATIENT_REPORT_REVIEWED }], text: PATIENT_REPORT_REVIEWED.display },
    subject: { reference: `Patient/${input.patientId}` },
    effectiveDateTime: input.when,
    issued: input.now.toISOString(),
    ...(performer ? { performer } : {}),
    derivedFrom: [{ reference: input.report }],
  };
}

/** The review marks among Observations, by the report they mark (the earliest mark wins). */
export function readReviewMarks(observations: readonly Observation[]): Map<string, ReviewMark> {
  const marks = new Map<string, ReviewMark>();
  for (const obs of observations) {
    if (obs.status === 'entered-in-error') continue;
    if (!(obs.code?.coding ?? []).some((c) => c.system === PATIENT_REPORT_REVIEWED.system && c.code === PATIENT_REPORT_REVIEWED.code)) continue;
    const report = obs.derivedFrom?.[0]?.reference;
    const when = obs.effectiveDateTime;
    if (!report || !when) continue;
    const prior = marks.get(report);
    if (!prior || when < prior.when) marks.set(report, { report, by: obs.performer?.[0]?.reference, when });
  }
  return marks;
}
