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
  summarizeCarePlans,
  type TreatmentEvent,
  type UnreadableRecord,
} from '../index.ts';
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
  carePlans: CarePlansResult;
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

export function buildTreatmentModel(records: TreatmentRecordsRead, now: Date): TreatmentModel {
  const diagnoses = readDiagnoses(records.conditions);
  const timeline = buildMedicationTimeline(readMedicationOrders({ medicationRequests: records.medicationRequests, medicationStatements: records.medicationStatements }), { now });
  const carePlans = summarizeCarePlans(records.carePlans, records.goals);
  return {
    diagnoses,
    timeline,
    current: currentPsychotropics(timeline, now),
    carePlans,
    markers: timeline.events.map(markerOf),
    failedSearches: [...records.failed],
    unreadable: [...diagnoses.unreadable, ...timeline.unreadable],
    ignored: [...diagnoses.ignored, ...timeline.ignored, ...carePlans.ignored],
    truncated: records.truncated,
    notOffered: records.notOffered,
  };
}
