// Patient-reported outcomes: who gave an administration, what a patient already sent, and
// what the patient app shows first. Pure: no I/O, no clock reads.
export { reportSourceOf, reportSourceOfObservation, reportSourceOfResponse, type ReportSource } from './reportSource.ts';
export { reportsSentOn, type SentAnswer, type SentReport } from './sentReports.ts';
export { patientStatus, type OwnRecords, type PatientStatus } from './patientStatus.ts';
export { orderForReview, patientReportRows, type PatientRecordsForReports, type PatientReportRow } from './reportList.ts';
export { buildReviewMark, PATIENT_REPORT_REVIEWED, readReviewMarks, type ReviewMark } from './reviewMark.ts';
