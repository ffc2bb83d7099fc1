import pLimit, { type LimitFunction } from 'p-limit';
import { sleep } from './backoff';

/**
 * A concurrency limit that adapts like TCP (AIMD): a 429 halves the concurrency and pauses every new
 * start until Retry-After has passed; each run of successes as long as the current concurrency adds one
 * slot back, up to the configured maximum. A big run under a tight rate limit thus paces itself.
 */
export class AdaptiveLimiter {
  private readonly limit: LimitFunction;
  private successes = 0;
  private pausedUntil = 0;

  constructor(readonly maxConcurrency: number) {
    this.limit = pLimit(maxConcurrency);
  }

  get concurrency(): number {
    return this.limit.concurrency;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.limit(async () => {
      for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) await sleep(wait);
      return fn();
    });
  }

  onSuccess(): void {
    if (this.limit.concurrency >= this.maxConcurrency) return;
    this.successes += 1;
    if (this.successes >= this.limit.concurrency) {
      this.successes = 0;
      this.limit.concurrency += 1;
    }
  }

  onRateLimited(retryAfterMs: number): void {
    this.successes = 0;
    // The requests already in flight when the window closed all meet the same 429: decrease once per pause.
    if (Date.now() >= this.pausedUntil) this.limit.concurrency = Math.max(1, Math.floor(this.limit.concurrency / 2));
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + retryAfterMs);
  }
}
