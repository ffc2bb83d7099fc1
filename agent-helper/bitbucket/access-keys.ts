// Access keys (Bitbucket's deploy keys) of a repository or a project: wire fields parsed into domain values.
import { z } from 'zod/mini';
import { keyFacts } from '../keys/key-material';
import type { KeyTarget } from './api';
import type { BitbucketClient } from './client';
import { BitbucketHttpError } from './http-error';

export const AccessKey = z.pipe(
  z.object({
    id: z.number(),
    key: z.string(),
    label: z.nullish(z.string()),
    // Bitbucket's spec names it added_on; created_on is accepted too.
    added_on: z.nullish(z.string()),
    created_on: z.nullish(z.string()),
    last_used: z.nullish(z.string()),
  }),
  z.transform((k) => ({
    id: k.id,
    label: k.label ?? null,
    /** The key's material, fingerprint, type and size; undefined when Bitbucket's text is not a parsable key. */
    facts: keyFacts(k.key),
    addedOn: k.added_on ?? k.created_on ?? null,
    lastUsed: k.last_used ?? null,
  })),
);
export type AccessKey = z.output<typeof AccessKey>;

/** Why Bitbucket refused to add a key that every target would refuse alike. */
export type KeyRefusal = 'personal-key';

export type AddKeyOutcome = { kind: 'added'; key: AccessKey } | { kind: 'present' } | { kind: 'refused'; reason: KeyRefusal };

export const listKeys = (client: BitbucketClient, target: KeyTarget): Promise<AccessKey[]> =>
  client.paginate({ path: target.keysPath, schema: AccessKey, what: `listing access keys of ${target.name}` });

/** Bitbucket answers 400 when the same key material is already there (label and comment do not matter), in `message` or `fields`. */
export async function addKey(client: BitbucketClient, target: KeyTarget, key: string, label: string): Promise<AddKeyOutcome> {
  try {
    return { kind: 'added', key: await client.request({ method: 'POST', path: target.keysPath, body: { key, label }, schema: AccessKey, what: `adding the access key to ${target.name}` }) };
  } catch (error) {
    if (!(error instanceof BitbucketHttpError) || error.failure.kind !== 'bad-request') throw error;
    if (error.says(/already added that access key/i)) return { kind: 'present' };
    // "Someone has already registered that SSH key": a user's or workspace's own SSH key, so never an access key.
    if (error.says(/already registered that SSH key/i)) return { kind: 'refused', reason: 'personal-key' };
    throw error;
  }
}

export const getKey = (client: BitbucketClient, target: KeyTarget, id: number): Promise<AccessKey> =>
  client.request({ path: `${target.keysPath}/${id}`, schema: AccessKey, what: `reading access key ${id} of ${target.name}` });

/** A key already gone (404, e.g. a retried DELETE that had landed) is `gone`, not an error. */
export async function deleteKey(client: BitbucketClient, target: KeyTarget, id: number): Promise<'deleted' | 'gone'> {
  try {
    await client.request({ method: 'DELETE', path: `${target.keysPath}/${id}`, schema: z.undefined(), what: `removing access key ${id} from ${target.name}` });
    return 'deleted';
  } catch (error) {
    if (error instanceof BitbucketHttpError && error.failure.kind === 'not-found') return 'gone';
    throw error;
  }
}
