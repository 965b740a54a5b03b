/**
 * Component tests of the patient view: render under the session and the patient chart
 * provider, with msw handlers that answer every read of the chart with nothing unless a
 * test says otherwise (tests add theirs with `server.use`, which take precedence).
 */
import { render } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { ReactElement } from 'react';
import type { PatientRecords } from '../../../clinical/caseload';
import { SessionProvider } from '../../../app/SessionContext';
import type { Session } from '../../../fhir/session';
import { searchset, TEST_FHIR_BASE, testSession } from '../../../fhir/testing/testSession';
import { batchViaSearches, emptyTreatmentHandlers } from '../../treatment/testing/treatmentHandlers';
import { patientDetails, riskAssessmentDialog, treatmentBuilder } from '../../deferred/parts';
import { PatientChartProvider } from '../PatientChartProvider';

// In the app these chunks download while the chart's data is on its way; here they are
// loaded before the tests start, so each test meets the view as a user does (not a Suspense
// fallback that a first transform of the modules keeps up for seconds).
await Promise.all([patientDetails.preload(), riskAssessmentDialog.preload(), treatmentBuilder.preload()]);

export const TEST_PATIENT = { resourceType: 'Patient', id: 'pat-1', name: [{ family: 'Rivera', given: ['Ana'] }], birthDate: '1980-02-01', gender: 'female' } as const;

/** Empty answers for every search the chart makes (alone or in a batch), a Patient, and no CapabilityStatement. */
export function emptyChartHandlers(patient: object = TEST_PATIENT) {
  return [
    ...emptyTreatmentHandlers(),
    batchViaSearches(),
    http.get(`${TEST_FHIR_BASE}/Patient/:id`, () => HttpResponse.json(patient)),
    http.get(`${TEST_FHIR_BASE}/Practitioner`, () => HttpResponse.json(searchset([]))),
    http.get(`${TEST_FHIR_BASE}/Observation`, () => HttpResponse.json(searchset([]))),
    http.get(`${TEST_FHIR_BASE}/QuestionnaireResponse`, () => HttpResponse.json(searchset([]))),
    http.get(`${TEST_FHIR_BASE}/Flag`, () => HttpResponse.json(searchset([]))),
    http.get(`${TEST_FHIR_BASE}/metadata`, () => new HttpResponse(null, { status: 404 })),
  ];
}

export function renderWithChart(
  ui: ReactElement,
  { patientId = 'pat-1', session = testSession(), now, initialRecords }: { patientId?: string; session?: Session; now?: () => Date; initialRecords?: PatientRecords } = {},
) {
  return render(ui, {
    wrapper: ({ children }) => (
      <SessionProvider session={session}>
        <PatientChartProvider patientId={patientId} initialRecords={initialRecords} {...(now ? { now } : {})}>
          {children}
        </PatientChartProvider>
      </SessionProvider>
    ),
  });
}
