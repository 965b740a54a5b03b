import { describe, expect, it } from 'vitest';
import { yieldToPage } from './yieldToPage';

describe('yieldToPage', () => {
  it('resumes in a later task: every microtask queued meanwhile has run first', async () => {
    let microtasks = 0;
    const chain = (n: number): Promise<void> => (n === 0 ? Promise.resolve() : Promise.resolve().then(() => ((microtasks += 1), chain(n - 1))));
    const chained = chain(1000);
    await yieldToPage();
    expect(microtasks).toBe(1000);
    await chained;
  });
});
