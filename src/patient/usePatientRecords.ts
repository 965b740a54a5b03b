import { useCallback, useMemo, useState } from 'react';
import { clinicTimeZone } from '../config/runtimeConfig';
import { readScoreRecords } from '../fhir/reads/scoreRecords';
import type { Session } from '../fhir/session';
import { type AsyncState, useAsync } from '../shared/useAsync';
import { buildPatientRecordModel, type PatientRecordModel } from './patientRecordModel';

/** Reads a patient's score records and turns them into the view's model; `reload` re-reads (after a save). */
export function usePatientRecords(session: Session, patientId: string): { state: AsyncState<PatientRecordModel>; reload: () => void } {
  const [generation, setGeneration] = useState(0);
  const timeZone = clinicTimeZone(session.settings);
  const read = useCallback(
    async (signal: AbortSignal) => {
      const records = await readScoreRecords(session.api, patientId, signal);
      // For `npm run bench`: the scores are in hand (chart_after_data_ms starts here). No patient data.
      if (typeof performance.mark === 'function') performance.mark('scores-read');
      return buildPatientRecordModel(records, new Date(), timeZone, session.settings.program.clinical);
    },
    // `generation` forces a new read on reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, patientId, timeZone, generation],
  );
  const state = useAsync(read);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return useMemo(() => ({ state, reload }), [state, reload]);
}
