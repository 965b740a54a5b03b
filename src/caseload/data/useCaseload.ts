import { useEffect, useSyncExternalStore } from 'react';
import type { CaseloadSnapshot, CaseloadStore } from './caseloadStore';

/** The caseload store's current snapshot; starts loading on first use. */
export function useCaseload(store: CaseloadStore): CaseloadSnapshot {
  useEffect(() => store.start(), [store]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
