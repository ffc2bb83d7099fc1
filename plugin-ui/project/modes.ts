// The ways builds can reach Bitbucket and what each costs.

export type Mode = 'access-key' | 'oauth' | 'access-token' | 'api-token';
/** What the helper authenticates its REST calls with (env.BITBUCKET_AUTH). */
export type AuthKind = 'api-token' | 'oauth' | 'access-token';

export interface ModeInfo {
  readonly mode: Mode;
  readonly title: string;
  readonly personal: boolean;
  readonly summary: string;
}

export const modes: readonly ModeInfo[] = [
  {
    mode: 'access-key',
    title: 'SSH access key',
    personal: false,
    summary:
      'A read-only key per repository or project, generated and registered for you. Belongs to nobody. Registering keys needs a management credential: an OAuth consumer or an API token.',
  },
  {
    mode: 'oauth',
    title: 'OAuth consumer',
    personal: false,
    summary: "The workspace's app user, not a person. Builds get a token that is renewed every 2 hours.",
  },
  {
    mode: 'access-token',
    title: 'Access token',
    personal: false,
    summary: 'A repository, project or workspace access token. Belongs to that resource, not a person. It cannot manage access keys.',
  },
  {
    mode: 'api-token',
    title: 'API token',
    personal: true,
    summary: "An Atlassian account's scoped API token. Quick to set up, but builds stop when that person's account is removed or the token expires.",
  },
];

export const appPasswordRetired = {
  title: 'App password',
  summary:
    'Retired by Bitbucket: no new ones since 2025-09-09, and every app password stopped working on 2026-07-28. ' +
    'Pick SSH access key or OAuth consumer (not tied to a person), or API token if a personal credential is acceptable.',
} as const;

/** The mode a stored `repoaccess.mode` value names; null for anything else. */
export const modeOf = (value: string | null | undefined): Mode | null => modes.find((info) => info.mode === value)?.mode ?? null;

export const modeInfo = (mode: Mode): ModeInfo => modes.find((info) => info.mode === mode) ?? (modes[0] as ModeInfo);

/** Access keys are registered with a management credential; access tokens cannot manage keys. */
export const managementKinds: readonly AuthKind[] = ['oauth', 'api-token'];
