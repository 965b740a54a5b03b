/**
 * A part of a screen that is not needed for its first paint (below the fold, or a
 * dialog opened by a click), in a chunk of its own. `preload()` starts its download early (the
 * patient view: once its reads are on the wire), so when the part is first drawn it is usually
 * here and renders directly (lazy() would suspend once even then, and React holds a
 * revealed Suspense boundary back for its fallback throttle). A chunk that fails to load says
 * so in words with "Try again"; it never takes the rest of the view down.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import { Component, type ComponentType, type ErrorInfo, lazy, type ReactNode, Suspense, useState } from 'react';

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
    const retry = () => {
      setShown(() => current() ?? lazy(preload));
      setAttempt((a) => a + 1);
    };
    return (
      <LoadBoundary key={attempt} what={what} onRetry={retry}>
        <Suspense fallback={fallback ?? <Skeleton variant="rectangular" height={48} aria-label={`Loading ${what}`} />}>
          <Shown {...(props as P)} />
        </Suspense>
      </LoadBoundary>
    );
  }
  return { preload, Part };
}

class LoadBoundary extends Component<{ what: string; onRetry: () => void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    // Nothing to report: the words below say what is missing; the error may name no patient data.
  }
  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert
        severity="warning"
        sx={{ mb: 1 }}
        action={
          <Button color="inherit" size="small" onClick={this.props.onRetry}>
            Try again
          </Button>
        }
      >
        The {this.props.what} could not be loaded. Check the connection, then try again.
      </Alert>
    );
  }
}
