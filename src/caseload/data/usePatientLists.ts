/**
 * The patient lists the EHR keeps (Lists and Groups), for the caseload's and the Program tab's
 * population choices. A read that failed is said, with a retry: never shown as "the EHR has
 * no lists".
 */
import { useEffect, useState } from 'react';
import { useSession } from '../../app/SessionContext';
import { findPatientLists, type PatientListChoice } from '../../fhir/reads/caseloadSources';
import { errorMessage } from '../../shared/ErrorNote';

export interface PatientLists {
  lists: readonly PatientListChoice[];
  /** Why the lists could not be read; undefined once read (or while reading). */
  problem: string | undefined;
  retry: () => void;
}

export function usePatientLists(): PatientLists {
  const session = useSession();
  const [attempt, setAttempt] = useState(0);
  const [read, setRead] = useState<{ lists: readonly PatientListChoice[]; problem: string | undefined }>({ lists: [], problem: undefined });
  useEffect(() => {
    const controller = new AbortController();
    findPatientLists(session.api, controller.signal).then(
      (lists) => setRead({ lists, problem: undefined }),
      (error: unknown) => {
        if (!controller.signal.aborted) setRead({ lists: [], problem: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [session, attempt]);
  return { ...read, retry: () => setAttempt((a) => a + 1) };
}

/** The value of the menu item that reads the lists again (never a population). */
export const RETRY_LISTS = 'retry-patient-lists';
