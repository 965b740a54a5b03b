/**
 * A part of a screen that is not needed for its first paint (below the fold, or a
 * dialog opened by a click), in a chunk of its own. `preload()` starts its download early (the
 * patient view: once its reads are on the wire), so when the part is first drawn it is usually
 * here and renders directly (lazy() would suspend once even then, and React holds a
 * revealed Suspense boundary back for its fallback throttle). A chunk that fails to load says
 * so in words with "Try again"; it never takes the rest of the view down. Every chunk loaded on
 * demand is one of these or loads inside one: a bare lazy() that fails with no boundary above it
 * unmounts the whole app.
 *
 * Chromium keeps a module that failed to download as failed for the page's life, so a second
 * attempt can fail without a request even once the connection is back. After a failed retry
 * the part asks whether the app's server answers: if not, it says the connection is still
 * down; if so, it offers to reload the app (the session and drafts are in sessionStorage, so
 * the user stays signed in).
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import { Component, type ComponentType, type ErrorInfo, lazy, type ReactNode, Suspense, useState } from 'react';
import { appReachable } from './appReachable';

export interface DeferredPart<P extends object> {
  /** Starts the download once (again after a failure); resolves when the part can render. */
  preload: () => Promise<unknown>;
  /** The part: rendered directly once loaded, otherwise behind `fallback` while it loads. */
  Part: ComponentType<P & { fallback?: ReactNode }>;
}

/** A module loaded on demand, once (again after a failure); `loaded()` is its value once here. */
export interface DeferredModule<T> {
  preload: () => Promise<T>;
  loaded: () => T | undefined;
}

export function deferredModule<T>(load: () => Promise<T>): DeferredModule<T> {
  let pending: Promise<T> | undefined;
  let value: T | undefined;
  const preload = () => {
    pending ??= load().then(
      (module) => {
        value = module;
        return module;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  return { preload, loaded: () => value };
}

export function deferredPart<P extends object>(what: string, load: () => Promise<{ default: ComponentType<P> }>): DeferredPart<P> {
  const module = deferredModule(load);
  const preload = module.preload;
  const current = () => module.loaded()?.default;
  function Part({ fallback, ...props }: P & { fallback?: ReactNode }) {
    // Chosen at mount and after a retry, so the part is not remounted when the chunk arrives.
    const [attempt, setAttempt] = useState(0);
    const [Shown, setShown] = useState<ComponentType<P>>(() => current() ?? lazy(preload));
    const [stage, setStage] = useState<RetryStage>('failed');
    const retry = () => {
      setShown(() => current() ?? lazy(preload));
      setStage('failed');
      setAttempt((a) => a + 1);
    };
    // A retry that fails again (this chunk, or one the part loads inside it) asks whether the server answers.
    const failed = () => {
      if (attempt > 0) void appReachable().then((up) => setStage(up ? 'reload' : 'offline'));
    };
    return (
      <LoadBoundary key={attempt} what={what} stage={stage} onRetry={retry} onFailed={failed}>
        <Suspense fallback={fallback === undefined ? <Skeleton variant="rectangular" height={48} aria-label={`Loading ${what}`} /> : fallback}>
          <Shown {...(props as P)} />
        </Suspense>
      </LoadBoundary>
    );
  }
  return { preload, Part };
}

/** Where a failed part stands: failed (once, or again while the server is being asked), the server silent, or the browser holding the failure. */
type RetryStage = 'failed' | 'offline' | 'reload';

class LoadBoundary extends Component<{ what: string; stage: RetryStage; onRetry: () => void; onFailed: () => void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    // Nothing is reported: the words below say what is missing, and the error may carry patient data.
    this.props.onFailed();
  }
  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const { what, stage, onRetry } = this.props;
    const reload = stage === 'reload';
    return (
      <Alert
        severity="warning"
        sx={{ mb: 1 }}
        action={
          <Button color="inherit" size="small" onClick={reload ? () => location.reload() : onRetry}>
            {reload ? 'Reload the app' : 'Try again'}
          </Button>
        }
      >
        {`The ${what} ${
          stage === 'failed'
            ? 'could not be loaded. Check the connection, then try again.'
            : reload
              ? 'still could not be loaded. Reload the app: you stay signed in.'
              : 'still could not be loaded: the server does not answer. Try again once the connection is back.'
        }`}
      </Alert>
    );
  }
}
