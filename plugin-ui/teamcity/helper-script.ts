import { nodeParam } from './names';

/** The one build problem a step reports when the agent has no usable Node; its identity keeps reruns grouped. */
export const NO_NODE_PROBLEM = `Repo Access needs Node.js 20 or later on this agent: install it on PATH, or set the parameter ${nodeParam} to its full path`;

/**
 * Shell lines that pick Node ($REPO_ACCESS_NODE, from the project's repoaccess.node, else `node` on PATH) and
 * stop the step with NO_NODE_PROBLEM as its only build problem when there is none, or it is older than 20.
 */
export const nodeCheck: readonly string[] = [
  'node="${REPO_ACCESS_NODE:-node}"',
  `if ! "$node" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' >/dev/null 2>&1; then`,
  `  echo "##teamcity[buildProblem identity='repo-access-node' description='${NO_NODE_PROBLEM}']"`,
  '  exit 0',
  'fi',
];

/** The helper on the agent: `%teamcity.tool.repo-access%` written literally, so the agent receives the tool (lazy tools). */
export const helperPath = '"%teamcity.tool.repo-access%/repo-access.js"';

/**
 * Quotes one argument for `sh` and escapes `%` so TeamCity does not take it for a parameter reference.
 * Arguments never carry secrets: those reach the helper as env.BITBUCKET_* parameters.
 */
export function shellArg(arg: string): string {
  const quoted = /^[A-Za-z0-9_./:@=,+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
  return quoted.replace(/%/g, '%%');
}

/** One helper command line of an ordinary build's step (the clone step). */
export function helperCommand(args: readonly string[]): string {
  return ['"$node"', helperPath, ...args.map(shellArg)].join(' ');
}
