import { z } from 'zod/mini';

// TeamCity REST shapes (only the fields we read). zod/mini keeps the bundle small.

export const parameterSchema = z.object({
  name: z.string(),
  value: z.optional(z.string()),
  inherited: z.optional(z.boolean()),
  type: z.optional(z.object({ rawValue: z.optional(z.string()) })),
});
export const parametersSchema = z.object({ property: z.optional(z.array(parameterSchema)) });

export const propertiesSchema = z.object({
  property: z.optional(z.array(z.object({ name: z.string(), value: z.optional(z.string()) }))),
});

export const stepSchema = z.object({
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  type: z.string(),
  disabled: z.optional(z.boolean()),
  /** From a template: sent back as such, TeamCity keeps the template's step instead of copying it. */
  inherited: z.optional(z.boolean()),
  properties: z.optional(propertiesSchema),
});
export const stepsSchema = z.object({ step: z.optional(z.array(stepSchema)) });

export const buildTypeSchema = z.object({
  id: z.string(),
  name: z.optional(z.string()),
  projectId: z.optional(z.string()),
});

export const buildSchema = z.object({
  id: z.number(),
  buildTypeId: z.optional(z.string()),
  /** queued | running | finished (TeamCity may add others, e.g. deleted) */
  state: z.string(),
  /** SUCCESS | FAILURE | UNKNOWN; absent while queued */
  status: z.optional(z.string()),
  statusText: z.optional(z.string()),
  /** Why a queued build waits, e.g. "There are no compatible agents which can run this build". */
  waitReason: z.optional(z.string()),
  percentageComplete: z.optional(z.number()),
  'running-info': z.optional(z.object({ percentageComplete: z.optional(z.number()), currentStageText: z.optional(z.string()) })),
  webUrl: z.optional(z.string()),
});
export type Build = z.infer<typeof buildSchema>;

export const artifactFilesSchema = z.object({
  file: z.optional(z.array(z.object({ name: z.string(), size: z.optional(z.number()) }))),
});
