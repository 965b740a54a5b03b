/** Reads the patient's contacts and enrollment and builds the log's model; `reload` re-reads after a save. */
import { useCallback, useMemo, useState } from 'react';
import { clinicTimeZone } from '../../config/runtimeConfig';
import { readContactRecords } from '../../fhir/reads/contactRecords';
import type { Session } from '../../fhir/session';
import { type AsyncState, useAsync } from '../../shared/useAsync';
import { buildContactLogModel, type ContactLogModel } from '../model/contactLogModel';

export function useContactLog(session: Session, patientId: string, now: () => Date = () => new Date()): { state: AsyncState<ContactLogModel>; reload: () => void } {
  const [generation, setGeneration] = useState(0);
  const timeZone = clinicTimeZone(session.settings);
  const read = useCallback(
    async (signal: AbortSignal) => {
      const records = await readContactRecords(session.api, patientId, signal);
      const { contactCadence, billing } = session.settings.program;
      return buildContactLogModel(records.observations, now(), timeZone, { ...(contactCadence ? { cadence: contactCadence } : {}), ...(billing ? { billing } : {}) });
    },
    // `generation` forces a new read on reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, patientId, timeZone, generation],
  );
  const state = useAsync(read);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return useMemo(() => ({ state, reload }), [state, reload]);
}
