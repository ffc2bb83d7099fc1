import React from 'react';

/** A component whose code is a separate chunk, fetched the first time it renders; it shows "Loading…" meanwhile. */
export function lazyComponent<P extends object = Record<string, never>>(load: () => Promise<React.ComponentType<P>>): React.ComponentType<P> {
  const Lazy = React.lazy(async () => ({ default: await load() }));
  return function LazyComponent(props: P) {
    return (
      <React.Suspense fallback={<p className="ra-muted">Loading…</p>}>
        <Lazy {...(props as P & React.JSX.IntrinsicAttributes)} />
      </React.Suspense>
    );
  };
}
