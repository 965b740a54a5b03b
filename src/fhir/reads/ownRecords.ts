/**
 * The patient app's reads: the signed-in patient's own forms, score Observations and
 * registry Observations (enrollment, for the measurement schedule), and the clinic's own
 * Questionnaires those forms name (a form filled in at the clinic on a local PHQ-9 is a
 * measurement too: without its Questionnaire the schedule would call the patient overdue
 * when the caseload does not). Each search is confined
 * to the patient in context; a failure rejects the whole read so the app says "could not be
 * checked" instead of treating unknown as "nothing sent".
 */
import type { Observation, Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { REGISTRY_OBSERVATION_CODES, tokenOf } from '../../clinical/enrollment/codes';
import { SCORE_OBSERVATION_CODES } from '../../clinical/instruments/searchCodes';
import type { OwnRecords } from '../../clinical/patientReports';
import type { FhirApi } from '../fhirApi';
import { fetchQuestionnaire, questionnairesToFetch } from './scoreRecords';

export async function readOwnRecords(api: FhirApi, patientId: string, signal?: AbortSignal): Promise<OwnRecords> {
  const options = { maxPages: 10, ...(signal ? { signal } : {}) };
  const [responses, scoreObservations, registryObservations] = await Promise.all([
    api.search<QuestionnaireResponse>('QuestionnaireResponse', { patient: patientId, _count: '200' }, options),
    api.search<Observation>('Observation', { patient: patientId, code: SCORE_OBSERVATION_CODES, _count: '200' }, options),
    api.search<Observation>('Observation', { patient: patientId, code: REGISTRY_OBSERVATION_CODES.map(tokenOf).join(','), _count: '200' }, options),
  ]);
  const questionnaires = await Promise.all(questionnairesToFetch(responses.resources).map((ref) => fetchQuestionnaire(api, ref, signal)));
  return {
    responses: responses.resources,
    scoreObservations: scoreObservations.resources,
    registryObservations: registryObservations.resources,
    questionnaires: questionnaires.filter((q): q is Questionnaire => q !== undefined),
  };
}
