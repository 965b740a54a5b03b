import { useEffect, useState } from 'react';

/** While loading, `previous` holds the last result (if any) so a view can keep showing it. */
export type AsyncState<T> = { status: 'loading'; previous?: T } | { status: 'done'; value: T } | { status: 'failed'; error: unknown };

type Settled<T> = { for: unknown } & ({ status: 'done'; value: T } | { status: 'failed'; error: unknown });

/**
 * Runs an async read (a `useCallback`, so its identity names its inputs) and keeps the latest
 * result. A read started for an older input is aborted and its answer ignored, so a slow reply
 * never overwrites a newer one; while the current read runs the state is `loading`.
 */
export function useAsync<T>(run: (signal: AbortSignal) => Promise<T>): AsyncState<T> {
  const [settled, setSettled] = useState<Settled<T> | undefined>();
  useEffect(() => {
    const controller = new AbortController();
    run(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setSettled({ for: run, status: 'done', value });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setSettled({ for: run, status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [run]);
  if (!settled || settled.for !== run) return settled?.status === 'done' ? { status: 'loading', previous: settled.value } : { status: 'loading' };
  return settled.status === 'done' ? { status: 'done', value: settled.value } : { status: 'failed', error: settled.error };
}
