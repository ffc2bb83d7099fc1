import { z } from 'zod/mini';

// The helper's --json documents (agent-helper/USAGE.md) as the UI reads them from build artifacts.

export const checkResultSchema = z.object({
  mode: z.string(),
  account: z.object({
    kind: z.string(),
    name: z.optional(z.nullable(z.string())),
    uuid: z.optional(z.nullable(z.string())),
  }),
  /** true: the credential stops working when that person's account is removed. */
  personal: z.boolean(),
  warnings: z.optional(z.array(z.string())),
});
export type CheckResult = z.infer<typeof checkResultSchema>;
