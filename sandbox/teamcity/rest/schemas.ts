import { z } from 'zod';
import { badRequest } from '../http';

// Request bodies as TeamCity's REST accepts them (JSON flavour); only the fields the sandbox uses.
export const propertySchema = z.object({
  name: z.string().min(1),
  value: z.string().optional(),
  type: z.object({ rawValue: z.string() }).optional(),
});
export const propertiesSchema = z.object({ property: z.array(propertySchema).default([]) });

export const stepSchema = z.object({
  id: z.string().optional(),
  name: z.string().default(''),
  type: z.string().min(1),
  properties: propertiesSchema.optional(),
});

export const stepsSchema = z.object({ step: z.array(stepSchema).default([]) });

export const vcsRootEntrySchema = z.object({
  id: z.string().optional(),
  'vcs-root': z.object({ id: z.string().min(1) }),
  'checkout-rules': z.string().optional(),
});

const projectRefSchema = z.object({ id: z.string().optional(), locator: z.string().optional() });

export const vcsRootSchema = z.object({
  id: z.string().optional(),
  name: z.string().min(1),
  vcsName: z.string().min(1),
  project: projectRefSchema,
  properties: propertiesSchema.optional(),
});

export const requirementSchema = z.object({ id: z.string().optional(), type: z.string().min(1), properties: propertiesSchema });

export const buildTypeSchema = z.object({
  id: z.string().optional(),
  name: z.string().min(1),
  project: projectRefSchema.optional(),
  projectId: z.string().optional(),
  parameters: propertiesSchema.optional(),
  settings: propertiesSchema.optional(),
  steps: stepsSchema.optional(),
  'vcs-root-entries': z.object({ 'vcs-root-entry': z.array(vcsRootEntrySchema).default([]) }).optional(),
  'agent-requirements': z.object({ 'agent-requirement': z.array(requirementSchema).default([]) }).optional(),
});

export const projectSchema = z.object({
  id: z.string().optional(),
  name: z.string().min(1),
  parentProject: projectRefSchema.optional(),
  description: z.string().optional(),
});

export const buildQueueSchema = z.object({
  buildType: z.object({ id: z.string().min(1) }),
  properties: propertiesSchema.optional(),
  comment: z.object({ text: z.string() }).optional(),
});

export function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(`Invalid request body: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return result.data;
}

/** Ids as TeamCity generates them from names: letters and digits, CamelCased, prefixed by the parent's id. */
export function generateId(parentId: string | null, name: string): string {
  const words = name.replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  const local = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') || 'Id';
  return parentId && parentId !== '_Root' ? `${parentId}_${local}` : /^[A-Za-z]/.test(local) ? local : `Id${local}`;
}

export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,224}$/;
