import type { Build, BuildType, Parameter } from '../model';
import { SERVER_VERSION } from '../rest';
import { resolveSecureToken } from '../rest/versioned-settings';
import type { Store } from '../store';
import { mergeParameters, resolveReferences } from './parameters';

export const TEAMCITY_VERSION = SERVER_VERSION.version;

/** name → value of a build's parameters, for resolving %references%. */
export const valuesOf = (params: Map<string, Parameter>): Map<string, string> => new Map([...params].map(([name, p]) => [name, p.value]));

const TOOL_REFERENCE = '%teamcity.tool.repo-access%';

/**
 * Lazy agent tools: since TeamCity 2019.1 an agent gets a tool only for a build whose settings reference
 * `%teamcity.tool.<name>%` ("Installing Agent Tools": tools are distributed to the agents that request them);
 * a value given at queue time does not count.
 */
export function referencesTool(buildType: BuildType): boolean {
  return buildType.steps.some((step) => Object.values(step.properties).some((v) => v.includes(TOOL_REFERENCE))) || buildType.parameters.some((p) => p.value.includes(TOOL_REFERENCE));
}

/** What the agent reports about itself (its environment, buildAgent.properties, OS): what agent requirements are checked against. */
export function agentParameters(options: { agentEnv: Record<string, string>; properties: Record<string, string>; os: string }): Parameter[] {
  return [
    ...Object.entries(options.agentEnv).map(([name, value]) => ({ name: `env.${name}`, value })),
    { name: 'teamcity.agent.name', value: 'sandbox-agent' },
    // "teamcity.agent.jvm.os.name" reports the agent's OS (Kotlin DSL Requirement docs: contains("teamcity.agent.jvm.os.name", "Windows")).
    { name: 'teamcity.agent.jvm.os.name', value: options.os },
    ...Object.entries(options.properties).map(([name, value]) => ({ name, value })),
  ];
}

/** A build's parameters: agent's, then the project chain's from the root down, the build type's, the build's own. */
export function buildParameters(options: {
  store: Store;
  agent: Parameter[];
  build: Build;
  buildType: BuildType;
  checkoutDir: string;
  toolDir: string | undefined;
}): Map<string, Parameter> {
  const { store, build, buildType, checkoutDir, toolDir } = options;
  const agent: Parameter[] = [
    ...options.agent,
    { name: 'teamcity.version', value: TEAMCITY_VERSION },
    { name: 'teamcity.build.checkoutDir', value: checkoutDir },
    { name: 'teamcity.build.workingDir', value: checkoutDir },
    { name: 'teamcity.build.id', value: String(build.id) },
    { name: 'teamcity.project.id', value: buildType.projectId },
    { name: 'system.teamcity.buildType.id', value: buildType.id },
    { name: 'build.number', value: build.number },
    ...(toolDir && referencesTool(buildType) ? [{ name: 'teamcity.tool.repo-access', value: toolDir }] : []),
  ];
  // A `credentialsJSON:` value stands for the secure value stored with the project (storing-project-settings-in-version-control.html, "Storing Secure Settings").
  const unseal = (list: Parameter[]) => list.map((p) => ({ ...p, value: resolveSecureToken(store, buildType.projectId, p.value) }));
  const projects = store.projectChain(buildType.projectId).reverse().map((p) => unseal(p.parameters));
  return mergeParameters(agent, ...projects, unseal(buildType.parameters), build.properties);
}

/** The steps' environment: the agent's basics, every `env.X` parameter as X, and TEAMCITY_VERSION. */
export function buildEnvironment(params: Map<string, Parameter>, agentPath: string): Record<string, string> {
  const values = valuesOf(params);
  const env: Record<string, string> = {};
  for (const name of ['HOME', 'LANG', 'TMPDIR', 'USER']) if (process.env[name]) env[name] = process.env[name]!;
  env.PATH = agentPath;
  for (const [name, p] of params) if (name.startsWith('env.')) env[name.slice(4)] = resolveReferences(p.value, values).text;
  env.TEAMCITY_VERSION = TEAMCITY_VERSION;
  env.BUILD_NUMBER = values.get('build.number') ?? '';
  return env;
}
