/**
 * The contact being typed and the running timer, kept in the tab's sessionStorage (never
 * localStorage), so a reload or a relaunch after the token expired loses neither. Keyed by
 * the EHR's base URL like the screening draft; a draft of another patient or user is
 * removed unread. The timer holds only the patient id and its instants (start, pauses).
 */
import type { ContactFormValues } from '../model/contactForm';
import type { TimerState } from '../model/timerState';

const DRAFT_PREFIX = 'cocm-registry:contact-draft:';
const TIMER_PREFIX = 'cocm-registry:contact-timer:';

export interface ContactDraft {
  patientId: string;
  fhirUser?: string;
  /** The contact's UUID: its identifier, made once, so a resend finds the first copy. */
  contactId: string;
  values: ContactFormValues;
  /** A send was started: its answer may have been lost. */
  attempted: boolean;
}

export interface StorageScope {
  serverUrl: string;
  patientId: string;
  fhirUser?: string;
}

function read<T>(storage: Storage | undefined, key: string): T | undefined {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the value lives on in memory for this page.
  }
}

function remove(storage: Storage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Blocked storage holds nothing of ours.
  }
}

function isDraft(value: unknown): value is ContactDraft {
  const d = value as ContactDraft | undefined;
  return typeof d?.patientId === 'string' && typeof d.contactId === 'string' && typeof d.values === 'object' && d.values !== null && typeof d.values.date === 'string';
}

export function loadContactDraft(storage: Storage | undefined, scope: StorageScope): ContactDraft | undefined {
  const key = DRAFT_PREFIX + scope.serverUrl;
  const draft = read<unknown>(storage, key);
  if (draft === undefined) return undefined;
  const sameUser = (d: ContactDraft) => !d.fhirUser || !scope.fhirUser || d.fhirUser === scope.fhirUser;
  if (!isDraft(draft) || draft.patientId !== scope.patientId || !sameUser(draft)) {
    remove(storage, key);
    return undefined;
  }
  return draft;
}

export function saveContactDraft(storage: Storage | undefined, scope: StorageScope, draft: ContactDraft): void {
  if (draft.patientId !== scope.patientId) return;
  write(storage, DRAFT_PREFIX + scope.serverUrl, { ...draft, ...(scope.fhirUser ? { fhirUser: scope.fhirUser } : {}) });
}

export function clearContactDraft(storage: Storage | undefined, scope: Pick<StorageScope, 'serverUrl'>): void {
  remove(storage, DRAFT_PREFIX + scope.serverUrl);
}

/**
 * The running timer, of any patient: the caller decides whether a timer of another patient
 * is kept (the registry, where the user moves between patients) or dropped (a launch for one
 * patient, where it is left over from an earlier launch in this tab).
 */
export function loadTimer(storage: Storage | undefined, scope: Pick<StorageScope, 'serverUrl'>): TimerState | undefined {
  const key = TIMER_PREFIX + scope.serverUrl;
  const timer = read<TimerState>(storage, key);
  if (!timer) return undefined;
  const finite = (n: unknown) => n === undefined || (typeof n === 'number' && Number.isFinite(n));
  if (typeof timer.patientId !== 'string' || typeof timer.startedAt !== 'number' || !Number.isFinite(timer.startedAt) || !finite(timer.pausedAt) || !finite(timer.pausedMs)) {
    remove(storage, key);
    return undefined;
  }
  return timer;
}

/** Keeps the timer (only the patient id and its instants), or removes it when undefined. */
export function saveTimer(storage: Storage | undefined, scope: Pick<StorageScope, 'serverUrl'>, timer: TimerState | undefined): void {
  if (!timer) {
    remove(storage, TIMER_PREFIX + scope.serverUrl);
    return;
  }
  const { patientId, startedAt, pausedAt, pausedMs } = timer;
  write(storage, TIMER_PREFIX + scope.serverUrl, { patientId, startedAt, ...(pausedAt !== undefined ? { pausedAt } : {}), ...(pausedMs ? { pausedMs } : {}) } satisfies TimerState);
}
