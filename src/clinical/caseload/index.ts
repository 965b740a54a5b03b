// The caseload: one row per patient computed once from that patient's records, and the
// ranked psychiatric case review queue. Pure: no I/O, no clock reads.
export type { CaseloadRow, InstrumentColumns, PatientRecords, RowPhase } from './types.ts';
export { buildCaseloadRow, caseloadRowOf, derivePatientCourse, failedRow, loadingRow, scaleDue, type PatientCourse, type RowOptions, type ScaleDue } from './caseloadRow.ts';
export { rankReviewQueue, reviewReasons, REVIEW_REASON_LABEL, REVIEW_REASON_ORDER, type ReviewQueueEntry, type ReviewQueueOptions, type ReviewReason } from './reviewQueue.ts';
