import { unreachableError } from '../errors';
import { fullJitterDelay, parseRetryAfter, sleep } from './backoff';
import { AdaptiveLimiter } from './limiter';
import { RateBudget, type RateLimit } from './rate-budget';

export interface TransportOptions {
  /** Most requests in flight at once (default 8); lowered by itself while Bitbucket answers 429. */
  concurrency?: number;
  /** Longest time one request may spend retrying 5xx, resets and timeouts before the run gives up with exit 4 (429s never give up). */
  retryBudgetMs?: number;
  /** The server's request budget to pace to (bitbucket.org: 1,000 per rolling hour); undefined: none known. */
  rate?: RateLimit;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
}

export interface TransportStats {
  requests: number;
  retries: number;
  status429: number;
}

/** Answers the retry layer sends again; 429 is the throttle layer's. */
const RETRIED_STATUS = new Set([500, 502, 503, 504]);
const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** One attempt's time limit; a timeout is retried like a reset. */
const ATTEMPT_TIMEOUT_MS = 30_000;
/** A server that refuses connections is down, not flaky: give up on it quickly. */
const MAX_CONNECT_RETRIES = 2;

type Attempt = { kind: 'response'; response: RawResponse } | { kind: 'network'; reason: string; connect: boolean };

function networkReason(error: unknown): { reason: string; connect: boolean } {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { reason: 'timed out', connect: false };
  // No error code (a blocked port, an unsupported URL) is not a passing fault either: handle it as a refused connection.
  return { reason: code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)), connect: code === undefined || CONNECT_ERRORS.has(code) };
}

/**
 * The one place requests are retried and paced, in two layers around each attempt the way Octokit's retry and
 * throttling plugins wrap a request: the retry layer (`send`) around the throttle layer (`throttled`).
 */
export class Transport {
  readonly stats: TransportStats = { requests: 0, retries: 0, status429: 0 };
  private readonly limiter: AdaptiveLimiter;
  readonly budget: RateBudget;
  private readonly retryBudgetMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(options: TransportOptions = {}) {
    this.limiter = new AdaptiveLimiter(options.concurrency ?? 8);
    this.budget = new RateBudget(options.rate);
    this.retryBudgetMs = options.retryBudgetMs ?? 600_000;
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
  }

  get concurrency(): number {
    return this.limiter.concurrency;
  }

  get maxConcurrency(): number {
    return this.limiter.maxConcurrency;
  }

  /**
   * The retry layer: 5xx, resets and timeouts are sent again with exponential backoff and full jitter inside a
   * bounded time; `what` names the request in the error line (never a secret).
   */
  async send(request: RawRequest, what: string): Promise<RawResponse> {
    /** Start of the current run of 5xx and network failures: time spent on 429s does not count against the budget. */
    let started = Date.now();
    let connectFailures = 0;
    for (let attempt = 0; ; attempt += 1) {
      const { outcome, rateLimitedAt } = await this.throttled(request);
      if (rateLimitedAt !== undefined) started = rateLimitedAt;
      let delay: number;
      let problem: string;
      if (outcome.kind === 'response') {
        const { response } = outcome;
        if (!RETRIED_STATUS.has(response.status)) return response;
        problem = `HTTP ${response.status}`;
        delay = Math.max(parseRetryAfter(response.headers.get('retry-after')) ?? 0, fullJitterDelay(attempt, this.baseDelayMs, this.maxDelayMs));
      } else {
        problem = outcome.reason;
        if (outcome.connect && ++connectFailures > MAX_CONNECT_RETRIES) {
          throw unreachableError(`${what}: cannot reach Bitbucket at ${new URL(request.url).origin} (${outcome.reason}); check BITBUCKET_API_URL and the network`);
        }
        delay = fullJitterDelay(attempt, this.baseDelayMs, this.maxDelayMs);
      }
      if (Date.now() + delay - started > this.retryBudgetMs) throw this.givenUp(what, problem, started);
      this.stats.retries += 1;
      if (delay > 0) await sleep(delay);
    }
  }

  /**
   * The throttle layer: every attempt takes a slot of the server's rolling request budget, and all share one
   * adaptive concurrency limit. A 429 is sent again for as long as it takes (the budget frees up; work must not be
   * lost to a timer): after Retry-After where Bitbucket sends one, else by the budget's probing. Says when the
   * last 429 came, if one did.
   */
  private async throttled(request: RawRequest): Promise<{ outcome: Attempt; rateLimitedAt?: number }> {
    let rateLimitedAt: number | undefined;
    for (;;) {
      const outcome = await this.limiter.run(async () => {
        await this.budget.acquire();
        return this.attempt(request);
      });
      if (outcome.kind === 'network') return { outcome, rateLimitedAt };
      const { response } = outcome;
      if (response.status !== 429) {
        this.budget.onAdmitted(response.headers);
        if (!RETRIED_STATUS.has(response.status)) this.limiter.onSuccess();
        return { outcome, rateLimitedAt };
      }
      this.stats.status429 += 1;
      this.stats.retries += 1;
      // Both hold every start until the wait is over; this retry queues behind them.
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      if (retryAfter === undefined) this.budget.onRateLimited();
      else this.limiter.onRateLimited(retryAfter);
      rateLimitedAt = Date.now();
    }
  }

  private givenUp(what: string, problem: string, started: number): Error {
    const seconds = Math.round((Date.now() - started) / 1000);
    return unreachableError(`${what}: Bitbucket kept failing (${problem}) for ${seconds} s of retries; try again later`);
  }

  private async attempt(request: RawRequest): Promise<Attempt> {
    this.stats.requests += 1;
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        redirect: 'manual',
      });
      return { kind: 'response', response: { status: response.status, headers: response.headers, body: await response.text() } };
    } catch (error) {
      return { kind: 'network', ...networkReason(error) };
    }
  }
}
