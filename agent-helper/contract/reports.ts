// The --json documents of the helper's commands (and the files --json-out writes): types only, no runtime imports.

export type KeyType = 'ed25519' | 'ecdsa' | 'rsa';

export interface KeygenReport {
  type: KeyType;
  bits: number;
  fingerprint: string;
  publicKey: string;
  privateKeyPath: string | null;
  publicKeyPath: string;
  sealedPath?: string;
}

/** The private key sealed to the tab's one-time P-256 key (keygen --seal-to writes it as PATH.sealed). */
export interface SealedKey {
  v: 1;
  alg: 'ECDH-P256/HKDF-SHA256/A256GCM';
  /** The ephemeral public key, the AES-GCM nonce and ciphertext with tag, base64url. */
  epk: string;
  iv: string;
  ct: string;
}

export interface CheckReport {
  mode: string;
  account: { kind: string; name: string; uuid: string };
  personal: boolean;
  warnings: string[];
}

export interface RepositorySummary {
  slug: string;
  full_name: string;
  /** The display name (may differ from the slug; shown by the TeamCity picker). */
  name: string;
  project: string | null;
  is_private: boolean;
  /** The repository's main branch (Bitbucket's `mainbranch.name`); null when it has none yet. */
  mainbranch: string | null;
}

export interface ReposReport {
  repositories: RepositorySummary[];
}

/** One repository's (or project's) outcome, as every bulk command reports it. */
export interface TargetResult<S extends string> {
  repo: string;
  status: S;
  keyId: number | null;
  error: string | null;
}

export const REGISTER_STATUSES = ['added', 'present', 'failed'] as const;
export type RegisterResult = TargetResult<(typeof REGISTER_STATUSES)[number]>;

export interface RegisterReport {
  fingerprint: string;
  results: RegisterResult[];
  summary: Record<(typeof REGISTER_STATUSES)[number], number>;
}

export const REVOKE_STATUSES = ['removed', 'absent', 'failed'] as const;
export type RevokeResult = TargetResult<(typeof REVOKE_STATUSES)[number]> & { keyIds: number[] };

export interface RevokeReport {
  fingerprint: string | null;
  label: string | null;
  results: RevokeResult[];
  summary: Record<(typeof REVOKE_STATUSES)[number], number>;
}

export const ROTATE_STATUSES = ['rotated', 'absent', 'failed'] as const;
export type RotateResult = TargetResult<(typeof ROTATE_STATUSES)[number]> & { removedKeyIds: number[] };

export interface RotateReport {
  fingerprint: string;
  results: RotateResult[];
  summary: Record<(typeof ROTATE_STATUSES)[number], number>;
}

export interface AuditedKey {
  repo: string;
  keyId: number;
  label: string | null;
  fingerprint: string | null;
  type: string | null;
  bits: number | null;
  createdOn: string | null;
  lastUsed: string | null;
}

export interface AuditReport {
  keys: AuditedKey[];
  /** How many repositories (or projects) were examined. */
  repositories: number;
  /** Targets whose keys could not be listed. */
  failures: Array<{ repo: string; error: string }>;
}
