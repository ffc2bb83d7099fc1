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

/** GET /user, as who the credential acts for. */
export const Account = z.pipe(
  z.object({
    type: z.string(),
    uuid: z.string(),
    display_name: z.optional(z.string()),
    username: z.optional(z.string()),
    nickname: z.optional(z.string()),
    account_id: z.optional(z.string()),
  }),
  z.transform((a) => ({ type: a.type, uuid: a.uuid, name: a.display_name ?? a.username ?? a.nickname ?? a.uuid })),
);
export type Account = z.output<typeof Account>;

export const Repository = z.pipe(
  z.object({
    slug: z.string(),
    full_name: z.string(),
    name: z.optional(z.string()),
    is_private: z.boolean(),
    project: z.nullish(z.object({ key: z.string() })),
    /** The branch the repository's HEAD names; null for a repository without commits. */
    mainbranch: z.nullish(z.object({ name: z.string() })),
  }),
  z.transform((r) => ({
    slug: r.slug,
    fullName: r.full_name,
    name: r.name ?? r.slug,
    isPrivate: r.is_private,
    projectKey: r.project?.key ?? null,
    mainBranch: r.mainbranch?.name ?? null,
  })),
);
export type Repository = z.output<typeof Repository>;

export function Page<T extends z.ZodMiniType>(item: T) {
  return z.object({ values: z.array(item), next: z.optional(z.string()) });
}
