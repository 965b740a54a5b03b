import { describe, expect, it } from 'vitest';
import { expiryState, RENEW_AHEAD_MS, timeLeftText, WARN_AHEAD_MS } from './sessionExpiry';

describe('expiryState', () => {
  const end = 1_000_000_000;
  it('renews a renewable token shortly before it ends, and never warns about it', () => {
    expect(expiryState(end - RENEW_AHEAD_MS - 1, end, true)).toEqual({ kind: 'fine' });
    expect(expiryState(end - RENEW_AHEAD_MS, end, true)).toEqual({ kind: 'renew' });
    expect(expiryState(end + 5000, end, true)).toEqual({ kind: 'renew' });
  });
  it('warns a few minutes before a final token ends, then says it has ended', () => {
    expect(expiryState(end - WARN_AHEAD_MS - 1, end, false)).toEqual({ kind: 'fine' });
    expect(expiryState(end - WARN_AHEAD_MS, end, false)).toEqual({ kind: 'ending', msLeft: WARN_AHEAD_MS });
    expect(expiryState(end, end, false)).toEqual({ kind: 'ended' });
  });
  it('says nothing when the EHR gave no expiry', () => {
    expect(expiryState(end, undefined, false)).toEqual({ kind: 'fine' });
  });
  it('words the time left', () => {
    expect(timeLeftText(30_000)).toBe('in less than a minute');
    expect(timeLeftText(60_000)).toBe('in about 1 minute');
    expect(timeLeftText(4.6 * 60_000)).toBe('in about 5 minutes');
  });
});
