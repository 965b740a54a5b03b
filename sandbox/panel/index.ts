import type { Resource } from '@medplum/fhirtypes';
import { QUESTIONNAIRES } from '../../src/clinical/index.ts';
import { COURSE_WEIGHTS, type CourseKind } from './courses.ts';
import { generateHistory, type HistoryPlan, type HistoryStats, type StorageMode } from './history.ts';
import { countEnrollment, ENROLLED_SHARE, type EnrollmentSummary, generateEnrollment } from './enrollment.ts';
import { generateContacts } from './contacts.ts';
import { makePatient } from './patients.ts';
import { withDemographics } from './demographics.ts';
import { generateVisits } from './visits.ts';
import { addDays } from '../../src/clinical/enrollment/calendar.ts';
import { makeProgramLists } from './programLists.ts';
import { screeningResults } from './screeningResults.ts';
import { makeCareTeam } from './practitioners.ts';
import { Rng } from './prng.ts';
import { GAD7, PHQ9 } from '../../src/clinical/index.ts';
import { localQuestionnaire, type QrShape } from './shapes.ts';

export { MRN_SYSTEM } from './patients.ts';
export { NPI_SYSTEM } from './practitioners.ts';
export { QR_SHAPES, type ObsValueShape, type QrShape } from './shapes.ts';
export type { CourseKind } from './courses.ts';
export type { StorageMode } from './history.ts';
export type { EnrollmentSummary } from './enrollment.ts';
export { CASELOAD_LIST_CODE, PROGRAM_GROUP_ID } from './programLists.ts';
export { Rng } from './prng.ts';

export interface PanelOptions {
  /** Number of patients. */
  patients: number;
  seed: string | number;
  /** "Today" for the histories; default: the current UTC day at midnight. */
  now?: Date;
}

/** The panel's variety report: every history's counters added up, plus the panel's own. */
export interface PanelSummary extends Omit<HistoryStats, 'administrations'> {
  patients: number;
  practitioners: number;
  resources: number;
  byType: Record<string, number>;
  courses: Partial<Record<CourseKind, number>>;
  patientsWithoutScores: number;
  /** Ids of the patients with a ten-year history (performance work). */
  longHistoryPatients: string[];
  /** Patients in the program: `open` have an active membership Flag (the caseload). */
  enrollment: EnrollmentSummary;
}

export interface Panel {
  resources: Resource[];
  summary: PanelSummary;
}

const SHAPE_WEIGHTS: Readonly<Record<QrShape, number>> = {
  loinc: 30,
  'us-core-ordinal': 15,
  'lhc-nested': 15,
  versioned: 10,
  integer: 10,
  'local-stored': 12,
  'local-contained': 8,
};
/** How often each PCP's visits include a PHQ-2, and how far each care manager falls behind. */
const SCREENING_SHARE = [0.85, 0.6, 0.35];
const CARE_MANAGER_LAG_DAYS = [0, 4, 14];
/** Share of the panel in an open episode, and the caseload each care manager carries. */
const OPEN_SHARE = 0.55;
const PATIENTS_PER_CARE_MANAGER = 65;
const MODE_WEIGHTS: Readonly<Record<StorageMode, number>> = { both: 45, 'qr-only': 20, 'obs-only': 35 };

/**
 * The synthetic panel: a clinic's care team, the Questionnaires it uses, and `patients`
 * patients, most with PHQ-9 (and often GAD-7) histories that follow believable courses, kept
 * in the many shapes real EHRs use. The same seed and `now` always give the same panel.
 */
export function generatePanel(options: PanelOptions): Panel {
  const now = options.now ?? new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
  const rng = new Rng(options.seed);
  // Believable caseloads (AIMS: about 60-80 complex or 90-120 low-complexity patients per care
  // manager): about 55% of the panel is in an open episode, about 65 per care manager. A
  // small panel has one care manager; the team always lists three.
  const carrying = Math.max(1, Math.round((options.patients * OPEN_SHARE) / PATIENTS_PER_CARE_MANAGER));
  const team = makeCareTeam(rng.fork('team'), carrying);
  const careManagers = team.careManagers.slice(0, carrying);
  const resources: Resource[] = [team.organization, ...team.practitioners, ...team.roles];
  resources.push(...Object.values(QUESTIONNAIRES), localQuestionnaire(PHQ9), localQuestionnaire(GAD7));

  const summary: PanelSummary = {
    patients: options.patients,
    practitioners: team.practitioners.length,
    resources: 0,
    byType: {},
    courses: {},
    qrShapes: {},
    obsValues: {},
    modes: {},
    item9Positive: 0,
    missingItems: 0,
    enteredInError: 0,
    amended: 0,
    corrected: 0,
    patientsWithoutScores: 0,
    longHistoryPatients: [],
    enrollment: { enrolled: 0, open: 0, byPhase: {}, reenrolled: 0 },
  };
  const caseloads = new Map<string, string[]>(team.careManagers.map((id) => [id, []]));
  // One patient in every 20 (at least one) is seen with a current self-harm answer, so the
  // safety alert always has someone to show.
  const currentRiskIndexes = new Set(
    options.patients >= 3 ? Array.from({ length: Math.max(1, Math.floor(options.patients / 20)) }, (_, k) => 2 + k * 20).filter((i) => i < options.patients) : [],
  );
  const longIndexes = new Set(options.patients >= 2 ? [1, ...(options.patients >= 10 ? [Math.floor(options.patients / 2)] : [])] : []);
  const ids = new Set<string>();
  // One contact in the whole panel is shown removed (entered in error).
  let contactRemovalPlaced = false;
  for (let i = 0; i < options.patients; i++) {
    const prng = rng.fork(`patient-${i}`);
    let id = `pat-${prng.hex(8)}`;
    while (ids.has(id)) id = `pat-${prng.hex(8)}`;
    ids.add(id);
    const pcp = prng.pick(team.pcps);
    resources.push(withDemographics(makePatient(i, id, prng, now, pcp), rng.fork(`demographics-${i}`)));
    const long = longIndexes.has(i);
    // Primary care visits (and PHQ-2 screens) come from their own fork: histories stay put.
    const visits = (firstScoreDate: string | undefined, enrolled = false) =>
      generateVisits(
        {
          patient: id,
          pcp,
          screeningShare: SCREENING_SHARE[team.pcps.indexOf(pcp)] ?? 0.5,
          firstScoreDate,
          screens: !long,
          screensBefore: enrolled && firstScoreDate ? addDays(firstScoreDate, -14) : undefined,
        },
        rng.fork(`visits-${i}`),
        now,
      );
    const currentRisk = currentRiskIndexes.has(i) && !long;
    if (!long && !currentRisk && prng.chance(0.1)) {
      summary.patientsWithoutScores++;
      resources.push(...visits(undefined));
      continue;
    }
    const course: CourseKind = long ? (summary.longHistoryPatients.length === 0 ? 'relapse' : 'slow-improver') : prng.weighted(COURSE_WEIGHTS);
    const plan: HistoryPlan = {
      patient: id,
      course,
      shape: prng.weighted(SHAPE_WEIGHTS),
      mode: prng.weighted(MODE_WEIGHTS),
      withGad7: long || prng.chance(0.75),
      weeksAgo: long ? 520 : prng.weighted({ weeks: 30, months: 35, years: 35 }) === 'weeks' ? prng.int(1, 12) : prng.chance(0.5) ? prng.int(12, 52) : prng.int(52, 156),
      cadence: long ? 'long' : 'standard',
      safetyRisk: currentRisk || prng.chance(0.08),
      currentSafetyRisk: currentRisk,
      careManager: prng.pick(careManagers),
      pcp,
    };
    if (long) summary.longHistoryPatients.push(id);
    summary.courses[course] = (summary.courses[course] ?? 0) + 1;
    const history = generateHistory(plan, prng, now);
    resources.push(...history.resources);
    addStats(summary, history.stats);
    // Its own fork: enrolling draws nothing from the patient's generator, so histories stay put.
    const enrollRng = rng.fork(`enrollment-${i}`);
    const enrolls = currentRisk || enrollRng.chance(ENROLLED_SHARE);
    resources.push(...visits(addDays(now.toISOString().slice(0, 10), -plan.weeksAgo * 7), enrolls));
    if (enrolls) {
      const scoreDates = history.resources.flatMap((r) => {
        const when = r.resourceType === 'Observation' ? r.effectiveDateTime : r.resourceType === 'QuestionnaireResponse' ? r.authored : undefined;
        return when ? [when.slice(0, 10)] : [];
      });
      const enrollment = generateEnrollment(
        { patient: id, course, weeksAgo: plan.weeksAgo, careManager: plan.careManager, pcp, psychiatrist: team.psychiatrist, scoreDates },
        enrollRng,
        now,
      );
      resources.push(...enrollment.resources);
      countEnrollment(summary.enrollment, enrollment);
      const contacts = generateContacts(
        {
          patient: id,
          course,
          careManager: plan.careManager,
          registry: enrollment.resources,
          withRemoval: !contactRemovalPlaced,
          lagDays: CARE_MANAGER_LAG_DAYS[team.careManagers.indexOf(plan.careManager) % CARE_MANAGER_LAG_DAYS.length] ?? 0,
        },
        rng.fork(`contacts-${i}`),
        now,
      );
      resources.push(...contacts.resources);
      contactRemovalPlaced ||= contacts.removed;
      if (enrollment.open) caseloads.get(plan.careManager)?.push(id);
    }
  }
  // CMS2's screening results, as the registry's screening writes them beside each screen.
  resources.push(...screeningResults(resources));
  const programLists = makeProgramLists(caseloads, team.practitioners, now.toISOString().slice(0, 10));
  resources.push(...programLists.lists, programLists.group);
  for (const r of resources) summary.byType[r.resourceType] = (summary.byType[r.resourceType] ?? 0) + 1;
  summary.resources = resources.length;
  return { resources, summary };
}

function addStats(summary: PanelSummary, stats: HistoryStats): void {
  for (const key of ['qrShapes', 'obsValues', 'modes'] as const) {
    const target = summary[key] as Record<string, number>;
    for (const [k, v] of Object.entries(stats[key] as Record<string, number>)) target[k] = (target[k] ?? 0) + v;
  }
  for (const key of ['item9Positive', 'missingItems', 'enteredInError', 'amended', 'corrected'] as const) summary[key] += stats[key];
}
