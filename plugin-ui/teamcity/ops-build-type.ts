import { artifactDir, opsBuildTypeId, scriptParam } from './names';
import { byId, type Rest } from './rest';
import { buildTypeSchema, stepSchema, stepsSchema } from './schemas';
import { TeamCityError } from './transport';

const stepScript = `%${scriptParam}%`;
const artifactRules = `${artifactDir}/** => ${artifactDir}`;

const scriptStep = {
  name: 'Repo Access',
  type: 'simpleRunner',
  properties: {
    property: [
      { name: 'script.content', value: stepScript },
      { name: 'use.custom.script', value: 'true' },
    ],
  },
};

/**
 * Makes sure the project has its operations build configuration (one step running
 * `%repoaccess.script%`, artifacts `out/** => out`), creating or repairing it. Returns its id.
 */
export async function ensureOpsBuildType(rest: Rest, projectId: string): Promise<string> {
  const id = opsBuildTypeId(projectId);
  const path = `app/rest/buildTypes/${byId(id)}`;
  if (!(await exists(rest, path))) {
    const body = { id, name: 'Repo Access operations', project: { id: projectId } };
    try {
      await rest.send('POST', 'app/rest/buildTypes', body, buildTypeSchema, 'create the Repo Access operations build configuration');
    } catch (error) {
      // Another tab may have created it a moment ago.
      if (!(await exists(rest, path))) throw error;
    }
  }
  const { step = [] } = await rest.get(`${path}/steps`, stepsSchema, 'read the operations build steps');
  if (!step.some((entry) => entry.properties?.property?.some((p) => p.name === 'script.content' && p.value === stepScript))) {
    await rest.send('POST', `${path}/steps`, scriptStep, stepSchema, 'add the operations build step');
  }
  const rules = await rest.text(`${path}/settings/artifactRules`, 'read the operations artifact rules');
  if (rules.trim() !== artifactRules) await rest.sendText('PUT', `${path}/settings/artifactRules`, artifactRules, 'set the operations artifact rules');
  return id;
}

async function exists(rest: Rest, path: string): Promise<boolean> {
  try {
    await rest.get(path, buildTypeSchema, 'read the operations build configuration');
    return true;
  } catch (error) {
    if (error instanceof TeamCityError && error.status === 404) return false;
    throw error;
  }
}
