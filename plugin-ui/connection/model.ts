import { params } from '../teamcity';
import type { AuthKind, Mode } from '../project/modes';
import { placeOf, secrets, type Place, type Secret, type Stored } from '../project/stored';

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

const secretOf: Readonly<Record<AuthKind, Secret>> = { 'api-token': 'apiToken', oauth: 'oauthSecret', 'access-token': 'accessToken' };
const secretLabels: Readonly<Record<Secret, string>> = { apiToken: 'the API token', oauthSecret: "the OAuth consumer's secret", accessToken: 'the access token' };

/** Field errors in plain words; empty when the draft can be saved. */
export function validate(draft: Draft, stored: Stored): Errors {
  const errors: Errors = {};
  if (draft.mode === null) errors.mode = 'Pick how builds reach Bitbucket.';
  const workspace = draft.workspace.trim();
  if (!workspace) errors.workspace = 'Enter the Bitbucket workspace ID, as in bitbucket.org/<workspace>.';
  else if (!workspacePattern.test(workspace)) errors.workspace = 'A workspace ID has lowercase letters, digits, "-" and "_" only.';
  const blank = (secret: string | null): boolean => secret !== null && !secret.trim();
  const place = placeOf(draft.mode);
  // A kept secret must already be a password parameter where this mode keeps it: TeamCity never gives it back to move it.
  const auth = authOf(draft);
  const needed = auth === null ? null : secretOf[auth];
  for (const secret of secrets.filter((s) => s === needed)) {
    if (draft[secret] === null && !stored.setAt[place][secret]) {
      errors[secret] = `Enter ${secretLabels[secret]} again: it is now kept ${place === 'ops' ? 'on the Repo Access operations build only' : 'on the project'}.`;
    }
  }
  switch (auth) {
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
  readonly set: ReadonlyArray<{ place: Place; name: string; value: string; password: boolean }>;
  /** Credential parameters no longer in use (or in the wrong place): removed so no stale or exposed secret lingers. */
  readonly remove: ReadonlyArray<{ place: Place; name: string }>;
}

const credentialParams: readonly string[] = [params.auth, params.email, params.username, params.apiToken, params.oauthKey, params.oauthSecret, params.accessToken];

/**
 * The parameter writes that store `draft` (which must validate). Kept secrets are not rewritten, nor are the mode and
 * workspace when unchanged: a project whose versioned settings are read-only refuses any write to it, while the
 * management credential lives in the "Repo Access" subproject, which takes writes.
 */
export function planSave(draft: Draft, stored: Stored): SavePlan {
  const auth = authOf(draft);
  if (draft.mode === null || auth === null) throw new Error('planSave: the draft has no mode');
  const place = placeOf(draft.mode);
  const workspace = draft.workspace.trim();
  const set: Array<{ place: Place; name: string; value: string; password: boolean }> = [
    ...(draft.mode === stored.mode ? [] : [{ place: 'project' as const, name: params.mode, value: draft.mode, password: false }]),
    ...(workspace === stored.workspace ? [] : [{ place: 'project' as const, name: params.workspace, value: workspace, password: false }]),
    { place, name: params.auth, value: auth, password: false },
  ];
  const text = (name: string, value: string) => set.push({ place, name, value, password: false });
  const secret = (name: string, value: string | null) => {
    if (value !== null) set.push({ place, name, value: value.trim(), password: true });
  };
  const keep = new Set<string>([params.auth]);
  if (auth === 'api-token') {
    text(params.email, draft.email.trim());
    keep.add(params.email).add(params.apiToken);
    if (draft.username.trim()) {
      text(params.username, draft.username.trim());
      keep.add(params.username);
    }
    secret(params.apiToken, draft.apiToken);
  } else if (auth === 'oauth') {
    text(params.oauthKey, draft.oauthKey.trim());
    keep.add(params.oauthKey).add(params.oauthSecret);
    secret(params.oauthSecret, draft.oauthSecret);
  } else {
    keep.add(params.accessToken);
    secret(params.accessToken, draft.accessToken);
  }
  const other: Place = place === 'ops' ? 'project' : 'ops';
  const legacy = ['env.BITBUCKET_APP_PASSWORD'];
  const remove = [
    ...credentialParams.filter((name) => !keep.has(name) && stored.own[place].has(name)).map((name) => ({ place, name })),
    ...[...credentialParams, ...legacy].filter((name) => stored.own[other].has(name)).map((name) => ({ place: other, name })),
    ...legacy.filter((name) => stored.own[place].has(name)).map((name) => ({ place, name })),
  ];
  return { set, remove };
}
