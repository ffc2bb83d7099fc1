import { safeParse, type $ZodType, type input, type output } from 'zod/v4/core';
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

/** Dotted paths of the fields `Read` (what a schema yields) has and the document type `Doc` does not; never when none. */
type UnknownFields<Read, Doc, Path extends string = ''> = Read extends readonly (infer Item)[]
  ? Doc extends readonly (infer DocItem)[]
    ? UnknownFields<Item, DocItem, `${Path}[].`>
    : never
  : Read extends object
    ? { [K in keyof Read & string]: K extends keyof Doc ? UnknownFields<Read[K], NonNullable<Doc[K]>, `${Path}${K}.`> : `${Path}${K}` }[keyof Read & string]
    : never;

/** `true` when every `Doc` the helper writes parses with `S` and `S` reads no field `Doc` lacks; otherwise the drift. */
export type Fits<S extends $ZodType, Doc> = [Doc] extends [input<S>]
  ? [UnknownFields<output<S>, Doc>] extends [never]
    ? true
    : { readonly readsFieldsTheReportLacks: UnknownFields<output<S>, Doc> }
  : { readonly rejectsTheReport: Doc };

/** Compiles only for `true`: `Fitting<Fits<typeof schema, Report>>` fails to compile when the schema drifts (no code emitted). */
export type Fitting<Check extends true> = Check;
