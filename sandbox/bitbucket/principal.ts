import type { FixtureAccessToken, FixtureOAuthConsumer, FixtureUser } from './fixture';

/** Who a request acts as, after authentication. `scopes` holds the implied ones too; `granted` is what the credential was given. */
export type Principal = { scopes: ReadonlySet<string>; granted: readonly string[] } & (
  | { kind: 'user'; via: 'api-token'; user: FixtureUser }
  | { kind: 'app_user'; via: 'oauth'; consumer: FixtureOAuthConsumer }
  | { kind: 'access_token'; via: 'access-token'; token: FixtureAccessToken }
);

/** Legacy OAuth / access-token scopes imply their weaker forms, as Bitbucket documents. */
const IMPLIED: Record<string, string[]> = {
  'repository:admin': ['repository'],
  'repository:write': ['repository'],
  'repository:delete': ['repository'],
  'project:admin': ['project', 'repository:admin', 'repository'],
  'project:write': ['project'],
  'account:write': ['account'],
  'pullrequest:write': ['pullrequest', 'repository:write', 'repository'],
  pullrequest: ['repository'],
  'webhook': [],
};

export function expandScopes(scopes: readonly string[]): ReadonlySet<string> {
  const out = new Set<string>();
  const visit = (s: string): void => {
    if (out.has(s)) return;
    out.add(s);
    for (const t of IMPLIED[s] ?? []) visit(t);
  };
  scopes.forEach(visit);
  return out;
}
