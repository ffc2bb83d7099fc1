// The operation spec: the one input of the operations build, a JSON document checked against an allow-list.
// Schema and types only (zod/mini): the Repo Access tab builds these documents and can import this type-only.
import { z } from 'zod/mini';

/** The environment variable the operations build sets from its `repoaccess.operation` parameter. */
export const SPEC_VARIABLE = 'REPO_ACCESS_OPERATION';

const text = (pattern: RegExp) => z.string().check(z.regex(pattern));
const label = text(/^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,99}$/);
const fingerprint = text(/^SHA256:[A-Za-z0-9+/]{43}$/);
/** One OpenSSH public key line (the kinds keygen makes), comment optional: it is written to a file, never run. */
const publicKey = text(/^(ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|ssh-rsa) [A-Za-z0-9+/]{1,2000}={0,2}( [A-Za-z0-9_.@:+-]{1,255})?$/);
/** Names become argv of the helper's own commands: one starting with "-" would read as a flag. */
const name = z.string().check(z.regex(/^[^-]/, 'must not start with "-"'));
const selection = z.union([z.strictObject({ project: name }), z.strictObject({ repos: z.array(name).check(z.minLength(1), z.maxLength(1000)) })]);
const bulk = {
  workspace: name,
  selections: z.array(selection).check(z.minLength(1), z.maxLength(100)),
  concurrency: z.optional(z.int().check(z.gte(1), z.lte(64))),
};

export const OperationSpecSchema = z.discriminatedUnion('command', [
  z.strictObject({ v: z.literal(1), command: z.literal('check') }),
  z.strictObject({ v: z.literal(1), command: z.literal('repos'), workspace: name }),
  z.strictObject({
    v: z.literal(1),
    command: z.literal('provision'),
    ...bulk,
    label,
    /** The browser's one-time P-256 public key (65 bytes, base64url): the private key is sealed to it. */
    recipient: text(/^[A-Za-z0-9_-]{87}$/),
  }),
  /** An existing key registered again, e.g. where Bitbucket dropped it. */
  z.strictObject({ v: z.literal(1), command: z.literal('register'), ...bulk, label, publicKey }),
  z.strictObject({ v: z.literal(1), command: z.literal('audit'), ...bulk }),
  /** By the recorded fingerprint; `label` is what the key should carry there (a repository where it differs is left alone). */
  z.strictObject({ v: z.literal(1), command: z.literal('revoke'), ...bulk, fingerprint, label: z.optional(label) }),
]);

export type OperationSpec = z.infer<typeof OperationSpecSchema>;
export type SpecSelection = z.infer<typeof selection>;

/** The out/<name>.json a register step writes for one selection: `register` for repositories, one per project. Both sides name it. */
export type RegisterDocName = 'register' | `register-project-${string}`;
