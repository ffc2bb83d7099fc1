import { byId, type Rest } from './rest';
import { stepsSchema } from './schemas';

/**
 * Puts the step `stepId` first in its build configuration. `POST …/steps` appends; TeamCity takes an order only
 * as the whole ordered list through `PUT …/steps`, which replaces every step (ids may change). Returns whether it moved.
 */
export async function moveStepFirst(rest: Rest, buildTypeId: string, stepId: string): Promise<boolean> {
  const path = `app/rest/buildTypes/${byId(buildTypeId)}/steps`;
  const { step = [] } = await rest.get(path, stepsSchema, `read the build steps of ${buildTypeId}`);
  const index = step.findIndex((s) => s.id === stepId);
  if (index <= 0) return false;
  const ordered = [step[index]!, ...step.slice(0, index), ...step.slice(index + 1)];
  await rest.send('PUT', path, { step: ordered }, stepsSchema, `put the clone step first in ${buildTypeId}`);
  return true;
}
