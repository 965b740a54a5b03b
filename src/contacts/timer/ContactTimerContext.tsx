/**
 * The one running contact timer of this tab, shared by the app bar (shown on every screen,
 * with Pause and Resume) and the patient's Contacts section (Start, Stop and log). Kept in
 * sessionStorage (patient id and instants only), so it survives a reload; the patient's name
 * shown in the app bar is kept in memory only.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { resolveBillingSettings, type TimerRounding } from '../../clinical/billing';
import { useSession } from '../../app/SessionContext';
import { tabStorage } from '../../screening/draft/draftStore';
import { elapsedMs, pauseTimer, resumeTimer, type TimerState } from '../model/timerState';
import { loadTimer, saveTimer } from '../storage/contactStorage';

export interface ContactTimerApi {
  timer: TimerState | undefined;
  /** The timed patient's name, when this page has seen it. */
  patientName: string | undefined;
  /** The patient whose chart is open now, if any (set by the Contacts section). */
  openPatientId: string | undefined;
  rounding: TimerRounding;
  now: () => number;
  start: (patientId: string, patientName?: string) => void;
  pause: () => void;
  resume: () => void;
  /** Stops and forgets the timer; gives the milliseconds timed. */
  stop: () => number | undefined;
  setOpenPatient: (patientId: string | undefined, patientName?: string) => void;
}

const TimerContext = createContext<ContactTimerApi | undefined>(undefined);

export function useContactTimer(): ContactTimerApi | undefined {
  return useContext(TimerContext);
}

export interface ContactTimerProviderProps {
  children: ReactNode;
  /** A launch for one patient: a timer left over for another patient is dropped. */
  onlyPatientId?: string;
  storage?: Storage;
  now?: () => number;
}

export function ContactTimerProvider({ children, onlyPatientId, storage = tabStorage(), now = Date.now }: ContactTimerProviderProps) {
  const session = useSession();
  const scope = useMemo(() => ({ serverUrl: session.serverUrl }), [session.serverUrl]);
  const rounding = resolveBillingSettings(session.settings.program.billing).timerRounding;
  const [timer, setTimer] = useState<TimerState | undefined>(() => {
    const stored = loadTimer(storage, scope);
    if (stored && onlyPatientId !== undefined && stored.patientId !== onlyPatientId) {
      saveTimer(storage, scope, undefined);
      return undefined;
    }
    return stored;
  });
  const [names, setNames] = useState<Readonly<Record<string, string>>>({});
  const [openPatientId, setOpenPatientId] = useState<string>();

  const update = useCallback(
    (next: TimerState | undefined) => {
      saveTimer(storage, scope, next);
      setTimer(next);
    },
    [storage, scope],
  );
  const remember = useCallback((patientId: string, name: string | undefined) => {
    if (name) setNames((n) => (n[patientId] === name ? n : { ...n, [patientId]: name }));
  }, []);

  const setOpenPatient = useCallback(
    (patientId: string | undefined, patientName?: string) => {
      setOpenPatientId(patientId);
      if (patientId) remember(patientId, patientName);
    },
    [remember],
  );

  const api: ContactTimerApi = {
    timer,
    patientName: timer ? names[timer.patientId] : undefined,
    openPatientId,
    rounding,
    now,
    start: (patientId, patientName) => {
      remember(patientId, patientName);
      update({ patientId, startedAt: now() });
    },
    pause: () => timer && update(pauseTimer(timer, now())),
    resume: () => timer && update(resumeTimer(timer, now())),
    stop: () => {
      if (!timer) return undefined;
      const ms = elapsedMs(timer, now());
      update(undefined);
      return ms;
    },
    setOpenPatient,
  };
  return <TimerContext.Provider value={api}>{children}</TimerContext.Provider>;
}
