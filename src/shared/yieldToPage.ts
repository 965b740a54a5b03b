/**
 * Lets the page handle input and paint before the rest of a long piece of work: the next
 * task, not a microtask. `scheduler.yield()` where the browser has it (the continuation goes
 * ahead of other queued tasks, so the work is not pushed behind everything else), a message
 * through a MessageChannel elsewhere (no 4 ms clamp as with nested setTimeout), setTimeout as
 * the last resort.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
