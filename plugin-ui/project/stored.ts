import type { Parameter } from '../teamcity';
import { params } from '../teamcity';
import { modeOf, type AuthKind, type Mode } from './modes';

// The Bitbucket settings and credentials the project and its operations build have stored, as the Connection
// section shows them and every section reads them (readSettings).

/**
 * Where a mode's credential lives. Access-key mode: the management credential (it can add and delete access
 * keys) on the operations build configuration only. Other modes: the credential ordinary builds clone with,
 * on the project, which every build below it receives.
 */
export type Place = 'ops' | 'project';
export const placeOf = (mode: Mode | 'app-password' | null): Place => (mode === 'access-key' ? 'ops' : 'project');

/** What the project and its operations build have stored. Secrets only as set / not set: TeamCity never returns them. */
export interface Stored {
  /** 'app-password' when the project still uses the retired mode. */
  readonly mode: Mode | 'app-password' | null;
  readonly workspace: string;
  readonly auth: AuthKind | 'app-password' | null;
  readonly email: string;
  readonly username: string;
  readonly oauthKey: string;
  /** Secrets stored as password parameters where the saved mode keeps them. */
  readonly set: Readonly<Record<Secret, boolean>>;
  /** The same per place, to tell whether a kept secret is where a newly chosen mode needs it. */
  readonly setAt: Readonly<Record<Place, Readonly<Record<Secret, boolean>>>>;
  /** Secrets found as plain-text parameters: flagged, and they must be entered again. */
  readonly plain: readonly Secret[];
  /** Credential parameters defined in each place itself (deletable there). */
  readonly own: Readonly<Record<Place, ReadonlySet<string>>>;
}

export type Secret = 'apiToken' | 'oauthSecret' | 'accessToken';

const authValues = ['api-token', 'oauth', 'access-token', 'app-password'] as const;
const oneOf = <T extends string>(values: readonly T[], value: string | null | undefined): T | null =>
  values.find((candidate) => candidate === value) ?? null;

const secretParams: Readonly<Record<Secret, string>> = { apiToken: params.apiToken, oauthSecret: params.oauthSecret, accessToken: params.accessToken };
export const secrets = Object.keys(secretParams) as Secret[];

/** `project`: the project's parameters; `ops`: the operations build configuration's (its own count, not what it inherits). */
export function storedFrom(project: ReadonlyMap<string, Parameter>, ops: ReadonlyMap<string, Parameter> = new Map()): Stored {
  const opsOwn = new Map([...ops].filter(([, p]) => !p.inherited));
  const places: Record<Place, ReadonlyMap<string, Parameter>> = { ops: opsOwn, project };
  const modeValue = project.get(params.mode)?.value;
  const mode = modeValue === 'app-password' ? modeValue : modeOf(modeValue);
  const home = places[placeOf(mode)];
  const away = places[placeOf(mode) === 'ops' ? 'project' : 'ops'];
  // Where the mode keeps it, else where an earlier version or the other mode left it.
  const text = (name: string): string => home.get(name)?.value ?? away.get(name)?.value ?? '';
  const setIn = (place: ReadonlyMap<string, Parameter>) =>
    Object.fromEntries(secrets.map((s) => [s, place.get(secretParams[s])?.password === true])) as Record<Secret, boolean>;
  const auth = oneOf(authValues, text(params.auth));
  const setAt = { ops: setIn(opsOwn), project: setIn(project) };
  return {
    mode: mode ?? (auth === 'app-password' ? 'app-password' : null),
    workspace: project.get(params.workspace)?.value ?? '',
    auth,
    email: text(params.email),
    username: text(params.username),
    oauthKey: text(params.oauthKey),
    set: setAt[placeOf(mode)],
    setAt,
    plain: secrets.filter((s) => [opsOwn, project].some((place) => Boolean(place.get(secretParams[s])?.value) && !place.get(secretParams[s])?.password)),
    own: {
      ops: new Set(opsOwn.keys()),
      project: new Set([...project.values()].filter((p) => !p.inherited).map((p) => p.name)),
    },
  };
}
