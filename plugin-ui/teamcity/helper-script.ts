import { artifactDir } from './names';

const helper = 'node "%teamcity.tool.repo-access%/repo-access.js"';

/**
 * Quotes one argument for `sh` and escapes `%` so TeamCity does not take it for a parameter reference.
 * Arguments never carry secrets: those reach the helper as env.BITBUCKET_* project parameters.
 */
export function shellArg(arg: string): string {
  const quoted = /^[A-Za-z0-9_./:@=,+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
  return quoted.replace(/%/g, '%%');
}

/** One helper command line; with `jsonName` its JSON document is written to out/<jsonName>.json. */
export function helperCommand(args: readonly string[], jsonName?: string): string {
  const out = jsonName === undefined ? [] : ['--json-out', `${artifactDir}/${jsonName}.json`];
  return [helper, ...[...args, ...out].map(shellArg)].join(' ');
}

/** A build script: stops at the first failing line; out/ exists for the JSON documents. */
export function operationScript(lines: readonly string[]): string {
  return ['set -e', `mkdir -p ${artifactDir}`, ...lines].join('\n');
}
