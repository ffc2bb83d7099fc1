import React from 'react';
import { errorText } from './task';

export interface Load<T> {
  readonly state: 'loading' | 'ready' | 'failed';
  /** The last value loaded: kept while it reloads, undefined before the first one. */
  readonly value: T | undefined;
  readonly error: string | null;
  /** Loads again; resolves with the new value once it is in, rejects with the error (also kept in `error`). */
  reload(): Promise<T>;
}

interface Snapshot<T> {
  readonly state: Load<T>['state'];
  readonly value: T | undefined;
  readonly error: string | null;
}

/**
 * Runs `load` on mount and whenever it changes (pass a `React.useCallback`), and on `reload()`, which always runs the
 * latest `load`. A run that was overtaken (a newer run, a new `load`, unmounting) is aborted through its signal and its
 * result ignored.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>): Load<T> {
  // Tagged with the `load` that produced it: a snapshot of an earlier `load` reads as loading, never as stale data.
  const [snapshot, setSnapshot] = React.useState<Snapshot<T> & { readonly of: typeof load | null }>({ state: 'loading', value: undefined, error: null, of: null });
  const latest = React.useRef(load);
  const running = React.useRef<AbortController | null>(null);

  const run = React.useCallback((reloading: boolean): Promise<T | undefined> => {
    const current = latest.current;
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    if (reloading) setSnapshot((s) => ({ ...s, state: 'loading', error: null }));
    const live = () => !controller.signal.aborted;
    return current(controller.signal).then(
      (value) => {
        if (live()) setSnapshot({ state: 'ready', value, error: null, of: current });
        return value;
      },
      (error: unknown) => {
        if (live()) setSnapshot((s) => ({ state: 'failed', value: s.of === current ? s.value : undefined, error: errorText(error), of: current }));
        if (reloading) throw error;
        return undefined;
      },
    );
  }, []);

  React.useEffect(() => {
    latest.current = load;
    void run(false);
    return () => running.current?.abort();
  }, [load, run]);

  const reload = React.useCallback(() => run(true) as Promise<T>, [run]);
  const current: Snapshot<T> = snapshot.of === load ? snapshot : { state: 'loading', value: undefined, error: null };
  return { state: current.state, value: current.value, error: current.error, reload };
}
