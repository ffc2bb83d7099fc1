import type { Command } from 'commander';
import { BitbucketClient } from '../bitbucket/client';
import type { RateLimit } from '../bitbucket/rate-budget';
import { readCredentials, readEndpoints } from '../config/credentials';
import { usageError } from '../errors';
import { positiveInteger } from './parse';

export function withConcurrency(command: Command): Command {
  return command.option('--concurrency <n>', 'most requests in flight at once (lowered by itself on 429s)', positiveInteger('--concurrency'), 8);
}

/**
 * Credentials and endpoints from the environment; REPO_ACCESS_RETRY_BUDGET_MS bounds each request's retries,
 * REPO_ACCESS_RATE_LIMIT=LIMIT/WINDOW_MS sets the request budget to pace to (bitbucket.org's 1000/3600000 by default).
 */
export function clientFromEnvironment(concurrency = 8): BitbucketClient {
  const budget = Number(process.env.REPO_ACCESS_RETRY_BUDGET_MS);
  return new BitbucketClient(readCredentials(), readEndpoints(), { concurrency, retryBudgetMs: budget > 0 ? budget : undefined, rate: rateFrom(process.env.REPO_ACCESS_RATE_LIMIT) });
}

function rateFrom(value: string | undefined): RateLimit | undefined {
  if (value === undefined || value === '') return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw usageError(`REPO_ACCESS_RATE_LIMIT=${value}: expected LIMIT/WINDOW_MS, e.g. 1000/3600000`);
  return { limit: Number(match[1]), windowMs: Number(match[2]) };
}
