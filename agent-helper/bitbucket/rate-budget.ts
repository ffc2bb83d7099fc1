import { sleep } from './backoff';

/** bitbucket.org's published limit: 1,000 requests per rolling hour per user, consumer or token. */
export const BITBUCKET_RATE = { limit: 1000, windowMs: 3_600_000 };

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * A client-side rolling window that mirrors the server's: at most `limit` request starts in any `windowMs`.
 * The first `limit` go at once (the server allows the burst); later ones start as the oldest leave the window,
 * which is the fastest a run can go without meeting a 429. A 429 without Retry-After means requests the client
 * does not know of (an earlier, killed run; another tool on the same token) fill the window: starts then hold
 * and one probe goes out at growing intervals until one is admitted. `X-RateLimit-Limit` replaces the limit.
 */
export class RateBudget {
  private readonly starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private heldUntil = 0;
  private spacedUntil = 0;
  private lastStart = 0;
  private probeMs = 0;
  private limit: number;
  private readonly windowMs: number;
  /** Starts leave the client's window this much later than the server's: its clock sees them after the latency. */
  private readonly marginMs: number;

  constructor(rate: RateLimit | undefined) {
    this.limit = rate?.limit ?? Number.POSITIVE_INFINITY;
    this.windowMs = rate?.windowMs ?? BITBUCKET_RATE.windowMs;
    this.marginMs = Math.max(25, this.windowMs / 100);
  }

  /** Waits for a slot in the window and takes it; slots are handed out in call order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.take());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.prune(now);
      let at = Math.max(now, this.heldUntil);
      if (this.starts.length >= this.limit) at = Math.max(at, (this.starts[0] ?? now) + this.windowMs + this.marginMs);
      // For a window after a 429, strangers leave it at most at the limit's rate: start no faster than that.
      if (now < this.spacedUntil && Number.isFinite(this.limit)) at = Math.max(at, this.lastStart + this.windowMs / this.limit);
      if (at <= now) {
        this.starts.push(now);
        this.lastStart = now;
        return;
      }
      await sleep(at - now);
    }
  }

  /**
   * The request was answered (not 429). `X-RateLimit-Limit`, where Bitbucket sends it, is the real limit for the
   * known window; with no window known (no limit configured or published) it cannot be paced to and is ignored.
   */
  onAdmitted(headers: Headers): void {
    this.probeMs = 0;
    const limit = Number(headers.get('x-ratelimit-limit'));
    if (Number.isFinite(this.limit) && Number.isInteger(limit) && limit > 0) this.limit = limit;
  }

  /**
   * A 429 without Retry-After: the window is full of requests this client did not make. Hold every start for a
   * probe interval (doubling while 429s go on, up to a tenth of the window), then go on at the limit's pace.
   */
  onRateLimited(): void {
    const now = Date.now();
    if (now < this.heldUntil) return; // the requests in flight meet the same full window: react once
    this.probeMs = Math.min(this.windowMs / 10, Math.max(this.windowMs / 200, this.probeMs * 2));
    this.heldUntil = now + this.probeMs;
    this.spacedUntil = now + this.windowMs;
  }

  /**
   * When `remaining` more requests can have started at the earliest, or undefined when the window does not bind
   * (they fit in what is left of it, or no limit is known).
   */
  finishEstimate(remaining: number, now = Date.now()): Date | undefined {
    if (!Number.isFinite(this.limit)) return undefined;
    this.prune(now);
    const beyond = remaining - (this.limit - this.starts.length);
    if (beyond <= 0) return undefined;
    const windows = Math.floor((beyond - 1) / this.limit);
    const frees = this.starts[(beyond - 1) % this.limit] ?? now;
    return new Date(Math.max(now, frees + (windows + 1) * (this.windowMs + this.marginMs)));
  }

  private prune(now: number): void {
    while (this.starts.length > 0 && (this.starts[0] ?? 0) + this.windowMs + this.marginMs <= now) this.starts.shift();
  }
}
