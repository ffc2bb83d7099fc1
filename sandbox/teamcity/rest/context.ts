import type { Store } from '../store';

export interface RestContext {
  store: Store;
  /** Called after a build is queued so the agent picks it up. */
  onQueued(): void;
  /** Called when a build is canceled. */
  onCanceled(buildId: number): void;
}
