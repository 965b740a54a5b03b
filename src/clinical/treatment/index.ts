// Treatment context: behavioural health diagnoses, the psychotropic medication timeline and
// active care plans, read from FHIR. Pure; `now` is passed in. Code lists and rules:
// docs/treatment-codes.md.
import type { CarePlan, Communication, Condition, DocumentReference, Goal, MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import { readMedicationOrders } from './medicationOrders.ts';
import { buildMedicationTimeline, type MedicationTimeline } from './timeline.ts';

export * from './codes/systems.ts';
export { BEHAVIORAL_CATEGORY_LABELS, ICD10_F_BLOCKS, SNOMED_BEHAVIORAL, type BehavioralCategory, type SnomedConcept } from './codes/conditionCodes.ts';
export { ANTIDEPRESSANT_CLASSES, PSYCHOTROPIC_CLASS_LABELS, PSYCHOTROPICS, type PsychotropicClass, type PsychotropicIngredient } from './codes/medicationCodes.ts';
export { icd10Category, recognizeDiagnosis, type DiagnosisRecognition, type RecognizedDiagnosis } from './recognizeDiagnosis.ts';
export { ingredientsInText, recognizePsychotropic, RECOGNITION_WORDS, type DrugIdentity, type MedicationRecognition } from './recognizeMedication.ts';
export { parseStrength, readDose, sameDose, type Dose, type DoseSource } from './dose.ts';
export { readMedicationOrders, type DatePoint, type MedicationInput, type MedicationOrder, type MedicationReadResult } from './medicationOrders.ts';
export {
  buildMedicationTimeline,
  currentDose,
  currentPsychotropics,
  isOngoing,
  type CurrentPsychotropic,
  type DoseStep,
  type MedicationEpisode,
  type MedicationTimeline,
  type TreatmentEvent,
  type TreatmentEventKind,
} from './timeline.ts';
export { CONDITION_SOURCE_WORDS, readDiagnoses, type ConditionSource, type DiagnosesResult, type DiagnosisEntry } from './diagnoses.ts';
export { summarizeCarePlans, summarizeGoal, type CarePlanSummary, type CarePlansResult, type GoalSummary } from './carePlans.ts';

/** MedicationRequests and MedicationStatements straight to the timeline (what the review queue needs). */
export function medicationTimelineFrom(
  records: { medicationRequests?: readonly MedicationRequest[]; medicationStatements?: readonly MedicationStatement[] },
  options: { now: Date },
): MedicationTimeline {
  return buildMedicationTimeline(readMedicationOrders(records), options);
}

export type TreatmentResources = {
  conditions: readonly Condition[];
  medicationRequests: readonly MedicationRequest[];
  medicationStatements: readonly MedicationStatement[];
  carePlans: readonly CarePlan[];
  goals: readonly Goal[];
  /** Plan of care notes (DocumentReference): the treatment plan's note where CarePlan cannot be written. */
  documents?: readonly DocumentReference[];
  /** Handouts given to the patient (Communication, category instruction). */
  communications?: readonly Communication[];
};
