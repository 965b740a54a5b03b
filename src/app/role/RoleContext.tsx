/**
 * The signed-in user's role for the whole app: from their PractitionerRole in the EHR when it
 * says; otherwise the one they pick in the app bar (kept for this tab only: a role is not
 * patient data). Without a provider (tests, tools) the role is unknown and every action shows.
 */
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { type Action, mayDo, type Role, roleFromPractitionerRoles, ROLES } from '../../clinical/roles/roles';
import { readUserPractitionerRoles } from '../../fhir/reads/userRoles';
import type { Session } from '../../fhir/session';
import { useAsync } from '../../shared/useAsync';

export interface RoleState {
  role: Role | undefined;
  /** `ehr`: from the PractitionerRole; `chosen`: picked by the user; `unknown`: neither; `loading`. */
  source: 'ehr' | 'chosen' | 'unknown' | 'loading';
  choose: (role: Role | undefined) => void;
  may: (action: Action) => boolean;
}

const UNKNOWN: RoleState = { role: undefined, source: 'unknown', choose: () => undefined, may: () => true };
const RoleContext = createContext<RoleState>(UNKNOWN);
const STORAGE_KEY = 'cocm-registry:chosen-role';

function storedRole(): Role | undefined {
  try {
    const value = sessionStorage.getItem(STORAGE_KEY);
    return ROLES.find((r) => r === value);
  } catch {
    return undefined;
  }
}

export function RoleProvider({ session, children }: { session: Session; children: React.ReactNode }) {
  const read = useCallback((signal: AbortSignal) => readUserPractitionerRoles(session, signal), [session]);
  const state = useAsync(read);
  const [chosen, setChosen] = useState<Role | undefined>(storedRole);
  const fromEhr = state.status === 'done' ? roleFromPractitionerRoles(state.value) : undefined;
  const choose = useCallback((role: Role | undefined) => {
    setChosen(role);
    try {
      if (role) sessionStorage.setItem(STORAGE_KEY, role);
      else sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage refused (private mode): the choice lasts while the app is open.
    }
  }, []);
  const value = useMemo<RoleState>(() => {
    const role = fromEhr ?? chosen;
    const source = fromEhr ? 'ehr' : state.status === 'loading' ? 'loading' : chosen ? 'chosen' : 'unknown';
    return { role: source === 'loading' ? undefined : role, source, choose, may: (action) => mayDo(source === 'loading' ? undefined : role, action) };
  }, [fromEhr, chosen, state.status, choose]);
  return <RoleContext.Provider value={value}>{children}</RoleContext.Provider>;
}

export function useRole(): RoleState {
  return useContext(RoleContext);
}
