import { describe, expect, it } from 'vitest';
import { createLimiter } from './caseloadBatch';

/** A task that records when it started and finishes when the test says. */
function gate(name: string, started: string[]) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { task: () => (started.push(name), done), finish };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createLimiter', () => {
  it('runs at most `limit` tasks at once; urgent ones go first, background ones only when nothing else waits', async () => {
    const limit = createLimiter(1);
    const started: string[] = [];
    const gates = new Map(['first', 'background', 'normal-1', 'urgent', 'normal-2'].map((name) => [name, gate(name, started)]));
    void limit(gates.get('first')!.task);
    void limit(gates.get('background')!.task, 'background');
    void limit(gates.get('normal-1')!.task);
    void limit(gates.get('urgent')!.task, 'urgent');
    void limit(gates.get('normal-2')!.task, 'normal');
    await tick();
    expect(started).toEqual(['first']);
    // Each finished task lets exactly one waiting task start, in priority order.
    for (const next of ['urgent', 'normal-1', 'normal-2', 'background']) {
      gates.get(started.at(-1)!)!.finish();
      await tick();
      expect(started.at(-1)).toBe(next);
    }
    expect(started).toEqual(['first', 'urgent', 'normal-1', 'normal-2', 'background']);
  });

  it('starts a background task at once when a connection is free', async () => {
    const limit = createLimiter(2);
    const started: string[] = [];
    void limit(gate('normal', started).task);
    void limit(gate('background', started).task, 'background');
    await tick();
    expect(started).toEqual(['normal', 'background']);
  });
});
