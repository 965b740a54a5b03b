/**
 * The patient lists the EHR keeps (Lists and Groups), for the caseload's and the Program tab's
 * population choices. A read that failed is said, with a retry: never shown as "the EHR has
 * no lists". When only the Groups (or only the Lists) could not be read, the others are
 * offered and the sentence names what is missing.
 */
import { useEffect, useState } from 'react';
import { useSession } from '../../app/SessionContext';
import { findPatientLists, type PatientListChoice } from '../../fhir/reads/caseloadSources';
import { readableType } from '../../fhir/fhirError';
import { errorMessage } from '../../shared/ErrorNote';

export interface PatientLists {
  lists: readonly PatientListChoice[];
  /** A sentence saying which lists could not be read and why; undefined once all were read (or while reading). */
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
      ({ choices, unread }) =>
        setRead({ lists: choices, problem: unread ? `The EHR's ${readableType(unread.resourceType)} could not be read: ${errorMessage(unread.error)}` : undefined }),
      (error: unknown) => {
        if (!controller.signal.aborted) setRead({ lists: [], problem: `The EHR's patient lists could not be read: ${errorMessage(error)}` });
      },
    );
    return () => controller.abort();
  }, [session, attempt]);
  return { ...read, retry: () => setAttempt((a) => a + 1) };
}

/** The value of the menu item that reads the lists again (never a population). */
export const RETRY_LISTS = 'retry-patient-lists';
