// msw handlers that answer the treatment searches with nothing, for tests about other parts of the patient view.
import { http, HttpResponse } from 'msw';
import { searchset, TEST_FHIR_BASE } from '../../../fhir/testing/testSession';

export const TREATMENT_TYPES = ['Condition', 'MedicationRequest', 'MedicationStatement', 'CarePlan', 'Goal', 'DocumentReference', 'Communication'] as const;

export function emptyTreatmentHandlers() {
  return TREATMENT_TYPES.map((type) => http.get(`${TEST_FHIR_BASE}/${type}`, () => HttpResponse.json(searchset([]))));
}

const READ_WRITE = ['read', 'search-type', 'create', 'update'].map((code) => ({ code }));
const CHART_TYPES = ['Patient', 'Practitioner', 'Observation', 'QuestionnaireResponse', 'Flag', 'EpisodeOfCare', 'ServiceRequest', ...TREATMENT_TYPES];

/** A CapabilityStatement offering FHIR `batch` at the system level, and reads and writes of the chart's types. */
export const BATCH_CAPABILITY = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  kind: 'instance',
  fhirVersion: '4.0.1',
  rest: [{ mode: 'server', interaction: [{ code: 'batch' }], resource: CHART_TYPES.map((type) => ({ type, interaction: READ_WRITE, conditionalCreate: true })) }],
};

const BASE = new RegExp(`^${TEST_FHIR_BASE.replace(/[.]/g, '\\.')}/?$`);

/**
 * The FHIR base answering `batch` Bundles as a server does: each entry as the same GET on its
 * own would be answered, here by the test's own handlers (the fetch below is intercepted too).
 */
export function batchViaSearches() {
  return http.post(BASE, async ({ request }) => {
    const bundle = (await request.json()) as { entry?: { request?: { url?: string } }[] };
    const entry = await Promise.all(
      (bundle.entry ?? []).map(async (e) => {
        const answer = await fetch(`${TEST_FHIR_BASE}/${e.request?.url ?? ''}`, {
          headers: { Accept: 'application/fhir+json', Authorization: request.headers.get('Authorization') ?? '' },
        });
        const body: unknown = await answer.json().catch(() => undefined);
        return answer.ok ? { resource: body, response: { status: `${answer.status} OK` } } : { response: { status: `${answer.status}`, outcome: body } };
      }),
    );
    return HttpResponse.json({ resourceType: 'Bundle', type: 'batch-response', entry });
  });
}

/**
 * The FHIR base answering `batch` Bundles of searches: each entry from `records` by its type
 * (none when absent), or with the entry's own failure where `failing` names its type.
 */
export function batchHandler({ records = {}, failing = {} }: { records?: Record<string, object[]>; failing?: Record<string, number> } = {}) {
  return http.post(BASE, async ({ request }) => {
    const bundle = (await request.json()) as { type?: string; entry?: { request?: { method?: string; url?: string } }[] };
    if (bundle.type !== 'batch') return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] }, { status: 400 });
    return HttpResponse.json({
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: (bundle.entry ?? []).map((entry) => {
        const type = (entry.request?.url ?? '').split('?')[0] ?? '';
        const status = failing[type];
        if (status) return { response: { status: `${status}`, outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] } } };
        return { resource: searchset(records[type] ?? []), response: { status: '200 OK' } };
      }),
    });
  });
}
