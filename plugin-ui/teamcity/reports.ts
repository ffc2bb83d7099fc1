import { z } from 'zod/mini';
import type { AuditReport, CheckReport, KeygenReport, RegisterDocName, RegisterReport, ReposReport, SealedKey, SpecSelection } from '../../agent-helper/contract';
import type { Fits, Fitting } from './schema';

// The helper's --json documents as the tab reads them from the operations build's artifacts (out/<name>.json): only
// the fields the tab uses, each schema checked against the helper's own type at compile time (_Fitting below).

export const checkReportSchema = z.object({
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
export type CheckResult = z.infer<typeof checkReportSchema>;

export const reposReportSchema = z.object({
  repositories: z.array(
    z.object({ slug: z.string(), full_name: z.string(), name: z.optional(z.string()), project: z.nullable(z.string()), is_private: z.boolean(), mainbranch: z.optional(z.nullable(z.string())) }),
  ),
});
export type ReposDocument = z.infer<typeof reposReportSchema>;

/** keygen sealed to the tab (`--seal-to`): no private key file on the agent, only the sealed one. */
type SealedKeygenReport = Omit<KeygenReport, 'privateKeyPath' | 'sealedPath'> & { privateKeyPath: null; sealedPath: string };
export const sealedKeygenReportSchema = z.object({ fingerprint: z.string(), publicKey: z.string(), privateKeyPath: z.null(), sealedPath: z.string() });

export const SEAL_ALG: SealedKey['alg'] = 'ECDH-P256/HKDF-SHA256/A256GCM';
/** The sealed private key (out/key.sealed), opened only by the tab that made the recipient key. */
export const sealedKeySchema = z.object({ v: z.literal(1), alg: z.literal(SEAL_ALG), epk: z.string(), iv: z.string(), ct: z.string() });

export const registerReportSchema = z.object({
  fingerprint: z.string(),
  results: z.array(z.object({ repo: z.string(), status: z.string(), keyId: z.optional(z.nullable(z.number())), error: z.optional(z.nullable(z.string())) })),
});

export const auditReportSchema = z.object({
  keys: z.array(
    z.object({
      repo: z.string(),
      keyId: z.number(),
      label: z.nullable(z.string()),
      fingerprint: z.nullable(z.string()),
      createdOn: z.nullable(z.string()),
      lastUsed: z.nullable(z.string()),
    }),
  ),
});
export type AuditRow = z.infer<typeof auditReportSchema>['keys'][number];

/** out/<name>.json of a register step for one selection, as the helper names it (agent-helper/operation/plan.ts); the contract's type holds both to one shape. */
export const registerDocName = (chosen: SpecSelection): RegisterDocName => ('project' in chosen ? `register-project-${chosen.project}` : 'register');

// Compile-time only: a line fails to compile when its schema drifts from the helper's report type.
type _Fitting = [
  Fitting<Fits<typeof checkReportSchema, CheckReport>>,
  Fitting<Fits<typeof reposReportSchema, ReposReport>>,
  Fitting<Fits<typeof sealedKeygenReportSchema, SealedKeygenReport>>,
  Fitting<Fits<typeof sealedKeySchema, SealedKey>>,
  Fitting<Fits<typeof registerReportSchema, RegisterReport>>,
  Fitting<Fits<typeof auditReportSchema, AuditReport>>,
];
