import { z } from 'zod/mini';
import type { TeamCity } from './index';
import { byId, type Rest } from './rest';
import { stepsSchema } from './rest-shapes';

export interface NewStep {
  readonly name: string;
  readonly type: string;
  readonly properties: Record<string, string>;
}

const stepsPath = (buildTypeId: string): string => `app/rest/buildTypes/${byId(buildTypeId)}/steps`;

export const stepRoutes = (rest: Rest): Pick<TeamCity, 'addStep' | 'setStepProperty' | 'moveStepFirst'> => ({
  // POST appends.
  addStep: async (buildTypeId, step) => {
    const body = { name: step.name, type: step.type, properties: { property: Object.entries(step.properties).map(([name, value]) => ({ name, value })) } };
    return (await rest.send('POST', stepsPath(buildTypeId), body, z.object({ id: z.optional(z.string()) }), `add the step ${step.name} to ${buildTypeId}`)).id ?? '';
  },
  // TeamCity calls a step's properties "parameters" in this route.
  setStepProperty: async (buildTypeId, stepId, name, value) => {
    await rest.sendText('PUT', `${stepsPath(buildTypeId)}/${encodeURIComponent(stepId)}/parameters/${encodeURIComponent(name)}`, value, `update a step of ${buildTypeId}`);
  },
  // TeamCity takes an order only as the whole ordered list through `PUT …/steps`, which replaces every step (ids may change).
  moveStepFirst: async (buildTypeId, stepId) => {
    const path = stepsPath(buildTypeId);
    const { step = [] } = await rest.get(path, stepsSchema, `read the build steps of ${buildTypeId}`);
    const index = step.findIndex((s) => s.id === stepId);
    if (index <= 0) return false;
    const ordered = [step[index]!, ...step.slice(0, index), ...step.slice(index + 1)];
    await rest.send('PUT', path, { step: ordered }, stepsSchema, `put the clone step first in ${buildTypeId}`);
    return true;
  },
});
