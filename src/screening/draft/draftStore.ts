/**
 * Keeps the screening being typed in sessionStorage (this tab only, never localStorage), so
 * it survives a reload and a relaunch after the token expired. One draft per EHR per tab: a
 * draft for another patient (or another user) is discarded, never shown, and the draft is
 * removed once everything is saved.
 *
 * Why not keyed to fhirclient's launch state: a relaunch after token expiry gets a new state
 * key, which would orphan the very draft the relaunch is meant to rescue. The EHR's base URL,
 * the patient and the user identify "the same work" across that relaunch instead.
 */
import { asDraft, type ScreeningDraft } from '../model/draft';

const KEY_PREFIX = 'cocm-registry:screening-draft:';

export interface DraftScope {
  serverUrl: string;
  patientId: string;
  fhirUser?: string;
}

interface StoredDraft {
  fhirUser?: string;
  draft: ScreeningDraft;
}

export function draftKey(serverUrl: string): string {
  return `${KEY_PREFIX}${serverUrl}`;
}

/** The tab's sessionStorage, or undefined where storage is blocked (some embedded browsers). */
export function tabStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** The stored draft for this patient and user; any other draft is removed and ignored. */
export function loadDraft(storage: Storage | undefined, scope: DraftScope): ScreeningDraft | undefined {
  if (!storage) return undefined;
  const key = draftKey(scope.serverUrl);
  let stored: StoredDraft | undefined;
  try {
    const raw = storage.getItem(key);
    stored = raw ? (JSON.parse(raw) as StoredDraft) : undefined;
  } catch {
    stored = undefined;
  }
  if (!stored) return undefined;
  const draft = asDraft(stored.draft);
  const sameUser = !stored.fhirUser || !scope.fhirUser || stored.fhirUser === scope.fhirUser;
  if (!draft || draft.patientId !== scope.patientId || !sameUser) {
    clearDraft(storage, scope);
    return undefined;
  }
  return draft;
}

export function saveDraft(storage: Storage | undefined, scope: DraftScope, draft: ScreeningDraft): void {
  if (!storage || draft.patientId !== scope.patientId) return;
  const stored: StoredDraft = { ...(scope.fhirUser ? { fhirUser: scope.fhirUser } : {}), draft };
  try {
    storage.setItem(draftKey(scope.serverUrl), JSON.stringify(stored));
  } catch {
    // Storage full or blocked: the draft lives on in memory for this page.
  }
}

export function clearDraft(storage: Storage | undefined, scope: Pick<DraftScope, 'serverUrl'>): void {
  try {
    storage?.removeItem(draftKey(scope.serverUrl));
  } catch {
    // Nothing to do: blocked storage holds nothing of ours.
  }
}

/** A random UUID (v4) for a new draft; the secure-context API exists wherever PKCE works. */
export function newScreeningId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
