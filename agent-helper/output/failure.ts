import { errorMessage, RepoAccessError } from '../errors';
import { serviceMessage } from './service-messages';

/** Writes the one `repo-access: …` line for a failure (and a buildProblem under TeamCity); returns the contract's exit code. */
export function reportFailure(error: unknown, env: Record<string, string | undefined> = process.env): number {
  const known = error instanceof RepoAccessError;
  const line = known ? error.message : `unexpected error: ${errorMessage(error)}`;
  process.stderr.write(`repo-access: ${line}\n`);
  if (!known && env.REPO_ACCESS_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
  if (env.TEAMCITY_VERSION) process.stderr.write(`${serviceMessage('buildProblem', { description: line.slice(0, 4000) })}\n`);
  return known ? error.exitCode : 4;
}
