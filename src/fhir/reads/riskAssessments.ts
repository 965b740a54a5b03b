/** One patient's suicide risk assessments (registry Observations), every page. */
import type { Observation } from '@medplum/fhirtypes';
import { RISK_ASSESSMENT, tokenOf } from '../../clinical/enrollment/codes';
import type { FhirApi } from '../fhirApi';

export async function readRiskAssessmentRecords(api: FhirApi, patientId: string, signal?: AbortSignal): Promise<Observation[]> {
  const result = await api.search<Observation>(
    'Observation',
    { patient: patientId, code: tokenOf(RISK_ASSESSMENT), _count: '200' },
    { maxPages: 10, ...(signal ? { signal } : {}) },
  );
  return result.resources;
}
