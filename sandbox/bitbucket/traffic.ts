import { EventEmitter } from 'node:events';

/** How the 429 looks: bitbucket.org's own (`bitbucket`: plain text, no Retry-After) or with Retry-After and the headers. */
export type RateLimitStyle = 'bitbucket' | 'retry-after';

/** Rolling-window rate limit, like Bitbucket's per-hour limits scaled down. */
export class RateLimiter {
  private readonly admitted: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    readonly style: RateLimitStyle = 'retry-after',
    readonly sendsHeaders = style === 'retry-after',
  ) {}

  /** null = admitted; otherwise the seconds to wait (Retry-After). */
  take(now: number): number | null {
    while (this.admitted.length && this.admitted[0]! <= now - this.windowMs) this.admitted.shift();
    if (this.admitted.length < this.limit) {
      this.admitted.push(now);
      return null;
    }
    return Math.max(1, Math.ceil((this.admitted[0]! + this.windowMs - now) / 1000));
  }

  /** Bitbucket's rate-limit headers; NearLimit turns true when less than 20% of the window is left. */
  headers(): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-resource': 'api',
      'x-ratelimit-nearlimit': String(this.limit - this.admitted.length < this.limit * 0.2),
    };
  }

  reset(): void {
    this.admitted.length = 0;
  }
}

export type FaultKind = '500' | 'reset';

/** Every Nth request fails, cycling through the configured kinds. */
export class FaultInjector {
  private count = 0;

  constructor(private readonly everyNth: number, private readonly kinds: FaultKind[]) {
    if (!(everyNth >= 1) || kinds.length === 0) throw new Error('faults: everyNth must be >= 1 and kinds non-empty');
  }

  next(): FaultKind | null {
    this.count++;
    if (this.count % this.everyNth !== 0) return null;
    return this.kinds[(this.count / this.everyNth - 1) % this.kinds.length]!;
  }

  reset(): void {
    this.count = 0;
  }
}

export interface Stats {
  requests: number;
  writes: number;
  status429: number;
  /** Counts a write that took effect. */
  wrote(): void;
  /** Resolves as soon as `writes` reaches n. */
  untilWrites(n: number): Promise<void>;
  reset(): void;
}

export function createStats(onReset: () => void = () => {}): Stats {
  const written = new EventEmitter();
  const stats: Stats = {
    requests: 0,
    writes: 0,
    status429: 0,
    wrote() {
      stats.writes++;
      written.emit('write');
    },
    untilWrites: (n) =>
      new Promise((resolve) => {
        const check = () => {
          if (stats.writes < n) return;
          written.off('write', check);
          resolve();
        };
        written.on('write', check);
        check();
      }),
    reset() {
      stats.requests = 0;
      stats.writes = 0;
      stats.status429 = 0;
      onReset();
    },
  };
  return stats;
}
