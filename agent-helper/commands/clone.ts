import { Command, Option } from 'commander';
import type { CloneOptions } from '../clone/clone';
import { positiveInteger } from './parse';
import { reporterFor, withOutputOptions, type OutputOptions } from './options';

type CloneFlags = OutputOptions & Omit<CloneOptions, 'env' | 'onProgress'>;

const EXIT_CODES = `
Credentials come from the environment (BITBUCKET_AUTH and its variables) or --key; see agent-helper/USAGE.md.
Exit codes: 0 cloned; 2 bad input, or the repository or branch does not exist (Bitbucket also answers
"not found" when the credential cannot see the repository); 3 credential, key or host key refused
(wrong, expired, revoked, not an access key of the repository, app password retired); 4 Bitbucket
could not be reached. Nothing of the credential remains in DIR or on disk afterwards.`;

export function cloneCommand(): Command {
  return withOutputOptions(
    new Command('clone')
      .description('clone a Bitbucket repository with the configured credential or an SSH access key')
      .requiredOption('--repo <workspace/slug>', 'repository to clone, e.g. acme/core-api')
      .requiredOption('--dest <dir>', 'directory to clone into (must not exist or be empty)')
      .option('--branch <name>', 'branch (or tag) to check out instead of the default branch')
      .option('--depth <n>', 'shallow clone with that many commits', positiveInteger('--depth'))
      .addOption(new Option('--transport <kind>', 'git over ssh or https (default: ssh with --key or BITBUCKET_AUTH=ssh-key, else https)').choices(['ssh', 'https']))
      .option('--key <path>', 'private key of an access key: clone over SSH with this key only (or BITBUCKET_SSH_KEY_FILE)')
      .option('--ssh-port-443', 'git over SSH through altssh.bitbucket.org:443, where port 22 is blocked')
      .option('--recurse-submodules', 'also clone submodules (same workspace, same credential)'),
  )
    .addHelpText('after', EXIT_CODES)
    .action(async (flags: CloneFlags) => {
      const reporter = reporterFor('clone', flags);
      // Loaded on use: the clone machinery stays out of the helper's start-up path.
      const { clone } = await import(/* webpackMode: "eager" */ '../clone/clone');
      const result = await clone({
        repo: flags.repo,
        dest: flags.dest,
        recurseSubmodules: flags.recurseSubmodules === true,
        sshPort443: flags.sshPort443 === true,
        // Under --json progress is only shown as TeamCity service messages: otherwise git runs --quiet.
        onProgress: flags.json !== true || process.env.TEAMCITY_VERSION ? (text: string) => reporter.progress(text) : undefined,
        branch: flags.branch,
        depth: flags.depth,
        transport: flags.transport,
        key: flags.key,
      });
      const where = result.branch ?? 'detached HEAD';
      reporter.result(result, `cloned ${result.repo} (${where} @ ${result.commit?.slice(0, 12) ?? 'empty'}) over ${result.transport} into ${result.dest}`);
    });
}
