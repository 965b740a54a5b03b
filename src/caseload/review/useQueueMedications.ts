/**
 * Reads the current psychotropics of the queue's patients while the queue is shown: 20 patients
 * per request through the caseload's limiter; each patient is read once per showing.
 */
import { useEffect, useRef, useState } from 'react';
import { batches, type Limiter } from '../../fhir/reads/caseloadBatch';
import { readQueueMedications } from '../../fhir/reads/queueMedications';
import type { Session } from '../../fhir/session';
import { type QueueMedications, queueMedicationsOf } from './queueMedications';

export const MEDICATION_BATCH_SIZE = 20;

export function useQueueMedications(session: Session, limit: Limiter, ids: readonly string[], now: () => Date): ReadonlyMap<string, QueueMedications> {
  const [states, setStates] = useState<ReadonlyMap<string, QueueMedications>>(new Map());
  const requested = useRef(new Set<string>());
  const controller = useRef<AbortController | undefined>(undefined);
  const key = [...new Set(ids)].join(',');

  useEffect(() => {
    const c = new AbortController();
    controller.current = c;
    const seen = requested.current;
    return () => {
      c.abort();
      seen.clear();
    };
  }, []);

  useEffect(() => {
    const signal = controller.current?.signal;
    if (!signal || signal.aborted || !key) return;
    const missing = key.split(',').filter((id) => !requested.current.has(id));
    missing.forEach((id) => requested.current.add(id));
    for (const batch of batches(missing, MEDICATION_BATCH_SIZE)) {
      readQueueMedications(session.api, batch, { granted: session.granted, limit, signal })
        .catch((error: unknown) => {
          if (signal.aborted) throw error;
          return { medicationRequests: [], medicationStatements: [], failure: 'the EHR did not answer' };
        })
        .then((result) => {
          if (signal.aborted) return;
          const found = queueMedicationsOf(batch, result, now());
          setStates((previous) => new Map([...previous, ...found]));
        })
        .catch(() => undefined);
    }
  }, [session, limit, key, now]);

  return states;
}
