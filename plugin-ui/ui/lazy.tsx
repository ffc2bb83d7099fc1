import React from 'react';

/** A component whose code is a separate chunk, fetched the first time it renders; it shows "Loading…" meanwhile. */
export function lazyComponent(load: () => Promise<React.ComponentType>): React.ComponentType {
  const Lazy = React.lazy(async () => ({ default: await load() }));
  return function LazyComponent() {
    return (
      <React.Suspense fallback={<p className="ra-muted">Loading…</p>}>
        <Lazy />
      </React.Suspense>
    );
  };
}
