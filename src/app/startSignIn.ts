/**
 * What main.tsx starts before React's first render:
 *
 * - The code exchange. React's first render (the "Signing in" screen) then runs while the
 *   token is on its way. useSessionState takes the same promise (getSession keeps one per page)
 *   and handles its failure.
 * - The registry's prefetch module (under 7 KB gzip), fetched beside the token, not after it.
 *   Fetched once the session was known, it was one more network wait between the token and the
 *   caseload's first search (about 150 ms at 50 ms latency, docs/performance.md). A launch
 *   without a patient then starts the caseload's reads as soon as the token arrives, while the
 *   registry's own chunk still downloads. A patient launch fetches the module and never runs
 *   it. If it fails to load, the registry home reads the caseload itself.
 */
import { getSession } from '../fhir/session';

export function startSignIn(): void {
  const prefetch = import('../caseload/data/registryPrefetch');
  prefetch.catch(() => undefined);
  getSession().then(
    (session) => {
      if (!session.patientId)
        prefetch.then(
          (m) => m.prefetchCaseload(session),
          () => undefined,
        );
    },
    () => undefined,
  );
}
