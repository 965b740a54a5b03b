// Public surface of the clinical model. Everything here is pure: no I/O, no clock reads;
// `now` is always passed in. Rules and defaults: docs/clinical-rules.md.
export * from './instruments/index.ts';
export { severityOf, screenResult } from './scoring/severity.ts';
export { proratedTotal } from './scoring/prorate.ts';
export { DEFAULT_SETTINGS, resolveSettings, type ClinicalSettings, type SettingsOverride } from './settings.ts';
export { readAdministrations, compareAdministrations, type ReadInput, type ReadOptions } from './read/readAdministrations.ts';
export type { Administration, AdministrationStatus, Completeness, IgnoredRecord, ItemAnswer, ReadResult, TotalSource, UnreadableRecord } from './read/types.ts';
export { summarizeCourse, type CourseOptions, type CourseSummary, type Trend } from './course/course.ts';
export { findSafetyFindings, type SafetyFinding, type SafetyOptions } from './safety/safetyFindings.ts';
export { isIsoDate, isIsoTime, parseFhirDate, localDateOf, type ParsedFhirDate } from './time/fhirDate.ts';
export * from './treatment/index.ts';
