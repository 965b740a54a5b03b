/**
 * What the patient app says first: whether a questionnaire is due (the measurement
 * schedule, from the patient's enrollment and scores) and what the patient already sent
 * today. Pure: the records and `today` come in.
 */
import type { Observation, Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { deriveEnrollment } from '../enrollment/episodes.ts';
import { readRegistryRecords } from '../enrollment/readRegistryRecords.ts';
import { readAdministrations } from '../read/readAdministrations.ts';
import { measuredOnOf, measurementDue, type MeasurementDue, type MeasurementScheduleSettings } from '../schedule/measurementSchedule.ts';
import { reportsSentOn, type SentReport } from './sentReports.ts';

export interface OwnRecords {
  readonly responses: readonly QuestionnaireResponse[];
  readonly scoreObservations: readonly Observation[];
  readonly registryObservations: readonly Observation[];
  /** The clinic's own forms the responses name (a local PHQ-9 scores only with its Questionnaire). */
  readonly questionnaires?: readonly Questionnaire[];
}

export interface PatientStatus {
  readonly due: MeasurementDue;
  readonly sentToday: readonly SentReport[];
  /** `Practitioner/ID` of the care manager in the current episode, when recorded. */
  readonly careManager: string | undefined;
}

export function patientStatus(records: OwnRecords, patientId: string, today: string, schedule?: Partial<MeasurementScheduleSettings>): PatientStatus {
  const { administrations } = readAdministrations({
    questionnaireResponses: records.responses,
    observations: records.scoreObservations,
    ...(records.questionnaires ? { questionnaires: records.questionnaires } : {}),
  });
  const measuredOn = measuredOnOf(administrations);
  const { events } = readRegistryRecords(records.registryObservations, []);
  const episode = deriveEnrollment(events, { today, serviceDates: measuredOn }).current;
  return {
    due: measurementDue({ today, episode, measuredOn, ...(schedule ? { program: schedule } : {}) }),
    sentToday: reportsSentOn(records.responses, patientId, today),
    careManager: episode?.careManager,
  };
}
