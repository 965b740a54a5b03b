/**
 * One patient's chart, from one read: the banner, each instrument's course in the episode's
 * window with the program's rules, the registry row (the caseload's own function, so the two
 * never disagree), safety findings, flags, contacts, treatment, and every fact the read
 * could not establish, with the reason. Pure: `now` and the rules come in.
 */
import type { Flag } from '@medplum/fhirtypes';
import { caseloadRowOf, derivePatientCourse, type RowOptions } from '../caseload/caseloadRow.ts';
import type { CaseloadRow, PatientRecords } from '../caseload/types.ts';
import { buildContactLogModel, type ContactLogModel } from '../contacts/contactLog.ts';
import type { CourseSummary } from '../course/course.ts';
import { type PatientSummary, summarizePatient } from '../demographics/patientSummary.ts';
import type { Episode } from '../enrollment/types.ts';
import type { ActiveFlag } from '../flags/activeFlags.ts';
import type { InstrumentId } from '../instruments/index.ts';
import type { Administration, UnreadableRecord } from '../read/types.ts';
import type { SafetyFinding } from '../safety/safetyFindings.ts';
import type { RiskAssessment } from '../safety/riskAssessment.ts';
import { type ClinicalSettings, resolveSettings } from '../settings.ts';
import { buildTreatmentModel, type TreatmentModel } from './treatment.ts';
import type { Known, PatientChartRecords, ReadProblem } from './types.ts';

export const CHARTED_INSTRUMENTS = ['phq9', 'gad7'] as const satisfies readonly InstrumentId[];

export interface InstrumentHistory {
  instrument: (typeof CHARTED_INSTRUMENTS)[number];
  /** Every administration of the instrument, oldest first (incomplete ones included). */
  administrations: Administration[];
  /** The same object as the caseload row's course for this instrument. */
  course: CourseSummary;
}

/** The facts the view shows and the actions that depend on them wait for. */
export interface ChartFacts {
  /** Phase, episode, care manager: from the registry Observations. */
  enrollment: Known<true>;
  /** Active flags (safety, review requests, registry membership). */
  flags: Known<true>;
  /** Last contact, this month's minutes and billing codes. */
  contacts: Known<true>;
  /** Every score record (Observations, forms and their definitions). */
  scores: Known<true>;
  /** Psychiatric reviews and open review requests. */
  review: Known<true>;
  /** Risk assessments recorded for safety findings: until known, every finding keeps alerting. */
  assessments: Known<true>;
}

export interface PatientChart {
  /** When the records were read: the view's "now" (ages, chart range). */
  readAt: Date;
  /** The clinic's date at `readAt` (what is overdue). */
  today: string;
  settings: ClinicalSettings;
  banner: Known<PatientSummary>;
  row: CaseloadRow;
  episode: Episode | undefined;
  histories: InstrumentHistory[];
  /** PHQ-2 / GAD-2 screens, oldest first. */
  screens: Administration[];
  alerts: readonly SafetyFinding[];
  /** Risk assessments recorded for findings (read with the registry Observations). */
  assessments: readonly RiskAssessment[];
  flags: readonly ActiveFlag[];
  /** The Flags as read, for writes that must update them (enrollment, review requests). */
  rawFlags: readonly Flag[];
  contacts: ContactLogModel;
  /** Undefined while the treatment records are on their way. */
  treatment: TreatmentModel | undefined;
  facts: ChartFacts;
  /** Score, registry and flag searches that failed; the treatment's are in `treatment`. */
  failedSearches: ReadProblem[];
  unreadable: UnreadableRecord[];
  truncated: string[];
}

const KNOWN: Known<true> = { known: true, value: true };

/** The searches of the chart's core (the treatment's are the rest). */
const CORE_TYPES: readonly string[] = ['Patient', 'Observation', 'QuestionnaireResponse', 'Questionnaire', 'Flag'];

const SUBJECT: Record<string, string> = {
  Observation: 'score, enrollment, review and contact records (Observations)',
  QuestionnaireResponse: 'completed forms (QuestionnaireResponses)',
  Questionnaire: 'form definitions (Questionnaires)',
  Flag: 'flags',
  Patient: 'patient record',
};

function factOf(failed: readonly ReadProblem[], types: readonly string[], what: string, pending: readonly string[] = []): Known<true> {
  if (pending.some((p) => types.includes(p))) return { known: false, reason: `${what}: older records are still loading from the EHR.`, loading: true };
  const missing = failed.filter((f) => types.includes(f.what));
  if (!missing.length) return KNOWN;
  const which = missing.map((f) => `the ${SUBJECT[f.what] ?? f.what}`).join(' and ');
  // The EHR's own words are in the read problems list; here: what is unknown, and from which records.
  return { known: false, reason: `${what} could not be read from the EHR: ${which} did not load.` };
}

/** The caseload's input for the same patient (its failures in the caseload's words). */
export function caseloadRecordsOf(records: PatientChartRecords): PatientRecords {
  return {
    patientId: records.patientId,
    patient: records.patient,
    observations: records.observations,
    questionnaireResponses: records.questionnaireResponses,
    questionnaires: records.questionnaires,
    flags: records.flags,
    failures: records.failed.map((f) => `${f.what}: ${f.reason}`),
  };
}

export function buildPatientChart(records: PatientChartRecords, options: RowOptions): PatientChart {
  const caseloadRecords = caseloadRecordsOf(records);
  const derived = derivePatientCourse(caseloadRecords, options);
  const row = caseloadRowOf(caseloadRecords, derived, options);
  const failed = records.failed;
  const pending = records.pending ?? [];
  const administrations = derived.read.administrations;
  const patientProblem = failed.find((f) => f.what === 'Patient');
  const treatmentFailed = failed.filter((f) => !CORE_TYPES.includes(f.what));
  return {
    readAt: options.now,
    today: derived.today,
    settings: resolveSettings(options.settings),
    banner: records.patient
      ? { known: true, value: summarizePatient(records.patient, options.now) }
      : { known: false, reason: patientProblem?.reason ?? "The patient's record could not be read." },
    row,
    episode: derived.episode,
    histories: CHARTED_INSTRUMENTS.map((instrument) => ({
      instrument,
      administrations: administrations.filter((a) => a.instrument === instrument),
      course: derived.courses[instrument],
    })),
    screens: administrations.filter((a) => a.instrument === 'phq2' || a.instrument === 'gad2'),
    alerts: derived.alerting,
    assessments: derived.assessments,
    flags: derived.flags,
    rawFlags: records.flags,
    contacts: buildContactLogModel(records.observations, options.now, options.timeZone, {
      ...(options.cadence ? { cadence: options.cadence } : {}),
      ...(options.billing ? { billing: options.billing } : {}),
      enrollment: derived.enrollment,
    }),
    treatment: records.treatment
      ? buildTreatmentModel({ ...records.treatment, failed: treatmentFailed, truncated: records.truncated.filter((t) => !CORE_TYPES.includes(t)) }, options.now, {
          phq9: derived.courses.phq9,
          today: derived.today,
        })
      : undefined,
    facts: {
      enrollment: factOf(failed, ['Observation'], 'Enrollment', pending),
      flags: factOf(failed, ['Flag'], 'Flags', pending),
      contacts: factOf(failed, ['Observation'], 'Contacts', pending),
      scores: factOf(failed, ['Observation', 'QuestionnaireResponse', 'Questionnaire'], 'Some scores', pending),
      review: factOf(failed, ['Observation', 'Flag'], 'The psychiatric review status', pending),
      assessments: factOf(failed, ['Observation'], 'Earlier risk assessments', pending),
    },
    failedSearches: failed.filter((f) => !treatmentFailed.includes(f)),
    unreadable: [...derived.read.unreadable],
    truncated: records.truncated.filter((t) => CORE_TYPES.includes(t)),
  };
}
