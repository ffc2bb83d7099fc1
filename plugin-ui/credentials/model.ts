import type { Parameter } from '../teamcity';
import { params } from '../teamcity';
import type { AuthKind, Mode } from './modes';

/** What the project has stored. Secrets only as set / not set: TeamCity never returns them. */
export interface Stored {
  /** 'app-password' when the project still uses the retired mode. */
  readonly mode: Mode | 'app-password' | null;
  readonly workspace: string;
  readonly auth: AuthKind | 'app-password' | null;
  readonly email: string;
  readonly username: string;
  readonly oauthKey: string;
  readonly set: Readonly<Record<Secret, boolean>>;
  /** Credential parameters defined in this project itself (deletable here). */
  readonly own: ReadonlySet<string>;
}

export type Secret = 'apiToken' | 'oauthSecret' | 'accessToken';

/** The form. A secret is null while the stored one is kept; a string when (re)entered. */
export interface Draft {
  readonly mode: Mode | null;
  readonly workspace: string;
  /** The management credential's kind in access-key mode. */
  readonly managementAuth: 'api-token' | 'oauth';
  readonly email: string;
  readonly username: string;
  readonly oauthKey: string;
  readonly apiToken: string | null;
  readonly oauthSecret: string | null;
  readonly accessToken: string | null;
}

export type DraftField = Exclude<keyof Draft, 'managementAuth'>;
export type Errors = Partial<Record<DraftField, string>>;

const modeValues = ['access-key', 'api-token', 'oauth', 'access-token', 'app-password'] as const;
const authValues = ['api-token', 'oauth', 'access-token', 'app-password'] as const;
const oneOf = <T extends string>(values: readonly T[], value: string | null | undefined): T | null =>
  values.find((candidate) => candidate === value) ?? null;

export function storedFrom(parameters: ReadonlyMap<string, Parameter>): Stored {
  const text = (name: string): string => parameters.get(name)?.value ?? '';
  const isSet = (name: string): boolean => parameters.has(name);
  const auth = oneOf(authValues, text(params.auth));
  return {
    mode: oneOf(modeValues, text(params.mode)) ?? (auth === 'app-password' ? 'app-password' : null),
    workspace: text(params.workspace),
    auth,
    email: text(params.email),
    username: text(params.username),
    oauthKey: text(params.oauthKey),
    set: { apiToken: isSet(params.apiToken), oauthSecret: isSet(params.oauthSecret), accessToken: isSet(params.accessToken) },
    own: new Set([...parameters.values()].filter((parameter) => !parameter.inherited).map((parameter) => parameter.name)),
  };
}

export function draftFrom(stored: Stored): Draft {
  return {
    mode: stored.mode === 'app-password' ? null : stored.mode,
    workspace: stored.workspace,
    managementAuth: stored.auth === 'api-token' ? 'api-token' : 'oauth',
    email: stored.email,
    username: stored.username,
    oauthKey: stored.oauthKey,
    apiToken: stored.set.apiToken ? null : '',
    oauthSecret: stored.set.oauthSecret ? null : '',
    accessToken: stored.set.accessToken ? null : '',
  };
}

export function authOf(draft: Draft): AuthKind | null {
  if (draft.mode === null) return null;
  return draft.mode === 'access-key' ? draft.managementAuth : draft.mode;
}

const workspacePattern = /^[a-z0-9][a-z0-9_-]*$/;
const emailPattern = /^[^@\s]+@[^@\s]+$/;

/** Field errors in plain words; empty when the draft can be saved. */
export function validate(draft: Draft): Errors {
  const errors: Errors = {};
  if (draft.mode === null) errors.mode = 'Pick how builds reach Bitbucket.';
  const workspace = draft.workspace.trim();
  if (!workspace) errors.workspace = 'Enter the Bitbucket workspace ID, as in bitbucket.org/<workspace>.';
  else if (!workspacePattern.test(workspace)) errors.workspace = 'A workspace ID has lowercase letters, digits, "-" and "_" only.';
  const blank = (secret: string | null): boolean => secret !== null && !secret.trim();
  switch (authOf(draft)) {
    case 'api-token':
      if (!emailPattern.test(draft.email.trim())) errors.email = 'Enter the email address of the Atlassian account the token belongs to.';
      if (blank(draft.apiToken)) errors.apiToken = 'Enter the API token.';
      break;
    case 'oauth':
      if (!draft.oauthKey.trim()) errors.oauthKey = "Enter the OAuth consumer's key.";
      if (blank(draft.oauthSecret)) errors.oauthSecret = "Enter the OAuth consumer's secret.";
      break;
    case 'access-token':
      if (blank(draft.accessToken)) errors.accessToken = 'Enter the access token.';
      break;
    case null:
      break;
  }
  return errors;
}

export interface SavePlan {
  readonly set: ReadonlyArray<{ name: string; value: string; password: boolean }>;
  /** Parameters of credentials no longer in use: removed so no stale secret lingers. */
  readonly remove: readonly string[];
}

/** The parameter writes that store `draft` (which must validate). Kept secrets are not rewritten. */
export function planSave(draft: Draft, stored: Stored): SavePlan {
  const auth = authOf(draft);
  if (draft.mode === null || auth === null) throw new Error('planSave: the draft has no mode');
  const set: Array<{ name: string; value: string; password: boolean }> = [
    { name: params.mode, value: draft.mode, password: false },
    { name: params.workspace, value: draft.workspace.trim(), password: false },
    { name: params.auth, value: auth, password: false },
  ];
  const secret = (name: string, value: string | null) => {
    if (value !== null) set.push({ name, value: value.trim(), password: true });
  };
  const keep = new Set<string>([params.mode, params.workspace, params.auth]);
  if (auth === 'api-token') {
    set.push({ name: params.email, value: draft.email.trim(), password: false });
    keep.add(params.email).add(params.apiToken);
    if (draft.username.trim()) {
      set.push({ name: params.username, value: draft.username.trim(), password: false });
      keep.add(params.username);
    }
    secret(params.apiToken, draft.apiToken);
  } else if (auth === 'oauth') {
    set.push({ name: params.oauthKey, value: draft.oauthKey.trim(), password: false });
    keep.add(params.oauthKey).add(params.oauthSecret);
    secret(params.oauthSecret, draft.oauthSecret);
  } else {
    keep.add(params.accessToken);
    secret(params.accessToken, draft.accessToken);
  }
  const credentialParams = [params.email, params.username, params.apiToken, params.oauthKey, params.oauthSecret, params.accessToken];
  const legacy = ['env.BITBUCKET_APP_PASSWORD'];
  const remove = [...credentialParams, ...legacy].filter((name) => !keep.has(name) && stored.own.has(name));
  return { set, remove };
}
