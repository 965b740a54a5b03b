/**
 * The program measures' model from a patient's exported resources: the same split the app's
 * batched reads make (Observations, QuestionnaireResponses, Flags, Encounters) handed to the
 * same builder the Program tab uses (`buildProgramPatient`), so the command line and the tab
 * count alike. What is shared by every patient (the local Questionnaires that score some
 * QuestionnaireResponses, the names of practitioners and clinics) is read once as reference data.
 */
import type { Encounter, Flag, Observation, Patient, Questionnaire, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { buildProgramPatient, type ProgramPatient, type ProgramPatientOptions } from '../../clinical/program';
import { practitionerName } from '../../clinical/demographics/patientSummary';

/** What every patient's records may refer to: kept from the resources of no patient. */
export interface ReferenceData {
  questionnaires: Questionnaire[];
  /** `Practitioner/1` or `Organization/2` to a name, for the strata. */
  names: Record<string, string>;
}

export function emptyReferenceData(): ReferenceData {
  return { questionnaires: [], names: {} };
}

/** Keeps what a resource of no patient contributes to the reference data (others are ignored). */
export function addReference(data: ReferenceData, resource: Resource): void {
  if (resource.resourceType === 'Questionnaire') data.questionnaires.push(resource);
  else if (resource.resourceType === 'Organization' && resource.id && resource.name) data.names[`Organization/${resource.id}`] = resource.name;
  else if (resource.resourceType === 'Practitioner' && resource.id) data.names[`Practitioner/${resource.id}`] = practitionerName(resource);
}

/** One patient's program model from its resources (the Patient among them). */
export function programPatientOf(patientId: string, resources: readonly Resource[], reference: ReferenceData, options: ProgramPatientOptions): ProgramPatient {
  const observations: Observation[] = [];
  const questionnaireResponses: QuestionnaireResponse[] = [];
  const flags: Flag[] = [];
  const encounters: Encounter[] = [];
  let patient: Patient | undefined;
  for (const r of resources) {
    if (r.resourceType === 'Patient') patient = r;
    else if (r.resourceType === 'Observation') observations.push(r);
    else if (r.resourceType === 'QuestionnaireResponse') questionnaireResponses.push(r);
    else if (r.resourceType === 'Flag') flags.push(r);
    else if (r.resourceType === 'Encounter') encounters.push(r);
  }
  try {
    return buildProgramPatient(
      { patientId, patient, observations, questionnaireResponses, questionnaires: reference.questionnaires, flags, failures: patient ? [] : ['the Patient resource is missing'] },
      { encounters },
      options,
    );
  } catch (error) {
    // One record the model cannot take costs only that patient: counted nowhere, and listed.
    const problem = `the records could not be read (${error instanceof Error ? error.message : String(error)})`;
    return buildProgramPatient({ patientId, patient, observations: [], questionnaireResponses: [], questionnaires: [], flags: [], failures: [problem] }, { encounters: [] }, options);
  }
}
