import { Command } from 'commander';
import type { BitbucketClient } from '../bitbucket/client';
import type { Outcome } from '../operations/results';
import { targetStream } from '../operations/select';
import type { Targets } from '../operations/run-each';
import type { Reporter } from '../output/reporter';
import { clientFromEnvironment, withConcurrency } from './client-wiring';
import { finish } from './exit-policy';
import { reporterFor, withOutputOptions, type OutputOptions } from './options';
import { selectionFrom, withSelection, withWorkspace, type SelectionFlags } from './selection';

export type BulkFlags = SelectionFlags & OutputOptions & { concurrency: number };

/** What one bulk command adds to the shared shape: its flags, its checks, its run and its summary. */
export interface BulkSpec<F, T extends object> {
  name: 'register' | 'revoke' | 'rotate' | 'audit';
  description: string;
  /** Options beyond workspace, selection, concurrency and output. */
  options?(command: Command): Command;
  /** Checks the command's own flags (after the selection, before any request) and returns its run. */
  prepare(flags: BulkFlags & F): BulkRun<T>;
}

export interface BulkRun<T extends object> {
  /** Description of the TeamCity block the run's progress is grouped in. */
  block?: string;
  run(client: BitbucketClient, targets: Targets, reporter: Reporter): Promise<Outcome<T>>;
  /** The human text, the failed targets and how many targets there were. */
  summary(report: T): { human: string; failures: Array<{ repo: string; error: string | null }>; total: number };
}

/**
 * register, revoke, rotate and audit: workspace and selection checked first, then the command's own flags, then
 * the client; the progress block is closed however the run ends, and the exit code follows the report.
 */
export function bulkCommand<F, T extends object>(spec: BulkSpec<F, T>): Command {
  const command = withWorkspace(new Command(spec.name).description(spec.description));
  return withOutputOptions(withConcurrency(withSelection(spec.options ? spec.options(command) : command))).action(async (flags: BulkFlags & F) => {
    const selection = selectionFrom(flags);
    const prepared = spec.prepare(flags);
    const client = clientFromEnvironment(flags.concurrency);
    const reporter = reporterFor(spec.name, flags);
    const close = reporter.block(spec.name, prepared.block);
    let outcome: Outcome<T>;
    try {
      outcome = await prepared.run(client, targetStream(client, flags.workspace, selection), reporter);
    } finally {
      close();
    }
    const { human, failures, total } = prepared.summary(outcome.report);
    finish(reporter, outcome, human, failures, total);
  });
}
