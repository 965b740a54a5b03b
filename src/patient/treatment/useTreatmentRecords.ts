import { useCallback } from 'react';
import { readTreatmentRecords } from '../../fhir/reads/treatmentRecords';
import type { Session } from '../../fhir/session';
import { type AsyncState, useAsync } from '../../shared/useAsync';
import { buildTreatmentModel, type TreatmentModel } from './treatmentModel';

/**
 * Reads a patient's diagnoses, medications and care plans beside (never before) the score
 * reads: called in the same render as usePatientRecords, its requests leave in the same round.
 */
export function useTreatmentRecords(session: Session, patientId: string): AsyncState<TreatmentModel> {
  const read = useCallback(
    async (signal: AbortSignal) => buildTreatmentModel(await readTreatmentRecords(session.api, patientId, session.granted, signal), new Date()),
    [session, patientId],
  );
  return useAsync(read);
}
