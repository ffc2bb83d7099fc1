import { z } from 'zod';

/** Bitbucket's error envelope: {"type":"error","error":{"message","detail"?}}. */
export const ErrorEnvelope = z.object({
  type: z.literal('error'),
  error: z.object({
    message: z.string(),
    detail: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  }),
});

export const ScopeDetail = z.object({
  required: z.array(z.string()).optional(),
  granted: z.array(z.string()).optional(),
});

export const OAuthToken = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
  scopes: z.string().optional(),
});

export const Account = z.object({
  type: z.string(),
  uuid: z.string(),
  display_name: z.string().optional(),
  username: z.string().optional(),
  nickname: z.string().optional(),
  account_id: z.string().optional(),
});
export type Account = z.infer<typeof Account>;

export const Repository = z.object({
  slug: z.string(),
  full_name: z.string(),
  name: z.string().optional(),
  is_private: z.boolean(),
  project: z.object({ key: z.string() }).nullish(),
});
export type Repository = z.infer<typeof Repository>;

export const DeployKey = z.object({
  id: z.number(),
  key: z.string(),
  label: z.string().nullish(),
  comment: z.string().nullish(),
  created_on: z.string().nullish(),
  last_used: z.string().nullish(),
});
export type DeployKey = z.infer<typeof DeployKey>;

export function Page<T extends z.ZodType>(item: T) {
  return z.object({ values: z.array(item), next: z.string().optional() });
}
