import { Command } from 'commander';
import pkg from '../package.json';

const program = new Command('repo-access').version(pkg.version).description('Bitbucket Cloud access for CI without personal passwords');
program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(String(error));
  process.exitCode = 1;
});
