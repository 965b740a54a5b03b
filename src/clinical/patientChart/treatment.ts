/**
 * From the raw treatment records of one patient to what the Treatment section and the chart
 * markers show. Pure; part of the patient chart model.
 */
import {
  buildMedicationTimeline,
  type CarePlansResult,
  type CurrentPsychotropic,
  currentPsychotropics,
  type DiagnosesResult,
  type IgnoredRecord,
  type MedicationTimeline,
  readDiagnoses,
  readMedicationOrders,
  type TreatmentEvent,
  type UnreadableRecord,
} from '../index.ts';
import { type PlansModel, readPlans } from '../careplan/index.ts';
import type { CourseSummary } from '../course/course.ts';
import { type HandoutGiven, readHandoutsGiven } from '../education/index.ts';
import type { TreatmentResources } from '../treatment/index.ts';
import type { ReadProblem } from './types.ts';

/** A medication change drawn on the score charts as a vertical line. */
export interface TreatmentMarker {
  id: string;
  x: number;
  /** yyyy-MM-dd as recorded. */
  date: string;
  kind: TreatmentEvent['kind'];
  /** Short text drawn beside the line: "sertraline 50→100 mg". */
  label: string;
  /** Sentence for the tooltip. */
  description: string;
}

export interface TreatmentRecordsRead extends TreatmentResources {
  failed: readonly ReadProblem[];
  truncated: readonly string[];
  notOffered: readonly string[];
}

export interface TreatmentModel {
  diagnoses: DiagnosesResult;
  timeline: MedicationTimeline;
  current: CurrentPsychotropic[];
  /** Other systems' active plans and goals (the app's own are in `plans`). */
  carePlans: CarePlansResult;
  /** The app's treatment and relapse prevention plans, other systems' plans, plan of care notes. */
  plans: PlansModel;
  /** Handouts given to the patient, newest first. */
  handoutsGiven: HandoutGiven[];
  /** Chart markers for the medication events. */
  markers: TreatmentMarker[];
  failedSearches: ReadProblem[];
  unreadable: UnreadableRecord[];
  ignored: IgnoredRecord[];
  truncated: readonly string[];
  notOffered: readonly string[];
}

export function markerOf(event: TreatmentEvent, index: number): TreatmentMarker {
  return {
    id: `treatment-${index}`,
    x: event.instant,
    date: event.localDate ?? new Date(event.instant).toISOString().slice(0, 10),
    kind: event.kind,
    label: event.label,
    description: event.description,
  };
}

/** What plan progress is judged by: the current PHQ-9 course and the clinic's date. */
export interface PlanContext {
  phq9: CourseSummary | undefined;
  today: string;
}

export function buildTreatmentModel(records: TreatmentRecordsRead, now: Date, context: PlanContext = { phq9: undefined, today: now.toISOString().slice(0, 10) }): TreatmentModel {
  const diagnoses = readDiagnoses(records.conditions);
  const timeline = buildMedicationTimeline(readMedicationOrders({ medicationRequests: records.medicationRequests, medicationStatements: records.medicationStatements }), { now });
  const plans = readPlans({ carePlans: records.carePlans, goals: records.goals, documents: records.documents ?? [], phq9: context.phq9, today: context.today });
  const carePlans = plans.others;
  return {
    diagnoses,
    timeline,
    current: currentPsychotropics(timeline, now),
    carePlans,
    plans,
    handoutsGiven: readHandoutsGiven(records.communications ?? []),
    markers: timeline.events.map(markerOf),
    failedSearches: [...records.failed],
    unreadable: [...diagnoses.unreadable, ...timeline.unreadable],
    ignored: [...diagnoses.ignored, ...timeline.ignored, ...carePlans.ignored],
    truncated: records.truncated,
    notOffered: records.notOffered,
  };
}
