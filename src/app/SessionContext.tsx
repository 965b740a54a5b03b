/**
 * The SMART session as React context: set once by the app shell, read by any view or hook
 * with `useSession()` instead of a `session` prop threaded through every component.
 */
import { createContext, type ReactNode, useContext } from 'react';
import type { Session } from '../fhir/session';

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The session of this page. Only views under `SessionProvider` (the signed-in app) call it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside SessionProvider');
  return session;
}
