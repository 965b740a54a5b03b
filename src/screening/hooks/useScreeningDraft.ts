/**
 * The draft being typed, restored from this tab's storage when it is this patient's and
 * written back after every change until it is fully saved.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { clearDraft, type DraftScope, loadDraft, newScreeningId, saveDraft, tabStorage } from '../draft/draftStore';
import { newDraft, type ScreeningDraft } from '../model/draft';

export interface DraftState {
  draft: ScreeningDraft;
  /** The draft came back from storage (typed before a reload or relaunch). */
  restored: boolean;
  update: (change: (draft: ScreeningDraft) => ScreeningDraft) => void;
  /** Fully saved: remove it from storage (the screen keeps showing the result). */
  finish: () => void;
  /** Throw the draft away and start a new one (new identifiers). */
  startOver: () => void;
}

export function useScreeningDraft(scope: DraftScope, storage: Storage | undefined = tabStorage()): DraftState {
  const [initial] = useState(() => {
    const stored = loadDraft(storage, scope);
    return { draft: stored ?? newDraft(newScreeningId(), scope.patientId), restored: stored !== undefined };
  });
  const [draft, setDraft] = useState(initial.draft);
  const finished = useRef(false);
  const { serverUrl, patientId, fhirUser } = scope;

  useEffect(() => {
    if (finished.current) return;
    saveDraft(storage, { serverUrl, patientId, ...(fhirUser ? { fhirUser } : {}) }, draft);
  }, [draft, storage, serverUrl, patientId, fhirUser]);

  const update = useCallback((change: (d: ScreeningDraft) => ScreeningDraft) => setDraft(change), []);
  const finish = useCallback(() => {
    finished.current = true;
    clearDraft(storage, { serverUrl });
  }, [storage, serverUrl]);
  const startOver = useCallback(() => {
    finished.current = false;
    setDraft(newDraft(newScreeningId(), patientId));
  }, [patientId]);

  return { draft, restored: initial.restored, update, finish, startOver };
}
