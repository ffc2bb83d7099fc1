import { z } from 'zod/mini';
import { nodeCheck } from './helper-script';
import { artifactDir, nodeParameters, operationParam, opsBuildTypeId, opsProjectId, params, trustedAgentParam, trustedAgentSetting } from './names';
import { ensureOpsProject, readOpsProject } from './ops-project';
import { byId, type Rest } from './rest';
import { buildTypeSchema } from './rest-shapes';
import { TeamCityError } from './transport';

const TOOL_REFERENCE = '%teamcity.tool.repo-access%';

/**
 * The operations step, fixed text checked byte for byte before every run. Queue-time properties can set any
 * parameter (a custom build's values outrank the configuration's and the agent's, "Levels and Priority of Build
 * Parameters"), even teamcity.tool.repo-access, so no parameter is substituted into what the shell runs: the
 * operation reaches the helper as $REPO_ACCESS_OPERATION (validated by it), the tool folder as
 * $REPO_ACCESS_TOOL, and what would load code into node or weaken TLS is dropped. The literal tool reference
 * (lazy agent tools need it in the step) sits after `exec`, which the shell never reads past.
 */
export const OPS_STEP_SCRIPT = [
  '# Repo Access operations: fixed step, checked by the Repo Access tab before every run. Do not edit.',
  'for name in $(env | sed -n "s/^\\(NODE_[A-Za-z0-9_]*\\)=.*/\\1/p"); do [ "$name" = NODE_EXTRA_CA_CERTS ] || unset "$name"; done',
  'unset LD_PRELOAD LD_LIBRARY_PATH LD_AUDIT',
  ...nodeCheck,
  'exec "$node" "$REPO_ACCESS_TOOL/repo-access.js" operation',
  `# Runs the agent tool ${TOOL_REFERENCE}`,
].join('\n');

const ARTIFACT_RULES = `${artifactDir}/** => ${artifactDir}`;
const STEP_NAME = 'Repo Access';
const LEGACY_SCRIPT = '%repoaccess.script%';

/** Own parameters with a fixed value: the spec (empty unless queued) and its route into the environment. */
const fixedParameters: Record<string, string> = {
  [operationParam]: '',
  'env.REPO_ACCESS_OPERATION': `%${operationParam}%`,
  'env.REPO_ACCESS_TOOL': TOOL_REFERENCE,
};
/** The management credential may live here too; nothing else may. */
const credentialNames: readonly string[] = [params.auth, params.email, params.username, params.apiToken, params.oauthKey, params.oauthSecret];

interface Requirement {
  readonly type: string;
  readonly name: string;
  readonly value?: string;
}

/** Steps run by sh: never on Windows agents, whose command-line runner runs a .cmd. */
export const NOT_WINDOWS: Requirement = { type: 'does-not-contain', name: 'teamcity.agent.jvm.os.name', value: 'Windows' };
/** Agents it may run on: not Windows (the step is sh), and only those carrying the trusted-agent parameter. */
const requirementsFor = (trusted: string): Requirement[] => [NOT_WINDOWS, { type: 'exists', name: trusted }];

const requirementBody = (r: Requirement) => ({
  type: r.type,
  properties: { property: [{ name: 'property-name', value: r.name }, ...(r.value === undefined ? [] : [{ name: 'property-value', value: r.value }])] },
});

/** Adds `requirement` to a build configuration unless it has it already (the clone step's build configurations too). */
export async function ensureRequirement(rest: Rest, buildTypeId: string, requirement: Requirement): Promise<void> {
  const path = `app/rest/buildTypes/${byId(buildTypeId)}/agent-requirements`;
  const { 'agent-requirement': present = [] } = await rest.get(path, requirementListSchema, 'read the agent requirements');
  const has = present.some((r) => {
    const props = new Map((r.properties?.property ?? []).map((p) => [p.name, p.value ?? '']));
    return r.type === requirement.type && props.get('property-name') === requirement.name && (requirement.value === undefined || props.get('property-value') === requirement.value);
  });
  if (!has) await rest.send('POST', path, requirementBody(requirement), z.unknown(), `add the agent requirement ${requirement.name} ${requirement.type}`);
}

/** An agent parameter name as buildAgent.properties holds it. */
export const AGENT_PARAMETER = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

const propertyList = z.optional(z.object({ property: z.optional(z.array(z.object({ name: z.string(), value: z.optional(z.string()), inherited: z.optional(z.boolean()) }))) }));
const fullBuildTypeSchema = z.object({
  id: z.string(),
  projectId: z.optional(z.string()),
  templates: z.optional(z.object({ buildType: z.optional(z.array(z.object({ id: z.string() }))) })),
  steps: z.optional(z.object({ step: z.optional(z.array(z.object({ name: z.optional(z.string()), type: z.string(), disabled: z.optional(z.boolean()), properties: propertyList }))) })),
  parameters: propertyList,
  settings: propertyList,
  'vcs-root-entries': z.optional(z.object({ count: z.optional(z.number()) })),
  'agent-requirements': z.optional(
    z.object({ 'agent-requirement': z.optional(z.array(z.object({ id: z.optional(z.string()), type: z.string(), disabled: z.optional(z.boolean()), properties: propertyList }))) }),
  ),
});
type FullBuildType = z.infer<typeof fullBuildTypeSchema>;
const requirementListSchema = z.object({ 'agent-requirement': z.optional(z.array(z.object({ type: z.string(), properties: propertyList }))) });

const entries = (list: FullBuildType['parameters']) => list?.property ?? [];

/** What differs from the configuration the tab made; empty when it may run. */
export function opsDeviations(bt: FullBuildType, trusted: string): string[] {
  const found: string[] = [];
  if (bt.templates?.buildType?.length) found.push(`it is attached to template ${bt.templates.buildType.map((t) => t.id).join(', ')}`);
  const steps = bt.steps?.step ?? [];
  if (steps.length !== 1) found.push(`it has ${steps.length} build steps instead of one`);
  const step = steps[0];
  if (step) {
    const props = new Map(entries(step.properties).map((p) => [p.name, p.value ?? '']));
    const extra = [...props.keys()].filter((name) => !['script.content', 'use.custom.script', 'teamcity.step.mode'].includes(name));
    if (step.type !== 'simpleRunner' || step.disabled || props.get('script.content') !== OPS_STEP_SCRIPT || extra.length || (props.get('teamcity.step.mode') ?? 'default') !== 'default') {
      found.push('its build step is not the Repo Access step');
    }
  }
  if (bt['vcs-root-entries']?.count) found.push('it has VCS roots attached');
  for (const p of entries(bt.parameters).filter((p) => !p.inherited)) {
    if (p.name in fixedParameters) {
      if ((p.value ?? '') !== fixedParameters[p.name]) found.push(`its parameter ${p.name} was changed`);
    } else if (!credentialNames.includes(p.name)) found.push(`it has a parameter ${p.name} that Repo Access does not set`);
  }
  for (const name of Object.keys(fixedParameters)) if (!entries(bt.parameters).some((p) => p.name === name && !p.inherited)) found.push(`its parameter ${name} is missing`);
  const rules = entries(bt.settings).find((p) => p.name === 'artifactRules')?.value ?? '';
  if (rules.trim() !== ARTIFACT_RULES) found.push('its artifact rules were changed');
  const active = requirementsOf(bt).filter((r) => !r.disabled);
  for (const wanted of requirementsFor(trusted)) {
    const present = active.some((r) => r.type === wanted.type && r.name === wanted.name && (wanted.value === undefined || r.value === wanted.value));
    if (!present) found.push(`its agent requirement "${wanted.name} ${wanted.type}${wanted.value === undefined ? '' : ` ${wanted.value}`}" is missing`);
  }
  return found;
}

function requirementsOf(bt: FullBuildType): Array<Requirement & { id?: string; disabled?: boolean }> {
  return (bt['agent-requirements']?.['agent-requirement'] ?? []).map((r) => {
    const props = new Map(entries(r.properties).map((p) => [p.name, p.value ?? '']));
    const value = props.get('property-value');
    return { ...(r.id === undefined ? {} : { id: r.id }), type: r.type, name: props.get('property-name') ?? '', ...(value === undefined ? {} : { value }), ...(r.disabled ? { disabled: true } : {}) };
  });
}

/** The configuration the tab created was changed: nothing is queued until it is put back. */
export class OpsConfigurationChanged extends Error {}

const isLegacy = (bt: FullBuildType): boolean => {
  const steps = bt.steps?.step ?? [];
  const own = entries(bt.parameters).filter((p) => !p.inherited);
  return steps.length === 1 && entries(steps[0]!.properties).some((p) => p.name === 'script.content' && p.value === LEGACY_SCRIPT) && own.length === 0;
};

async function read(rest: Rest, id: string): Promise<FullBuildType | null> {
  try {
    return await rest.get(`app/rest/buildTypes/${byId(id)}`, fullBuildTypeSchema, 'read the operations build configuration');
  } catch (error) {
    if (error instanceof TeamCityError && error.status === 404) return null;
    throw error;
  }
}

async function create(rest: Rest, home: string, id: string, trusted: string): Promise<void> {
  const body = {
    id,
    name: 'Repo Access operations',
    description: 'Runs the Repo Access helper for the Repo Access tab. Holds the management credential; keep it unchanged.',
    project: { id: home },
    parameters: { property: Object.entries(fixedParameters).map(([name, value]) => ({ name, value })) },
    settings: { property: [{ name: 'artifactRules', value: ARTIFACT_RULES }] },
    steps: { step: [{ name: STEP_NAME, type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: OPS_STEP_SCRIPT }, { name: 'use.custom.script', value: 'true' }] } }] },
    'agent-requirements': { 'agent-requirement': requirementsFor(trusted).map(requirementBody) },
  };
  try {
    await rest.send('POST', 'app/rest/buildTypes', body, buildTypeSchema, 'create the Repo Access operations build configuration');
  } catch (error) {
    // Another tab may have created it a moment ago.
    if ((await read(rest, id)) === null) throw error;
  }
}

const projectParameters = (rest: Rest, projectId: string) =>
  rest.get(`app/rest/projects/${byId(projectId)}/parameters`, propertyListRequired, 'read the project parameters').then((list) => list.property ?? []);

/**
 * The agent parameter that marks trusted agents: the one chosen in the tab, else repoaccess.trusted. It is kept on the
 * "Repo Access" subproject, which also inherits the project's (where earlier versions kept it).
 */
export async function trustedAgentParameter(rest: Rest, projectId: string): Promise<string> {
  return trustedAgentIn(rest, (await readOpsProject(rest, projectId)) ? opsProjectId(projectId) : projectId);
}

async function trustedAgentIn(rest: Rest, owner: string): Promise<string> {
  const chosen = (await projectParameters(rest, owner)).find((p) => p.name === trustedAgentSetting)?.value?.trim() ?? '';
  return AGENT_PARAMETER.test(chosen) ? chosen : trustedAgentParam;
}

/** Makes the operations build require `name` on its agents instead of the previous trusted-agent parameter. */
export async function setTrustedAgentParameter(rest: Rest, projectId: string, name: string): Promise<void> {
  if (!AGENT_PARAMETER.test(name)) throw new Error('An agent parameter name starts with a letter and has letters, digits, ".", "-" and "_" only.');
  const previous = await trustedAgentParameter(rest, projectId);
  if (previous === name) return;
  const id = await ensureOpsBuildType(rest, projectId);
  const path = `app/rest/buildTypes/${byId(id)}/agent-requirements`;
  await rest.send('POST', path, requirementBody({ type: 'exists', name }), z.unknown(), 'add the trusted-agent requirement');
  await rest.send('PUT', `app/rest/projects/${byId(opsProjectId(projectId))}/parameters/${encodeURIComponent(trustedAgentSetting)}`, { name: trustedAgentSetting, value: name }, z.unknown(), 'save the trusted-agent parameter');
  const current = await read(rest, id);
  for (const r of current ? requirementsOf(current) : []) {
    if (r.type === 'exists' && r.name === previous && previous !== name && r.id) await rest.remove(`${path}/${encodeURIComponent(r.id)}`, 'remove the previous trusted-agent requirement');
  }
}

/**
 * The project's Node path parameter (empty: node on PATH), reaching every build's environment as REPO_ACCESS_NODE.
 * When the project's settings are read-only (versioned, editing off) they go on the "Repo Access" subproject, so the
 * operations build has them; the settings to commit for a clone step add them to the project (planNodeParameters).
 */
async function ensureNodeParameters(rest: Rest, projectId: string): Promise<void> {
  const names = new Set((await projectParameters(rest, opsProjectId(projectId))).map((p) => p.name));
  for (const [name, value] of nodeParameters.filter(([name]) => !names.has(name))) {
    try {
      await rest.send('POST', `app/rest/projects/${byId(projectId)}/parameters`, { name, value }, z.unknown(), `add the parameter ${name}`);
    } catch (error) {
      if (!(error instanceof TeamCityError && error.status === 403)) throw error;
      await rest.send('POST', `app/rest/projects/${byId(opsProjectId(projectId))}/parameters`, { name, value }, z.unknown(), `add the parameter ${name}`);
    }
  }
}

/** Moves an operations build configuration of an earlier version from the project into its subproject, credential and all. */
async function moveIntoSubproject(rest: Rest, id: string, from: string, home: string): Promise<void> {
  try {
    // POST /app/rest/buildTypes/{btLocator}/move?targetProjectId= (teamcity-rest BuildTypeRequest.moveToProject, TW-21447, 2023); its own
    // parameters go with it (that password values survive the move is not confirmed: "Check" afterwards says whether the credential works).
    await rest.sendText('POST', `app/rest/buildTypes/${byId(id)}/move?targetProjectId=${encodeURIComponent(home)}`, '', 'move the operations build configuration');
  } catch (error) {
    if (!(error instanceof TeamCityError)) throw error;
    throw new TeamCityError(
      `The build configuration "Repo Access operations" (${id}) is still in ${from}, and TeamCity did not move it into the subproject "Repo Access" (${home}): ${error.message} ` +
        'Move it there yourself (its settings → Actions → Move), or allow editing in the UI for a moment, then try again. The management credential moves with it.',
      error.status,
    );
  }
}
const propertyListRequired = z.object({ property: z.optional(z.array(z.object({ name: z.string(), value: z.optional(z.string()) }))) });

/**
 * Makes sure the project has its operations build configuration, in its "Repo Access" subproject, and that it is
 * exactly what the tab made (one fixed step, its parameters, artifact rules, agent requirements; no template, no VCS
 * root, no other parameter). Creates it when missing, moves one an earlier version left in the project itself,
 * replaces the old script-running one; throws OpsConfigurationChanged for anything else. Returns its id.
 */
export async function ensureOpsBuildType(rest: Rest, projectId: string): Promise<string> {
  const id = opsBuildTypeId(projectId);
  const home = await ensureOpsProject(rest, projectId);
  const trusted = await trustedAgentIn(rest, home);
  let current = await read(rest, id);
  if (current && isLegacy(current)) {
    await rest.remove(`app/rest/buildTypes/${byId(id)}`, 'replace the old operations build configuration');
    current = null;
  }
  if (current && current.projectId !== home) {
    await moveIntoSubproject(rest, id, current.projectId ?? projectId, home);
    current = await read(rest, id);
  }
  if (current === null) {
    await ensureNodeParameters(rest, projectId);
    await create(rest, home, id, trusted);
    current = await read(rest, id);
    if (current === null) throw new TeamCityError('The Repo Access operations build configuration could not be created.', null);
  }
  const deviations = opsDeviations(current, trusted);
  if (deviations.length) {
    throw new OpsConfigurationChanged(
      `The build configuration "Repo Access operations" (${id}) was changed outside the Repo Access tab: ${deviations.join('; ')}. Nothing was run. ` +
        'Undo the change, or delete that configuration and save the connection again: the tab recreates it.',
    );
  }
  return id;
}
