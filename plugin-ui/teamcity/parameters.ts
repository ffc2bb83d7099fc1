import { byId, type Rest } from './rest';
import { parameterSchema, parametersSchema } from './schemas';

/** A project parameter as the UI sees it: a password parameter's value is never read back. */
export interface Parameter {
  readonly name: string;
  /** null for password parameters (TeamCity never returns their value). */
  readonly value: string | null;
  readonly password: boolean;
  /** Defined in a parent project. */
  readonly inherited: boolean;
}

const endpoint = (projectId: string, name?: string): string =>
  `app/rest/projects/${byId(projectId)}/parameters${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;

const isPassword = (rawType: string | undefined): boolean => rawType?.split(' ')[0] === 'password';

/** Every parameter of the project, inherited ones included, keyed by name. */
export async function listParameters(rest: Rest, projectId: string): Promise<Map<string, Parameter>> {
  const { property = [] } = await rest.get(endpoint(projectId), parametersSchema, 'read the project parameters');
  return new Map(
    property.map((entry) => {
      const password = isPassword(entry.type?.rawValue);
      return [entry.name, { name: entry.name, value: password ? null : (entry.value ?? ''), password, inherited: entry.inherited ?? false }];
    }),
  );
}

/** Creates or replaces one parameter; `password: true` stores it as a password (write-only) parameter. */
export async function setParameter(rest: Rest, projectId: string, name: string, value: string, options: { password?: boolean } = {}): Promise<void> {
  const body = { name, value, ...(options.password ? { type: { rawValue: 'password' } } : {}) };
  await rest.send('PUT', endpoint(projectId, name), body, parameterSchema, `save the setting ${name}`);
}

export async function deleteParameter(rest: Rest, projectId: string, name: string): Promise<void> {
  await rest.remove(endpoint(projectId, name), `remove the setting ${name}`);
}
