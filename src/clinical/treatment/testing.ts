// Builders for MedicationRequests as EHRs send them; tests only.
import type { MedicationRequest } from '@medplum/fhirtypes';
import { RXNORM_SYSTEM } from './codes/systems.ts';

export interface OrderSpec {
  id: string;
  drug?: string;
  rxcui?: string;
  mg?: number;
  text?: string;
  start?: string;
  end?: string;
  status?: MedicationRequest['status'];
}

export function order({ id, drug = 'sertraline', rxcui = '36437', mg, text, start, end, status = end ? 'stopped' : 'active' }: OrderSpec): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id,
    status,
    intent: 'order',
    subject: { reference: 'Patient/p1' },
    medicationCodeableConcept: { coding: rxcui ? [{ system: RXNORM_SYSTEM, code: rxcui, display: drug }] : [], text: mg ? `${drug} ${mg} MG Oral Tablet` : drug },
    ...(start ? { authoredOn: start } : {}),
    dosageInstruction: [
      {
        ...(text ? { text } : {}),
        ...(mg && !text ? { doseAndRate: [{ doseQuantity: { value: mg, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }] } : {}),
        ...(end ? { timing: { repeat: { boundsPeriod: { ...(start ? { start } : {}), end } } } } : {}),
      },
    ],
  };
}
