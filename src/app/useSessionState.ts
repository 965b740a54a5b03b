import { useEffect, useState } from 'react';
import { launchProblem, type LaunchProblem } from '../fhir/launchError';
import { getSession, LaunchFailure, type Session } from '../fhir/session';

export type SessionState = { status: 'starting' } | { status: 'ready'; session: Session } | { status: 'failed'; problem: LaunchProblem };

export function useSessionState(): SessionState {
  const [state, setState] = useState<SessionState>({ status: 'starting' });
  useEffect(() => {
    let live = true;
    getSession().then(
      (session) => {
        // A launch without a patient opens the registry: its caseload starts reading now, before
        // React asks for the registry's chunk, so its requests go first. If this chunk fails to
        // load, the registry home reads the caseload itself.
        if (!session.patientId)
          import('../caseload/data/registryPrefetch').then(
            (m) => m.prefetchCaseload(session),
            () => undefined,
          );
        if (live) setState({ status: 'ready', session });
      },
      (error: unknown) =>
        live && setState({ status: 'failed', problem: error instanceof LaunchFailure ? error.problem : launchProblem('auth-error', 'The sign-in could not be completed.') }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
