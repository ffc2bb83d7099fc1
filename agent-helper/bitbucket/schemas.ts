// zod/mini: the same checks as classic zod at a fraction of the bundle, which the helper's cold start pays for.
import { z } from 'zod/mini';

/** Bitbucket's error envelope: {"type":"error","error":{"message","detail"?}}. */
export const ErrorEnvelope = z.object({
  type: z.literal('error'),
  error: z.object({
    message: z.string(),
    detail: z.optional(z.union([z.string(), z.record(z.string(), z.unknown())])),
  }),
});

export const ScopeDetail = z.object({
  required: z.optional(z.array(z.string())),
  granted: z.optional(z.array(z.string())),
});

export const OAuthToken = z.object({
  access_token: z.string().check(z.minLength(1)),
  expires_in: z.number().check(z.positive()),
  token_type: z.optional(z.string()),
  scopes: z.optional(z.string()),
});

export const Account = z.object({
  type: z.string(),
  uuid: z.string(),
  display_name: z.optional(z.string()),
  username: z.optional(z.string()),
  nickname: z.optional(z.string()),
  account_id: z.optional(z.string()),
});
export type Account = z.infer<typeof Account>;

export const Repository = z.object({
  slug: z.string(),
  full_name: z.string(),
  name: z.optional(z.string()),
  is_private: z.boolean(),
  project: z.nullish(z.object({ key: z.string() })),
  /** The branch the repository's HEAD names; null for a repository without commits. */
  mainbranch: z.nullish(z.object({ name: z.string() })),
});
export type Repository = z.infer<typeof Repository>;

export const DeployKey = z.object({
  id: z.number(),
  key: z.string(),
  label: z.nullish(z.string()),
  comment: z.nullish(z.string()),
  // Bitbucket's spec names it added_on; created_on is accepted too.
  added_on: z.nullish(z.string()),
  created_on: z.nullish(z.string()),
  last_used: z.nullish(z.string()),
});
export type DeployKey = z.infer<typeof DeployKey>;

export function Page<T extends z.ZodMiniType>(item: T) {
  return z.object({ values: z.array(item), next: z.optional(z.string()) });
}
