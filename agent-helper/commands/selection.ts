import { Command, Option } from 'commander';
import { validateProjectKey, validateSlug, validateWorkspace } from '../bitbucket/names';
import { usageError } from '../errors';
import type { Selection } from '../operations/select';

export interface SelectionFlags {
  workspace: string;
  repo?: string[];
  all?: boolean;
  query?: string;
  project?: string;
}

export function withWorkspace(command: Command): Command {
  return command.addOption(new Option('--workspace <id>', 'Bitbucket workspace id').env('BITBUCKET_WORKSPACE').makeOptionMandatory());
}

/** --repo, --all, --query and --project; exactly one is required. */
export function withSelection(command: Command): Command {
  return command
    .option('--repo <slug...>', 'repository slugs (or W/SLUG)')
    .option('--all', 'every repository of the workspace')
    .option('--query <bbql>', 'repositories matching a BBQL query, e.g. \'project.key = "CORE"\'')
    .option('--project <key>', 'the project-level access key of this project');
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
