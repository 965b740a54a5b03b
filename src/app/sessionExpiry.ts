/**
 * What the session's clock calls for at `now`: nothing, a renewal ahead of expiry, a warning
 * that the session will end (it cannot be renewed), or the news that it has ended. Pure: the
 * notice component reads the clock and acts on the answer.
 */
export type ExpiryState = { kind: 'fine' } | { kind: 'renew' } | { kind: 'ending'; msLeft: number } | { kind: 'ended' };

/** A renewable token is renewed this long before it ends (fhirclient's own margin is 10 s). */
export const RENEW_AHEAD_MS = 60_000;
/** A token that cannot be renewed is announced this long before it ends. */
export const WARN_AHEAD_MS = 5 * 60_000;

export function expiryState(now: number, expiresAt: number | undefined, renewable: boolean): ExpiryState {
  if (expiresAt === undefined) return { kind: 'fine' };
  const msLeft = expiresAt - now;
  if (renewable) return msLeft <= RENEW_AHEAD_MS ? { kind: 'renew' } : { kind: 'fine' };
  if (msLeft <= 0) return { kind: 'ended' };
  return msLeft <= WARN_AHEAD_MS ? { kind: 'ending', msLeft } : { kind: 'fine' };
}

/** "in about 4 minutes", "in less than a minute". */
export function timeLeftText(msLeft: number): string {
  if (msLeft < 60_000) return 'in less than a minute';
  const minutes = Math.round(msLeft / 60_000);
  return `in about ${minutes} minute${minutes === 1 ? '' : 's'}`;
}
