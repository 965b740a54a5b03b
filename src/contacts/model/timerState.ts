/**
 * The running contact timer: whose contact it times, when it started and how long it was
 * paused. Pure; the instants come from the caller's clock.
 */
export interface TimerState {
  patientId: string;
  startedAt: number;
  /** While paused: when the pause began. */
  pausedAt?: number;
  /** Milliseconds spent in earlier pauses (not timed). */
  pausedMs?: number;
}

/** Timed milliseconds at `now`: from the start, less every pause, the current one included. */
export function elapsedMs(timer: TimerState, now: number): number {
  const stoppedAt = timer.pausedAt ?? now;
  return Math.max(0, stoppedAt - timer.startedAt - (timer.pausedMs ?? 0));
}

export function pauseTimer(timer: TimerState, now: number): TimerState {
  return timer.pausedAt !== undefined ? timer : { ...timer, pausedAt: now };
}

export function resumeTimer(timer: TimerState, now: number): TimerState {
  if (timer.pausedAt === undefined) return timer;
  const { pausedAt, ...running } = timer;
  return { ...running, pausedMs: (timer.pausedMs ?? 0) + Math.max(0, now - pausedAt) };
}

/** m:ss, or h:mm:ss from an hour. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
