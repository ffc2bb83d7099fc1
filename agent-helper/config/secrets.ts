import { readFileSync } from 'node:fs';
import { usageError } from '../errors';

type Env = Record<string, string | undefined>;

/** Value of X, or the contents of the file named by X_FILE (one trailing newline dropped). */
export function optionalValue(env: Env, name: string): string | undefined {
  const direct = env[name];
  if (direct !== undefined && direct !== '') return direct;
  const file = env[`${name}_FILE`];
  if (file === undefined || file === '') return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw usageError(`${name}_FILE names a file that cannot be read (${code}): ${file}; point it at a readable file`);
  }
  const value = text.replace(/\r?\n$/, '');
  if (value === '') throw usageError(`${name}_FILE names an empty file: ${file}; put the value in it`);
  return value;
}

export function requiredValue(env: Env, name: string, mode: string): string {
  const value = optionalValue(env, name);
  if (value === undefined) {
    throw usageError(`BITBUCKET_AUTH=${mode} needs ${name} (or ${name}_FILE); set it in the environment`);
  }
  return value;
}
