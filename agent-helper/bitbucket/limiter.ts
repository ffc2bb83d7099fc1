import pLimit, { type LimitFunction } from 'p-limit';
import { sleep } from './backoff';

/** Aim this far below the rate that met the 429, so the paced run stays under the limit. */
const PACE_MARGIN = 0.9;
/** Each quiet period (one Retry-After, at least a second) without a 429 raises the paced rate by 2%. */
const PACE_RECOVERY = 1.02;

/**
 * A concurrency limit that adapts like TCP (AIMD) and paces itself by Retry-After. A 429 halves the
 * concurrency, holds every new start until Retry-After has passed, and spaces later starts at ~90% of
 * the rate that met the limit (the successes of the last Retry-After period). Quiet periods raise the
 * paced rate additively (2% a period) and each run of successes as long as the concurrency adds one slot back. A big run under
 * a tight rate limit thus meets a 429 now and then instead of burning retries.
 */
export class AdaptiveLimiter {
  private readonly limit: LimitFunction;
  private successes = 0;
  private pausedUntil = 0;
  private intervalMs = 0;
  private nextStart = 0;
  private periodMs = 1000;
  private lastChange = 0;
  private readonly recent: number[] = [];

  constructor(readonly maxConcurrency: number) {
    this.limit = pLimit(maxConcurrency);
  }

  get concurrency(): number {
    return this.limit.concurrency;
  }

  /** Milliseconds between request starts; 0 while no 429 has been met. */
  get spacingMs(): number {
    return this.intervalMs;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.limit(async () => {
      for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) await sleep(wait);
      if (this.intervalMs > 0) {
        const now = Date.now();
        const at = Math.max(now, this.nextStart);
        this.nextStart = at + this.intervalMs;
        if (at > now) await sleep(at - now);
      }
      return fn();
    });
  }

  onSuccess(): void {
    const now = Date.now();
    this.recent.push(now);
    while (this.recent.length > 0 && this.recent[0]! < now - this.periodMs) this.recent.shift();
    if (this.intervalMs > 0 && now - this.lastChange >= this.periodMs) {
      this.lastChange = now;
      this.intervalMs = this.intervalMs < 1 ? 0 : this.intervalMs / PACE_RECOVERY;
    }
    if (this.limit.concurrency >= this.maxConcurrency) return;
    this.successes += 1;
    if (this.successes >= this.limit.concurrency) {
      this.successes = 0;
      this.limit.concurrency += 1;
    }
  }

  onRateLimited(retryAfterMs: number): void {
    const now = Date.now();
    this.successes = 0;
    // The requests already in flight when the window closed all meet the same 429: react once per pause.
    if (now >= this.pausedUntil) {
      this.limit.concurrency = Math.max(1, Math.floor(this.limit.concurrency / 2));
      this.periodMs = Math.max(1000, retryAfterMs);
      const admitted = this.recent.filter((t) => t >= now - this.periodMs).length;
      if (admitted > 0) this.intervalMs = Math.max(this.intervalMs, this.periodMs / (admitted * PACE_MARGIN));
      this.lastChange = now + retryAfterMs;
    }
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
    this.nextStart = Math.max(this.nextStart, this.pausedUntil);
  }
}
