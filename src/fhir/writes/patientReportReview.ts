/**
 * Records "reviewed" on a patient's own report (one click in `Patient reports`), once: the
 * mark's identifier is the report's, created with If-None-Exist, so a second click or a
 * colleague's finds the first mark. Where this EHR takes no registry Observation, the reason
 * comes back in words and nothing is pretended.
 */
import { REGISTRY_CATEGORY } from '../../clinical/enrollment/codes';
import { buildReviewMark, PATIENT_REPORT_REVIEWED } from '../../clinical/patientReports';
import { fhirDateTime } from '../../clinical/records/time';
import { type WriteTarget, writeCapabilitiesFor } from '../capabilities';
import { FhirError } from '../fhirError';
import { createOnce } from './createOnce';
import type { RegistryWriter } from './registry';

export const REPORT_REVIEW_TARGET: WriteTarget = { resourceType: 'Observation', categories: [REGISTRY_CATEGORY], codes: [PATIENT_REPORT_REVIEWED], label: 'review mark' };

export type ReviewOutcome = { saved: true; when: string } | { saved: false; reason: string };

export async function markReportReviewed(writer: RegistryWriter, input: { patientId: string; report: string; by?: string }, now = new Date()): Promise<ReviewOutcome> {
  const store = writeCapabilitiesFor(writer);
  await store.load();
  const verdict = store.getSnapshot().verdict(REPORT_REVIEW_TARGET);
  if (verdict.status === 'not-allowed') return { saved: false, reason: verdict.reason };
  const when = fhirDateTime(now, -now.getTimezoneOffset());
  const mark = buildReviewMark({ ...input, when, now });
  try {
    const result = await createOnce(writer.api, mark, mark.identifier![0]!);
    return { saved: true, when: result.resource?.effectiveDateTime ?? when };
  } catch (error) {
    const learned = store.learnFromError(REPORT_REVIEW_TARGET, error);
    return { saved: false, reason: learned?.status === 'not-allowed' ? learned.reason : error instanceof FhirError ? error.userMessage : 'The EHR did not save it.' };
  }
}
