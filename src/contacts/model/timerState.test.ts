import { describe, expect, it } from 'vitest';
import { clockText, elapsedMs, pauseTimer, resumeTimer } from './timerState';

describe('contact timer state', () => {
  it('counts from the start, less the pauses', () => {
    const started = { patientId: 'p1', startedAt: 0 };
    expect(elapsedMs(started, 65_000)).toBe(65_000);
    const paused = pauseTimer(started, 60_000);
    expect(elapsedMs(paused, 600_000)).toBe(60_000);
    expect(pauseTimer(paused, 90_000)).toBe(paused);
    const resumed = resumeTimer(paused, 120_000);
    expect(resumed).toEqual({ patientId: 'p1', startedAt: 0, pausedMs: 60_000 });
    expect(elapsedMs(resumed, 127_000)).toBe(67_000);
    expect(resumeTimer(resumed, 130_000)).toBe(resumed);
    expect(elapsedMs(resumeTimer(pauseTimer(resumed, 130_000), 200_000), 210_000)).toBe(80_000);
  });

  it('shows mm:ss, and h:mm:ss from an hour', () => {
    expect(clockText(67_000)).toBe('01:07');
    expect(clockText(23 * 60_000 + 10_000)).toBe('23:10');
    expect(clockText(3_600_000 + 5_000)).toBe('1:00:05');
    expect(clockText(-1)).toBe('00:00');
  });
});
