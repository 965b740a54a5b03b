import type { Observation, Resource } from '@medplum/fhirtypes';
import { GAD7, PHQ2, PHQ9, type InstrumentDefinition } from '../../src/clinical/index.ts';
import { itemScores, makeCourse, scoreAt, type CourseKind } from './courses.ts';
import type { Rng } from './prng.ts';
import { buildItemObservation, buildQuestionnaireResponse, buildTotalObservation, type Administration, type ObsValueShape, type QrShape } from './shapes.ts';
import { generateTreatment } from './treatment.ts';

export type StorageMode = 'both' | 'qr-only' | 'obs-only';

export interface HistoryPlan {
  patient: string;
  course: CourseKind;
  shape: QrShape;
  mode: StorageMode;
  withGad7: boolean;
  /** Weeks before `now` the episode started. */
  weeksAgo: number;
  /** Weeks between administrations after the acute phase (long histories use ~2). */
  cadence: 'standard' | 'long';
  /** Item 9 of the PHQ-9 may be answered above 0. */
  safetyRisk: boolean;
  /** The most recent PHQ-9 answers item 9 above 0 (a current safety finding). */
  currentSafetyRisk?: boolean;
  careManager: string;
  pcp: string;
}

/** What one patient's history contains, for the panel's variety report. */
export interface HistoryStats {
  administrations: number;
  qrShapes: Partial<Record<QrShape, number>>;
  obsValues: Partial<Record<ObsValueShape, number>>;
  modes: Partial<Record<StorageMode, number>>;
  item9Positive: number;
  missingItems: number;
  enteredInError: number;
  amended: number;
  corrected: number;
}

const DAY = 86_400_000;

/** A clinic-local timestamp: office hours, US Eastern offset by season (approximate DST). */
export function clinicTime(day: Date, rng: Rng): string {
  const month = day.getUTCMonth() + 1;
  const offset = month >= 4 && month <= 10 ? '-04:00' : '-05:00';
  const hh = String(rng.int(8, 16)).padStart(2, '0');
  const mm = String(rng.int(0, 11) * 5).padStart(2, '0');
  return `${day.toISOString().slice(0, 10)}T${hh}:${mm}:00${offset}`;
}

function bump<K extends string>(record: Partial<Record<K, number>>, key: K): void {
  record[key] = (record[key] ?? 0) + 1;
}

/** The scores, forms and treatment of one patient's episode, as FHIR resources. */
export function generateHistory(plan: HistoryPlan, rng: Rng, now: Date): { resources: Resource[]; stats: HistoryStats } {
  const stats: HistoryStats = { administrations: 0, qrShapes: {}, obsValues: {}, modes: {}, item9Positive: 0, missingItems: 0, enteredInError: 0, amended: 0, corrected: 0 };
  const resources: Resource[] = [];
  const course = makeCourse(plan.course, rng);
  const start = new Date(now.getTime() - plan.weeksAgo * 7 * DAY);
  const key = plan.patient.replace(/^pat-/, '');
  const instruments: [InstrumentDefinition, number][] = [[PHQ9, 1]];
  if (plan.withGad7) instruments.push([GAD7, 0.75]);

  // Diagnoses, medications and care plan on their own fork: treatment draws never shift the scores.
  resources.push(
    ...generateTreatment({ patient: plan.patient, key, course: plan.course, weeksAgo: plan.weeksAgo, withGad7: plan.withGad7, start, pcp: plan.pcp }, rng.fork('treatment'), now)
      .resources,
  );

  let week = 0;
  let n = 0;
  const lastWeek = Math.min(plan.weeksAgo, course.lastWeek);
  while (week <= lastWeek) {
    const day = new Date(start.getTime() + (week * 7 + rng.int(0, 2)) * DAY);
    if (day.getTime() > now.getTime()) break;
    const when = clinicTime(day, rng);
    const step = plan.cadence === 'long' ? rng.int(1, 3) : week < 12 ? rng.int(1, 2) : rng.int(3, 5);
    const isLast = week + step > lastWeek || start.getTime() + (week + step) * 7 * DAY > now.getTime();
    n++;
    for (const [def, scale] of instruments) {
      const id = `${key}-${def.id}-${n}`;
      const target = scoreAt(course, week, def.maxScore, scale, rng);
      const pinned = new Map<number, number>();
      if (def.safetyItemNumber !== undefined) {
        const risky = (plan.safetyRisk && target >= 10 && rng.chance(0.4)) || (plan.currentSafetyRisk === true && isLast);
        pinned.set(def.safetyItemNumber - 1, risky ? rng.int(1, 2) : 0);
        if (risky) stats.item9Positive++;
      }
      const scores: (number | undefined)[] = itemScores(target, def.items.length, rng, pinned);
      const safetyIndex = def.safetyItemNumber === undefined ? -1 : def.safetyItemNumber - 1;
      const missing = rng.chance(0.03) ? 1 : rng.chance(0.01) ? 3 : 0;
      for (let m = 0; m < missing; m++) {
        const index = rng.int(0, scores.length - 1);
        // A pinned positive item 9 stays answered: the generator promised that finding.
        if (!(index === safetyIndex && (scores[index] ?? 0) > 0)) scores[index] = undefined;
      }
      if (missing) stats.missingItems++;
      const total = scores.reduce<number>((s, v) => s + (v ?? 0), 0);
      const admin: Administration = { id: `qr-${id}`, instrument: def, patient: plan.patient, author: plan.careManager, when, items: scores, total };
      // Forms with unanswered items have no trustworthy total: they are kept as the form only.
      const mode: StorageMode = missing ? 'qr-only' : rng.chance(0.1) ? rng.pick(['both', 'qr-only', 'obs-only'] as const) : plan.mode;
      const shape: QrShape = def === GAD7 && plan.shape === 'us-core-ordinal' ? 'loinc' : plan.shape;
      stats.administrations++;
      bump(stats.modes, mode);
      if (mode !== 'obs-only') {
        const amended = rng.chance(0.02);
        if (amended) stats.amended++;
        resources.push(buildQuestionnaireResponse(admin, shape, { withTotalItem: rng.chance(0.5), ...(amended ? { status: 'amended' as const } : {}) }));
        bump(stats.qrShapes, shape);
      }
      if (mode !== 'qr-only') {
        const value = rng.weighted<ObsValueShape>({ valueQuantity: 80, valueInteger: 15, valueString: 5 });
        const status: Observation['status'] = rng.chance(0.03) ? 'amended' : rng.chance(0.01) ? 'corrected' : 'final';
        if (status === 'amended') stats.amended++;
        if (status === 'corrected') stats.corrected++;
        bump(stats.obsValues, value);
        resources.push(buildTotalObservation(admin, { id: `obs-${id}`, value, status, ...(mode === 'both' ? { derivedFrom: admin.id } : {}) }));
        if (mode === 'obs-only' && safetyIndex >= 0 && (scores[safetyIndex] ?? 0) > 0) {
          // No form is stored, so the positive self-harm answer is kept as its item Observation.
          resources.push(buildItemObservation(admin, safetyIndex + 1, { id: `obs-${id}-item9` }));
        }
        if (rng.chance(0.015)) {
          // A mistaken duplicate, later marked entered-in-error (its value is wrong).
          stats.enteredInError++;
          resources.push(buildTotalObservation(admin, { id: `obs-${id}-eie`, value, status: 'entered-in-error', total: Math.min(def.maxScore, total + rng.int(2, 5)) }));
        }
      }
      if (n === 1 && def === PHQ9 && rng.chance(0.3) && scores[0] !== undefined && scores[1] !== undefined) {
        // The PHQ-2 screen that led to the first PHQ-9, same visit.
        const screen: Administration = { ...admin, instrument: PHQ2, items: scores.slice(0, 2), total: (scores[0] ?? 0) + (scores[1] ?? 0) };
        resources.push(buildTotalObservation(screen, { id: `obs-${key}-phq2`, value: 'valueQuantity' }));
      }
    }
    week += step;
  }
  return { resources, stats };
}
