import { Command, Option } from 'commander';
import { BitbucketClient } from '../bitbucket/client';
import type { RateLimit } from '../bitbucket/rate-budget';
import { validateProjectKey, validateSlug, validateWorkspace } from '../bitbucket/names';
import { readCredentials, readEndpoints } from '../config/credentials';
import { partialError, usageError } from '../errors';
import type { Selection } from '../operations/select';
import type { Outcome } from '../operations/results';
import type { Reporter } from '../output/reporter';
import { positiveInteger } from './parse';

export interface SelectionFlags {
  workspace: string;
  repo?: string[];
  all?: boolean;
  query?: string;
  project?: string;
  concurrency: number;
}

export function withWorkspace(command: Command): Command {
  return command.addOption(new Option('--workspace <id>', 'Bitbucket workspace id').env('BITBUCKET_WORKSPACE').makeOptionMandatory());
}

export function withConcurrency(command: Command): Command {
  return command.option('--concurrency <n>', 'most requests in flight at once (lowered by itself on 429s)', positiveInteger('--concurrency'), 8);
}

/** --repo/--all, and where the command supports them --query and --project; exactly one is required. */
export function withSelection(command: Command, extra: { query: boolean; project: boolean }): Command {
  command.option('--repo <slug...>', 'repository slugs (or W/SLUG)').option('--all', 'every repository of the workspace');
  if (extra.query) command.option('--query <bbql>', 'repositories matching a BBQL query, e.g. \'project.key = "CORE"\'');
  if (extra.project) command.option('--project <key>', 'the project-level access key of this project');
  return command;
}

export function selectionFrom(flags: SelectionFlags): Selection {
  const workspace = validateWorkspace(flags.workspace);
  const given = [flags.repo && '--repo', flags.all && '--all', flags.query !== undefined && '--query', flags.project !== undefined && '--project'].filter(Boolean);
  if (given.length !== 1) {
    throw usageError(given.length === 0 ? 'say which repositories: pass --repo SLUG…, --all, --query or --project' : `${given.join(' and ')} cannot be combined; pass one of them`);
  }
  if (flags.repo) return { repos: flags.repo.map((slug) => validateSlug(workspace, slug)) };
  if (flags.query !== undefined) return { query: flags.query };
  if (flags.project !== undefined) return { project: validateProjectKey(flags.project) };
  return { all: true };
}

/**
 * Credentials and endpoints from the environment; REPO_ACCESS_RETRY_BUDGET_MS bounds each request's retries,
 * REPO_ACCESS_RATE_LIMIT=LIMIT/WINDOW_MS sets the request budget to pace to (bitbucket.org's 1000/3600000 by default).
 */
export function clientFromEnvironment(concurrency = 8): BitbucketClient {
  const budget = Number(process.env.REPO_ACCESS_RETRY_BUDGET_MS);
  const rate = rateFrom(process.env.REPO_ACCESS_RATE_LIMIT);
  return new BitbucketClient(readCredentials(), readEndpoints(), { concurrency, ...(budget > 0 ? { retryBudgetMs: budget } : {}), ...(rate ? { rate } : {}) });
}

function rateFrom(value: string | undefined): RateLimit | undefined {
  if (value === undefined || value === '') return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw usageError(`REPO_ACCESS_RATE_LIMIT=${value}: expected LIMIT/WINDOW_MS, e.g. 1000/3600000`);
  return { limit: Number(match[1]), windowMs: Number(match[2]) };
}

/** Prints the report (partial progress included), then fails with the stopping error or exit 1 for failed targets. */
export function finish<T extends object>(
  reporter: Reporter,
  outcome: Outcome<T>,
  human: string,
  failures: Array<{ repo: string; error: string | null }>,
  total: number,
): void {
  reporter.result(outcome.report, human);
  if (outcome.fatal) throw outcome.fatal;
  const [first] = failures;
  if (first) throw partialError(`${failures.length} of ${total} failed, e.g. ${first.repo}: ${first.error ?? 'unknown error'}; the others are done, run the command again to retry`);
}

export const resultLines = (results: Array<{ repo: string; status: string; error: string | null }>): string =>
  results.map((r) => `${r.repo}: ${r.status}${r.error ? ` (${r.error})` : ''}`).join('\n');
