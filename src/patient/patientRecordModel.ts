/**
 * From the raw records of one patient to what the patient view shows: administrations,
 * treat-to-target summaries, safety findings to alert on, active flags, and every record or
 * search that could not be read, with its reason. Pure; the hook feeds it.
 */
import { activeFlags, type ActiveFlag } from '../clinical/flags/activeFlags';
import { alertingSafetyFindings } from '../clinical/safety/safetyAlert';
import {
  type Administration,
  type CourseSummary,
  findSafetyFindings,
  type InstrumentId,
  readAdministrations,
  type SafetyFinding,
  summarizeCourse,
  type ClinicalSettings,
  resolveSettings,
  type SettingsOverride,
  type UnreadableRecord,
} from '../clinical';
import type { ScoreRecords } from '../fhir/reads/scoreRecords';

export const CHARTED_INSTRUMENTS: readonly InstrumentId[] = ['phq9', 'gad7'];

export interface InstrumentHistory {
  instrument: InstrumentId;
  /** Every administration of the instrument, oldest first (incomplete ones included). */
  administrations: Administration[];
  course: CourseSummary;
}

export interface ReadProblem {
  /** What could not be read, for the "could not be read" list. */
  what: string;
  reason: string;
}

export interface PatientRecordModel {
  /** When the records were read: the view's "now" (ages, chart range), moving with each reload. */
  readAt: Date;
  /** The program's clinical rules (defaults with config.json's overrides), for labels and lines. */
  settings: ClinicalSettings;
  histories: InstrumentHistory[];
  /** PHQ-2 / GAD-2 screens, oldest first. */
  screens: Administration[];
  alerts: SafetyFinding[];
  flags: ActiveFlag[];
  /** Searches that failed (whole resource types missing). */
  failedSearches: ReadProblem[];
  /** Single records that could not be read. */
  unreadable: UnreadableRecord[];
  /** Resource types whose search stopped at the safety cap. */
  truncated: string[];
}

/** The episode window of the registry row: course numbers start (and end) where the caseload's do. */
export interface CourseWindow {
  start: string;
  end: string | undefined;
}

/**
 * The same histories with the treat-to-target course counted from the enrollment (baseline
 * in the episode, weeks since enrollment), as the caseload grid counts it.
 */
export function withCourseWindow(model: PatientRecordModel, window: CourseWindow | undefined, timeZone: string, settings?: SettingsOverride): PatientRecordModel {
  if (!window) return model;
  const now = window.end && window.end < model.readAt.toISOString().slice(0, 10) ? window.end : model.readAt;
  const all = model.histories.flatMap((h) => h.administrations);
  return {
    ...model,
    histories: model.histories.map((h) => ({ ...h, course: summarizeCourse(all, h.instrument, { now, timeZone, enrollment: { start: window.start }, ...(settings ? { settings } : {}) }) })),
  };
}

export function buildPatientRecordModel(records: ScoreRecords, now: Date, timeZone: string, settings?: SettingsOverride): PatientRecordModel {
  const options = settings ? { settings } : {};
  const read = readAdministrations({
    questionnaireResponses: records.questionnaireResponses,
    observations: records.observations,
    questionnaires: records.questionnaires,
  }, options);
  const byInstrument = (id: InstrumentId) => read.administrations.filter((a) => a.instrument === id);
  const histories = CHARTED_INSTRUMENTS.map((instrument) => ({
    instrument,
    administrations: byInstrument(instrument),
    course: summarizeCourse(read.administrations, instrument, { now, timeZone, ...options }),
  }));
  const findings = findSafetyFindings(read.administrations, { now, timeZone });
  return {
    readAt: now,
    settings: resolveSettings(settings),
    histories,
    screens: read.administrations.filter((a) => a.instrument === 'phq2' || a.instrument === 'gad2'),
    alerts: alertingSafetyFindings(read.administrations, findings),
    flags: activeFlags(records.flags, now),
    failedSearches: records.failures.map((f) => ({ what: f.resourceType, reason: f.error.userMessage })),
    unreadable: read.unreadable,
    truncated: records.truncated,
  };
}
