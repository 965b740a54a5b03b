/**
 * From the raw treatment records of one patient to what the Treatment section and the chart
 * markers show. Pure; the hook feeds it.
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
} from '../../clinical';
import type { TreatmentRecords } from '../../fhir/reads/treatmentRecords';
import type { ReadProblem } from '../patientRecordModel';
import type { EventMarker } from '../trajectory/chartModel';

export interface TreatmentModel {
  diagnoses: DiagnosesResult;
  timeline: MedicationTimeline;
  current: CurrentPsychotropic[];
  carePlans: CarePlansResult;
  /** Chart markers for the medication events. */
  markers: EventMarker[];
  failedSearches: ReadProblem[];
  unreadable: UnreadableRecord[];
  ignored: IgnoredRecord[];
  truncated: string[];
  notOffered: string[];
}

export function markerOf(event: TreatmentEvent, index: number): EventMarker {
  return { id: `treatment-${index}`, x: event.instant, date: event.localDate ?? new Date(event.instant).toISOString().slice(0, 10), kind: event.kind, label: event.label, description: event.description };
}

export function buildTreatmentModel(records: TreatmentRecords, now: Date): TreatmentModel {
  const diagnoses = readDiagnoses(records.conditions);
  const timeline = buildMedicationTimeline(readMedicationOrders({ medicationRequests: records.medicationRequests, medicationStatements: records.medicationStatements }), { now });
  const carePlans = summarizeCarePlans(records.carePlans, records.goals);
  return {
    diagnoses,
    timeline,
    current: currentPsychotropics(timeline, now),
    carePlans,
    markers: timeline.events.map(markerOf),
    failedSearches: records.failures.map((f) => ({ what: f.resourceType, reason: f.error.userMessage })),
    unreadable: [...diagnoses.unreadable, ...timeline.unreadable],
    ignored: [...diagnoses.ignored, ...timeline.ignored, ...carePlans.ignored],
    truncated: records.truncated,
    notOffered: records.notOffered,
  };
}

/** The patient view's model with the treatment reads' problems added, for the one "could not be read" note. */
export function withTreatmentProblems<M extends { failedSearches: ReadProblem[]; unreadable: readonly UnreadableRecord[]; truncated: string[] }>(
  model: M,
  treatment: { failedSearches: ReadProblem[]; unreadable: readonly UnreadableRecord[]; truncated: string[] } | undefined,
): M {
  if (!treatment || (!treatment.failedSearches.length && !treatment.unreadable.length && !treatment.truncated.length)) return model;
  return {
    ...model,
    failedSearches: [...model.failedSearches, ...treatment.failedSearches],
    unreadable: [...model.unreadable, ...treatment.unreadable],
    truncated: [...model.truncated, ...treatment.truncated],
  };
}
