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
        // A launch without a patient has its caseload reading already (startSignIn.ts).
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
