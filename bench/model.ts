/**
 * The pure clinical model over the synthetic panel, in this process (no browser, no HTTP):
 * per patient, what the patient view and a caseload row compute: readAdministrations, the
 * PHQ-9 and GAD-7 course summaries and the safety findings. Reported per 1,000 patients.
 */
import type { Observation, Questionnaire, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { generatePanel } from '../sandbox/panel/index.ts';
import { findSafetyFindings, QUESTIONNAIRES, readAdministrations, summarizeCourse } from '../src/clinical/index.ts';
import { type Figure, figureOfRuns } from './print.ts';

interface PatientInput {
  observations: Observation[];
  questionnaireResponses: QuestionnaireResponse[];
}

function patientOf(resource: Resource): string | undefined {
  const ref = (resource as { subject?: { reference?: string } }).subject?.reference;
  return ref?.startsWith('Patient/') ? ref.slice('Patient/'.length) : undefined;
}

const BUILT_IN = new Set(Object.values(QUESTIONNAIRES).map((q) => q.url));

/**
 * Groups the panel's score records by patient, as the app reads them per patient. Only the
 * clinic's local Questionnaires are passed, as the app does: it knows its own forms already.
 */
export function recordsByPatient(resources: readonly Resource[]): { inputs: PatientInput[]; questionnaires: Questionnaire[] } {
  const byPatient = new Map<string, PatientInput>();
  const questionnaires: Questionnaire[] = [];
  for (const r of resources) {
    if (r.resourceType === 'Patient' && r.id) byPatient.set(r.id, byPatient.get(r.id) ?? { observations: [], questionnaireResponses: [] });
    if (r.resourceType === 'Questionnaire' && !BUILT_IN.has(r.url)) questionnaires.push(r);
  }
  for (const r of resources) {
    if (r.resourceType !== 'Observation' && r.resourceType !== 'QuestionnaireResponse') continue;
    const entry = byPatient.get(patientOf(r) ?? '');
    if (!entry) continue;
    if (r.resourceType === 'Observation') entry.observations.push(r);
    else entry.questionnaireResponses.push(r);
  }
  return { inputs: [...byPatient.values()], questionnaires };
}

export function runModel(inputs: readonly PatientInput[], questionnaires: readonly Questionnaire[], now: Date): number {
  let administrations = 0;
  for (const input of inputs) {
    const read = readAdministrations({ ...input, questionnaires });
    summarizeCourse(read.administrations, 'phq9', { now });
    summarizeCourse(read.administrations, 'gad7', { now });
    findSafetyFindings(read.administrations, { now });
    administrations += read.administrations.length;
  }
  return administrations;
}

/**
 * The panel's score records per patient as the app gets them: parsed from the EHR's JSON.
 * The generator's own objects are not what the app reads: built with object spread, nearly
 * every one has a hidden class of its own (45,000 for 300 patients' form items, against 3
 * after JSON.parse), which makes every property read in the model a megamorphic one and
 * measured the generator's objects rather than the model (about 1.3x).
 */
export function modelInputs(patients: number, seed: string, fromJson = true): { inputs: PatientInput[]; questionnaires: Questionnaire[] } {
  const resources = generatePanel({ patients, seed }).resources;
  return recordsByPatient(fromJson ? (JSON.parse(JSON.stringify(resources)) as Resource[]) : resources);
}

export function measureModel(patients: number, runs: number, seed: string, fromJson = true): Figure {
  const { inputs, questionnaires } = modelInputs(patients, seed, fromJson);
  const now = new Date();
  // One untimed pass first: JIT warm-up, as in an app that has been open a moment.
  const administrations = runModel(inputs, questionnaires, now);
  const perThousand: number[] = [];
  const cpuPerThousand: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    runModel(inputs, questionnaires, now);
    const cpu = process.cpuUsage(cpuBefore);
    perThousand.push(((performance.now() - started) * 1000) / inputs.length);
    cpuPerThousand.push((cpu.user + cpu.system) / inputs.length);
  }
  // CPU time beside the wall time: on a shared machine it is the figure that does not grow with load.
  const cpuSorted = [...cpuPerThousand].sort((a, b) => a - b);
  return figureOfRuns('clinical_model_ms_per_1000_patients', 'ms', perThousand, {
    patients: inputs.length,
    administrations,
    steps: 'readAdministrations + summarizeCourse(phq9, gad7) + findSafetyFindings, per patient',
    input: fromJson ? 'records parsed from JSON, as the app receives them' : "the panel generator's own objects",
    cpu_ms_median: Math.round(cpuSorted[Math.floor(cpuSorted.length / 2)]! * 10) / 10,
    cpu_ms_min: Math.round(cpuSorted[0]! * 10) / 10,
  });
}
