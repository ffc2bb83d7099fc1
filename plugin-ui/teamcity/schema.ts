import { safeParse, type $ZodType, type output } from 'zod/v4/core';
import { TeamCityError } from './transport';

/** Any zod 4 schema (classic or zod/mini: prefer zod/mini in the UI, it keeps the bundle small). */
export type Schema<T> = $ZodType<T>;
export type { output as Infer };

/** Parses `value` or throws a TeamCityError naming the first mismatching path. */
export function parseWith<T>(schema: Schema<T>, value: unknown, what: string): T {
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  const where = result.error.issues[0]?.path.join('.') || 'top level';
  throw new TeamCityError(`${what}: unexpected shape at ${where}.`, null);
}
