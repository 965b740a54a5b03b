// msw handlers that answer the treatment searches with nothing, for tests about other parts of the patient view.
import { http, HttpResponse } from 'msw';
import { searchset, TEST_FHIR_BASE } from '../../../fhir/testing/testSession';

export const TREATMENT_TYPES = ['Condition', 'MedicationRequest', 'MedicationStatement', 'CarePlan', 'Goal', 'DocumentReference', 'Communication'] as const;

export function emptyTreatmentHandlers() {
  return TREATMENT_TYPES.map((type) => http.get(`${TEST_FHIR_BASE}/${type}`, () => HttpResponse.json(searchset([]))));
}
