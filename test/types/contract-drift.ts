// Compiled by `npm run typecheck`, never run: the tab's artifact schemas must fit the helper's report types
// (plugin-ui/teamcity/reports.ts checks each of its schemas the same way).
import { z } from 'zod/mini';
import type { AuditReport, CheckReport, RegisterDocName, RegisterReport, ReposReport } from '../../agent-helper/contract';
import type { Fits, Fitting } from '../../plugin-ui/teamcity/schema';

/** `fullName` where the helper writes `full_name`. */
export const renamedField = z.object({ repositories: z.array(z.object({ slug: z.string(), fullName: z.string() })) });
/** The helper's keyId is a number. */
export const otherType = z.object({ keys: z.array(z.object({ repo: z.string(), keyId: z.string() })) });
/** Required where the helper may write null. */
export const notNullable = z.object({ keys: z.array(z.object({ label: z.string() })) });
/** The helper also writes 'failed'. */
export const fewerStatuses = z.object({ results: z.array(z.object({ status: z.enum(['added', 'present']) })) });
/** Optional, so every document parses, but never there: the tab would read nothing. */
export const unknownOptional = z.object({ repositories: z.array(z.object({ slug: z.string(), fullName: z.optional(z.string()) })) });
export const unknownNested = z.object({ account: z.object({ kind: z.string(), email: z.optional(z.string()) }) });

export type Drifted = [
  // @ts-expect-error renamed field
  Fitting<Fits<typeof renamedField, ReposReport>>,
  // @ts-expect-error field of another type
  Fitting<Fits<typeof otherType, AuditReport>>,
  // @ts-expect-error null not accepted
  Fitting<Fits<typeof notNullable, AuditReport>>,
  // @ts-expect-error a status left out
  Fitting<Fits<typeof fewerStatuses, RegisterReport>>,
  // @ts-expect-error reads a field the report lacks
  Fitting<Fits<typeof unknownOptional, ReposReport>>,
  // @ts-expect-error reads a nested field the report lacks
  Fitting<Fits<typeof unknownNested, CheckReport>>,
];

/** What the tab's schemas may do: read a subset of the fields, accept more (optional, nullable, any string) than the helper writes. */
export const subset = z.object({ repositories: z.array(z.object({ slug: z.string(), name: z.optional(z.string()), mainbranch: z.optional(z.nullable(z.string())) })) });
export const looser = z.object({ personal: z.boolean(), account: z.object({ name: z.optional(z.nullable(z.string())) }) });
export const anyStatus = z.object({ results: z.array(z.object({ status: z.string() })) });

export type Fit = [Fitting<Fits<typeof subset, ReposReport>>, Fitting<Fits<typeof looser, CheckReport>>, Fitting<Fits<typeof anyStatus, RegisterReport>>];

// Both sides name a register step's document by the contract's RegisterDocName: another shape does not compile.
// @ts-expect-error a name outside the contract
const _driftedDocName: RegisterDocName = 'register-repos';
