import path from 'node:path';
import type { Build, BuildType, Parameter } from '../model';
import { SERVER_VERSION } from '../rest';
import type { Store } from '../store';
import { mergeParameters, resolveReferences } from './parameters';

export const TEAMCITY_VERSION = SERVER_VERSION.version;

/** name → value of a build's parameters, for resolving %references%. */
export const valuesOf = (params: Map<string, Parameter>): Map<string, string> => new Map([...params].map(([name, p]) => [name, p.value]));

/** A build's parameters: agent's, then the project chain's from the root down, the build type's, the build's own. */
export function buildParameters(options: {
  store: Store;
  agentEnv: Record<string, string>;
  build: Build;
  buildType: BuildType;
  checkoutDir: string;
  toolDir: string | undefined;
}): Map<string, Parameter> {
  const { store, agentEnv, build, buildType, checkoutDir, toolDir } = options;
  const agent: Parameter[] = [
    ...Object.entries(agentEnv).map(([name, value]) => ({ name: `env.${name}`, value })),
    { name: 'teamcity.agent.name', value: 'sandbox-agent' },
    { name: 'teamcity.version', value: TEAMCITY_VERSION },
    { name: 'teamcity.build.checkoutDir', value: checkoutDir },
    { name: 'teamcity.build.workingDir', value: checkoutDir },
    { name: 'teamcity.build.id', value: String(build.id) },
    { name: 'teamcity.project.id', value: buildType.projectId },
    { name: 'system.teamcity.buildType.id', value: buildType.id },
    { name: 'build.number', value: build.number },
    ...(toolDir ? [{ name: 'teamcity.tool.repo-access', value: toolDir }] : []),
  ];
  const projects = store.projectChain(buildType.projectId).reverse().map((p) => p.parameters);
  return mergeParameters(agent, ...projects, buildType.parameters, build.properties);
}

/** The steps' environment: the agent's basics, every `env.X` parameter as X, and TEAMCITY_VERSION. */
export function buildEnvironment(params: Map<string, Parameter>): Record<string, string> {
  const values = valuesOf(params);
  const env: Record<string, string> = {};
  for (const name of ['HOME', 'LANG', 'TMPDIR', 'USER']) if (process.env[name]) env[name] = process.env[name]!;
  env.PATH = [path.dirname(process.execPath), process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(path.delimiter);
  for (const [name, p] of params) if (name.startsWith('env.')) env[name.slice(4)] = resolveReferences(p.value, values).text;
  env.TEAMCITY_VERSION = TEAMCITY_VERSION;
  env.BUILD_NUMBER = values.get('build.number') ?? '';
  return env;
}
