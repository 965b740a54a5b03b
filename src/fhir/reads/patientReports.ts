/**
 * The `Patient reports` list's reads: the caseload patients' records in `patient=a,b,c`
 * batches (the caseload's own batch read), and the review marks on their reports. A patient
 * whose records could not be read is named apart, never shown as "nothing sent".
 */
import type { Observation } from '@medplum/fhirtypes';
import { orderForReview, PATIENT_REPORT_REVIEWED, patientReportRows, readReviewMarks, type PatientReportRow } from '../../clinical/patientReports';
import type { FhirApi } from '../fhirApi';
import { createLimiter, readCaseloadBatch } from './caseloadBatch';

const BATCH = 50;

export interface PatientReportsRead {
  rows: PatientReportRow[];
  /** Patients whose records (or review marks) could not be read in full. */
  unread: string[];
}

export async function readPatientReports(api: FhirApi, patientIds: readonly string[], since: string, signal?: AbortSignal): Promise<PatientReportsRead> {
  const limit = createLimiter(4);
  const batches: string[][] = [];
  for (let i = 0; i < patientIds.length; i += BATCH) batches.push(patientIds.slice(i, i + BATCH));
  const results = await Promise.all(
    batches.map(async (ids) => {
      const [records, marks] = await Promise.all([
        readCaseloadBatch(api, ids, limit, signal),
        limit(() =>
          api
            .search<Observation>(
              'Observation',
              { patient: ids.join(','), code: `${PATIENT_REPORT_REVIEWED.system}|${PATIENT_REPORT_REVIEWED.code}`, _count: '200' },
              { maxPages: 20, ...(signal ? { signal } : {}) },
            )
            .then((r) => r.resources)
            .catch(() => undefined),
        ),
      ]);
      const reviewMarks = readReviewMarks(marks ?? []);
      const rows = records.flatMap((r) => patientReportRows(r, reviewMarks, since));
      // Without the marks, "reviewed" is unknown for every patient of the batch.
      const unread = marks === undefined ? [...ids] : records.filter((r) => r.failures.length > 0).map((r) => r.patientId);
      return { rows, unread };
    }),
  );
  return { rows: orderForReview(results.flatMap((r) => r.rows)), unread: results.flatMap((r) => r.unread) };
}
