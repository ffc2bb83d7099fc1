import { Command } from 'commander';
import { validateWorkspace } from '../bitbucket/names';
import { repos } from '../operations/repos';
import { clientFromEnvironment } from './client-wiring';
import { reporterFor, withOutputOptions, type OutputOptions } from './options';
import { withWorkspace } from './selection';

export function reposCommand(): Command {
  return withOutputOptions(withWorkspace(new Command('repos').description("list the workspace's repositories (every page)")))
    .option('--query <bbql>', 'BBQL filter, e.g. \'project.key = "CORE"\'')
    .action(async (flags: OutputOptions & { workspace: string; query?: string }) => {
      const workspace = validateWorkspace(flags.workspace);
      const reporter = reporterFor('repos', flags);
      const result = await repos(clientFromEnvironment(), workspace, flags.query);
      reporter.result(result, result.repositories.map((r) => `${r.full_name}${r.project ? ` [${r.project}]` : ''}${r.is_private ? '' : ' (public)'}`).join('\n') || 'no repositories');
    });
}
