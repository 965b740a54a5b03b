/**
 * From one patient's records to its caseload row: episode and phase from the registry
 * records, the course of each instrument counted from the episode's enrollment, safety
 * findings and flags, scale cadence and the latest psychiatric review. Pure.
 */
import { type BillingSettingsOverride, resolveBillingSettings } from '../billing/settings.ts';
import type { CadenceSettings } from '../contacts/cadence.ts';
import { summarizePatient } from '../demographics/patientSummary.ts';
import { type ActiveFlag, activeFlags } from '../flags/activeFlags.ts';
import { readAdministrations } from '../read/readAdministrations.ts';
import type { ReadResult } from '../read/types.ts';
import { findSafetyFindings, type SafetyFinding } from '../safety/safetyFindings.ts';
import { alertingSafetyFindings } from '../safety/safetyAlert.ts';
import { readRiskAssessments, type RiskAssessment, safetyState } from '../safety/riskAssessment.ts';
import { summarizeCourse, type CourseSummary } from '../course/course.ts';
import { localDateOf } from '../time/fhirDate.ts';
import type { SettingsOverride } from '../settings.ts';
import { addDays, maxDate } from '../enrollment/calendar.ts';
import { measuredOnOf, measurementDue, programMeasurementSchedule, type MeasurementScheduleSettings } from '../schedule/measurementSchedule.ts';
import { ENROLLED_FLAG, hasCoding, REVIEW_REQUEST_FLAG } from '../enrollment/codes.ts';
import { deriveEnrollment, isOpenPhase, phaseLabel, treatmentStart } from '../enrollment/episodes.ts';
import { readRegistryRecords } from '../enrollment/readRegistryRecords.ts';
import { resolveRegistrySettings, type RegistrySettings } from '../enrollment/settings.ts';
import type { EnrollmentState, Episode, RegistryRecords } from '../enrollment/types.ts';
import { contactColumns, contactServiceDates, EMPTY_CONTACT_COLUMNS } from '../contacts/contactColumns.ts';
import type { CaseloadRow, InstrumentColumns, PatientRecords } from './types.ts';

export interface RowOptions {
  readonly now: Date;
  /** The clinic's IANA zone (today's date, weeks in treatment). */
  readonly timeZone: string;
  readonly settings?: SettingsOverride;
  readonly registrySettings?: Partial<RegistrySettings>;
  readonly cadence?: Partial<CadenceSettings>;
  readonly billing?: BillingSettingsOverride;
  /** config.json `program.measurementSchedule`, laid over the registry cadence. */
  readonly measurementSchedule?: Partial<MeasurementScheduleSettings>;
}

const EMPTY_COLUMNS: InstrumentColumns = { baseline: undefined, latest: undefined, changePoints: undefined, changePercent: undefined, response: undefined, remission: undefined };

function columns(course: CourseSummary): InstrumentColumns {
  return {
    baseline: course.baseline?.total,
    latest: course.latest?.total,
    changePoints: course.change?.points,
    changePercent: course.change?.percent,
    response: course.response,
    remission: course.remission,
  };
}

/** A row for a patient whose records are still on their way. */
export function loadingRow(patientId: string, records?: Pick<PatientRecords, 'patient'>): CaseloadRow {
  const summary = records?.patient ? summarizePatient(records.patient, new Date(0)) : undefined;
  return {
    ...emptyRow(patientId),
    name: summary?.name ?? 'Loading…',
    mrn: summary?.mrn,
  };
}

/** A row that says the patient's data failed to load (still a row: nobody silently vanishes). */
export function failedRow(patientId: string, problem: string, records?: Pick<PatientRecords, 'patient'>): CaseloadRow {
  const summary = records?.patient ? summarizePatient(records.patient, new Date(0)) : undefined;
  return { ...emptyRow(patientId), load: 'failed', loadProblem: problem, name: summary?.name ?? `Patient ${patientId}`, mrn: summary?.mrn, phaseLabel: 'Could not be loaded' };
}

function emptyRow(id: string): CaseloadRow {
  return {
    id,
    load: 'loading',
    loadProblem: undefined,
    name: '',
    mrn: undefined,
    phase: 'not-enrolled',
    phaseLabel: 'Loading…',
    careManager: undefined,
    pcp: undefined,
    enrolledOn: undefined,
    course: undefined,
    weeksInTreatment: undefined,
    phq9: EMPTY_COLUMNS,
    gad7: EMPTY_COLUMNS,
    notImproving: false,
    safety: false,
    safetyDate: undefined,
    flaggedForReview: false,
    reviewFlagSince: undefined,
    flagLabels: [],
    lastScaleDate: undefined,
    nextScaleDue: undefined,
    scaleOverdue: false,
    lastReviewDate: undefined,
    lastRecommendation: undefined,
    lastReviewReference: undefined,
    lastReviewer: undefined,
    recommendationNew: false,
    nextReviewDate: undefined,
    reviewedThisEpisode: false,
    notes: [],
    ...EMPTY_CONTACT_COLUMNS,
  };
}

export interface ScaleDue {
  readonly nextDue: string | undefined;
  readonly overdue: boolean;
}

/**
 * When the next scale is due and whether it is overdue. In active treatment and relapse
 * prevention this is the measurement schedule (weekly in the first month), the same call the
 * patient app makes for its "due", so the two cannot disagree. A referred patient is asked
 * nothing at home; the clinic owes the initial assessment `initialAssessmentDays` after the
 * referral (or the registry cadence after a scale taken since). Overdue from the day after.
 */
export function scaleDue(
  episode: Episode | undefined,
  measuredOn: readonly string[],
  today: string,
  settings: RegistrySettings,
  schedule?: Partial<MeasurementScheduleSettings>,
): ScaleDue {
  if (!episode) return { nextDue: undefined, overdue: false };
  if (episode.phase === 'referred') {
    const since = measuredOn.filter((d) => d >= episode.start && d <= today).reduce<string | undefined>((a, b) => maxDate(a, b), undefined);
    const nextDue = addDays(since ?? episode.start, since ? settings.activeCadenceDays : settings.initialAssessmentDays);
    return { nextDue, overdue: nextDue !== undefined && today > nextDue };
  }
  const due = measurementDue({ today, episode, measuredOn, program: programMeasurementSchedule(settings, schedule) });
  return { nextDue: due.nextDue, overdue: due.status === 'overdue' };
}

/**
 * What the caseload row and the patient view both stand on, computed once: the
 * administrations read with the program's rules, the episode, each instrument's course in
 * the episode's window, safety findings and flags. The row is a flat view of it and the
 * patient view shows it whole, so the two cannot disagree.
 */
export interface PatientCourse {
  readonly today: string;
  readonly read: ReadResult;
  readonly registry: RegistryRecords;
  readonly enrollment: EnrollmentState;
  readonly episode: Episode | undefined;
  /** The episode's treatment start, when there is one: the course counts from it. */
  readonly start: string | undefined;
  readonly courses: { readonly phq9: CourseSummary; readonly gad7: CourseSummary };
  readonly findings: readonly SafetyFinding[];
  readonly alerting: readonly SafetyFinding[];
  readonly flags: readonly ActiveFlag[];
  /** Suicide risk assessments recorded for findings: an assessed finding no longer alerts. */
  readonly assessments: readonly RiskAssessment[];
}

export function derivePatientCourse(records: PatientRecords, options: RowOptions): PatientCourse {
  const registrySettings = resolveRegistrySettings(options.registrySettings);
  const today = localDateOf(options.now, options.timeZone);
  // The program's rules (items that may be missing, proration) decide which forms score.
  const read = readAdministrations(
    {
      observations: records.observations,
      questionnaireResponses: records.questionnaireResponses,
      questionnaires: records.questionnaires,
    },
    options.settings ? { settings: options.settings } : {},
  );
  const registry = readRegistryRecords(records.observations, records.flags);
  const serviceDates = [
    ...read.administrations.map((a) => a.localDate).filter((d): d is string => d !== undefined),
    ...registry.reviews.map((r) => r.date),
    ...contactServiceDates(records.observations, options.timeZone),
  ];
  const enrollment = deriveEnrollment(registry.events, { today, serviceDates, settings: registrySettings });
  const episode = enrollment.current;
  const start = treatmentStart(episode);
  // An ended episode's weeks stop at its end; an open one's run to today.
  const courseNow = episode?.end && episode.end < today ? episode.end : options.now;
  const courseOptions = { now: courseNow, timeZone: options.timeZone, ...(start ? { enrollment: { start } } : {}), ...(options.settings ? { settings: options.settings } : {}) };
  const findings = findSafetyFindings(read.administrations, { now: options.now, timeZone: options.timeZone });
  return {
    today,
    read,
    registry,
    enrollment,
    episode,
    start,
    courses: { phq9: summarizeCourse(read.administrations, 'phq9', courseOptions), gad7: summarizeCourse(read.administrations, 'gad7', courseOptions) },
    findings,
    alerting: alertingSafetyFindings(read.administrations, findings),
    flags: activeFlags(records.flags, options.now),
    assessments: readRiskAssessments(records.observations),
  };
}

/**
 * Unknown is never "no": without the patient's Observations (enrollment, contacts, scores) or
 * Flags (membership, safety, review), a row would say "Not enrolled", 0 minutes or no safety flag
 * for facts it never read. Such a row says it could not be loaded instead (the patient view,
 * which knows each fact apart, says which one is missing).
 */
const ROW_NEEDS = ['Observation', 'Flag'];

export function buildCaseloadRow(records: PatientRecords, options: RowOptions): CaseloadRow {
  if (records.unreadTypes?.some((t) => ROW_NEEDS.includes(t))) return failedRow(records.patientId, records.failures.join('; '), records);
  return caseloadRowOf(records, derivePatientCourse(records, options), options);
}

/** The caseload row of a derived course (the patient view builds both from one derivation). */
export function caseloadRowOf(records: PatientRecords, derived: PatientCourse, options: RowOptions): CaseloadRow {
  const registrySettings = resolveRegistrySettings(options.registrySettings);
  const { today, registry, enrollment, episode, start, alerting, flags } = derived;
  const { phq9, gad7 } = derived.courses;
  const summary = records.patient ? summarizePatient(records.patient, options.now) : undefined;
  const primary = phq9.scores.length > 0 || gad7.scores.length === 0 ? phq9 : gad7;

  // A finding whose risk was assessed no longer alerts (it stays in the patient's history).
  const safety = safetyState(
    alerting,
    flags.filter((f) => f.safety),
    derived.assessments,
  );
  const safetyDate = safety.open.map((i) => i.date).reduce<string | undefined>((a, b) => maxDate(a, b), undefined);

  const lastReview = registry.reviews[registry.reviews.length - 1];
  const openRequests = registry.reviewRequests.filter((f) => f.active && (lastReview === undefined || (f.since ?? '') > lastReview.date));
  const reviewFlagSince = openRequests
    .map((f) => f.since)
    .filter((d): d is string => d !== undefined)
    .sort()[0];
  const reviewedThisEpisode = episode !== undefined && registry.reviews.some((r) => r.date >= episode.start);

  const flagLabels: string[] = [];
  if (safety.open.length > 0) flagLabels.push('Safety');
  if (openRequests.length > 0) flagLabels.push('Review');
  for (const f of flags) {
    const raw = records.flags.find((x) => `Flag/${x.id ?? ''}` === f.reference);
    if (f.safety || (raw && (hasCoding(raw.code?.coding, ENROLLED_FLAG) || hasCoding(raw.code?.coding, REVIEW_REQUEST_FLAG)))) continue;
    flagLabels.push(f.text);
  }

  const lastScaleDate = [phq9.latest?.localDate, gad7.latest?.localDate].reduce<string | undefined>((a, b) => maxDate(a, b), undefined);
  const due = scaleDue(episode, measuredOnOf(derived.read.administrations), today, registrySettings, options.measurementSchedule);
  const open = episode !== undefined && isOpenPhase(episode.phase);

  const notes = [...enrollment.problems, ...registry.unreadable.map((u) => `${u.reference}: ${u.reason}`)];
  const hasMembership = registry.membershipFlags.some((f) => f.active);
  if (hasMembership && !open) notes.push('the registry flag is still active although the episode has ended');
  if (!hasMembership && open && registry.membershipFlags.length > 0) notes.push('the episode is open but its registry flag is inactive');

  const partial = records.failures.length > 0;
  return {
    id: records.patientId,
    load: partial ? 'partial' : 'ready',
    loadProblem: partial ? records.failures.join('; ') : undefined,
    name: summary?.name ?? (records.failures.length ? `Patient ${records.patientId}` : 'Name not recorded'),
    mrn: summary?.mrn,
    phase: episode?.phase ?? 'not-enrolled',
    phaseLabel: phaseLabel(episode?.phase),
    careManager: episode?.careManager,
    pcp: episode?.pcp,
    enrolledOn: episode ? (episode.enrolledOn ?? episode.start) : undefined,
    course: start ? { start, end: episode?.end && episode.end < today ? episode.end : undefined } : undefined,
    weeksInTreatment: primary.weeksInTreatment,
    phq9: columns(phq9),
    gad7: columns(gad7),
    notImproving: open && primary.notImproving,
    safety: flagLabels[0] === 'Safety',
    safetyDate,
    flaggedForReview: openRequests.length > 0,
    reviewFlagSince,
    flagLabels,
    lastScaleDate,
    nextScaleDue: due.nextDue,
    scaleOverdue: due.overdue,
    lastReviewDate: lastReview?.date,
    lastRecommendation: lastReview?.recommendation,
    lastReviewReference: lastReview?.reference,
    lastReviewer: lastReview?.reviewer,
    recommendationNew: lastReview !== undefined && !registry.seen.some((s) => s.review === lastReview.reference),
    nextReviewDate: lastReview?.nextReviewDate,
    reviewedThisEpisode,
    notes,
    ...contactColumns(records.observations, {
      today,
      timeZone: options.timeZone,
      episode,
      episodes: enrollment.episodes,
      ...(options.cadence ? { cadence: options.cadence } : {}),
      ...(options.billing ? { billing: resolveBillingSettings(options.billing) } : {}),
    }),
  };
}
