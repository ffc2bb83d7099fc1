import { byId, type Rest } from './rest';
import { parameterSchema, parametersSchema } from './rest-shapes';

/** Where parameters live: a project, or a build configuration (the operations build holds the management credential). */
export interface ParameterOwner {
  readonly kind: 'projects' | 'buildTypes';
  readonly id: string;
}

/** A parameter as the UI sees it: a password parameter's value is never read back. */
export interface Parameter {
  readonly name: string;
  /** null for password parameters (TeamCity never returns their value). */
  readonly value: string | null;
  readonly password: boolean;
  /** Defined in a parent project (or, for a build configuration, in its project). */
  readonly inherited: boolean;
}

const endpoint = (owner: ParameterOwner, name?: string): string =>
  `app/rest/${owner.kind}/${byId(owner.id)}/parameters${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;

const isPassword = (rawType: string | undefined): boolean => rawType?.split(' ')[0] === 'password';

/** Every parameter of the owner, inherited ones included, keyed by name. */
export async function listParameters(rest: Rest, owner: ParameterOwner): Promise<Map<string, Parameter>> {
  const { property = [] } = await rest.get(endpoint(owner), parametersSchema, 'read the parameters');
  return new Map(
    property.map((entry) => {
      const password = isPassword(entry.type?.rawValue);
      return [entry.name, { name: entry.name, value: password ? null : (entry.value ?? ''), password, inherited: entry.inherited ?? false }];
    }),
  );
}

/** Creates or replaces one parameter; `password: true` stores it as a password (write-only) parameter. */
export async function setParameter(rest: Rest, owner: ParameterOwner, name: string, value: string, options: { password?: boolean } = {}): Promise<void> {
  const body = { name, value, ...(options.password ? { type: { rawValue: 'password' } } : {}) };
  await rest.send('PUT', endpoint(owner, name), body, parameterSchema, `save the setting ${name}`);
}

export async function deleteParameter(rest: Rest, owner: ParameterOwner, name: string): Promise<void> {
  await rest.remove(endpoint(owner, name), `remove the setting ${name}`);
}
