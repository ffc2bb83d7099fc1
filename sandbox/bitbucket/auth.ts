import type { IncomingHttpHeaders } from 'node:http';
import { expandScopes, type Principal } from './principal';
import type { SandboxState } from './state';

export type AuthResult =
  | { ok: true; principal: Principal }
  | { ok: false; status: 401 | 403 | 410; message: string; extra?: Record<string, unknown> };

/** No Authorization header: anonymous (public data only). */
export type RequestAuth = AuthResult | { ok: true; principal: null };

const CHANGE_3222_URL = 'https://developer.atlassian.com/cloud/bitbucket/changelog#CHANGE-3222';
/** What Bitbucket answers for an app password since their removal (git shows the same three lines). */
export const APP_PASSWORD_RETIRED = {
  message: 'CHANGE-3222 - Functionality has been deprecated',
  detail: 'App passwords are deprecated and must be replaced with API tokens.',
  data: { announcement_url: CHANGE_3222_URL },
};
export const OAUTH_TOKEN_EXPIRED = 'Access token expired. Use your refresh token to obtain a new access token.';

const GIT_TOKEN_USER = 'x-token-auth';
const GIT_API_TOKEN_USER = 'x-bitbucket-api-token-auth';

/** Basic credentials: API token (email for REST; username or x-bitbucket-api-token-auth for git), app password, or for git x-token-auth + bearer token. */
export function authenticateBasic(state: SandboxState, username: string, password: string, { git }: { git: boolean }): AuthResult {
  const f = state.fixture;
  if (git && username === GIT_TOKEN_USER) return authenticateBearer(state, password);
  if (state.isRevoked(password)) return invalid();
  const token = f.credentials.apiTokens.find((t) => t.token === password);
  if (token) {
    const user = f.users.find((u) => u.email === token.email);
    const nameMatches = username === token.email || (git && (username === GIT_API_TOKEN_USER || username === user?.username));
    if (!user || !nameMatches) return invalid();
    if (token.expiresAt && Date.parse(token.expiresAt) <= state.now()) {
      return { ok: false, status: 401, message: 'The API token has expired. Create a new API token in your Atlassian account settings.' };
    }
    return { ok: true, principal: { kind: 'user', via: 'api-token', user, scopes: new Set(token.scopes), granted: token.scopes } };
  }
  const appPassword = f.credentials.appPasswords.find((a) => a.password === password);
  if (appPassword && (appPassword.username === username || f.users.some((u) => u.username === appPassword.username && u.email === username))) {
    const { message, ...extra } = APP_PASSWORD_RETIRED;
    // Git over HTTPS answers 410 Gone with these lines (git prints them as `remote:`); REST answers 401 (isomorphic-git/isomorphic-git#2364).
    if (git) return { ok: false, status: 410, message: `${message}\n${extra.detail}\n${CHANGE_3222_URL}` };
    return { ok: false, status: 401, message, extra };
  }
  return invalid();
}

export function authenticateBearer(state: SandboxState, token: string): AuthResult {
  if (state.isRevoked(token)) return { ok: false, status: 401, message: 'Token is invalid, expired, or not supported for this endpoint.' };
  const oauth = state.oauthToken(token);
  if (oauth) {
    if (oauth.expiresAt <= state.now()) return { ok: false, status: 401, message: OAUTH_TOKEN_EXPIRED };
    const consumer = state.fixture.credentials.oauthConsumers.find((c) => c.key === oauth.consumerKey);
    if (!consumer || state.isRevoked(consumer.key)) return invalid();
    return { ok: true, principal: { kind: 'app_user', via: 'oauth', consumer, scopes: expandScopes(oauth.scopes), granted: oauth.scopes } };
  }
  const access = state.fixture.credentials.accessTokens.find((t) => t.token === token);
  if (access) return { ok: true, principal: { kind: 'access_token', via: 'access-token', token: access, scopes: expandScopes(access.scopes), granted: access.scopes } };
  return { ok: false, status: 401, message: 'Token is invalid, expired, or not supported for this endpoint.' };
}

export function authenticateRequest(state: SandboxState, headers: IncomingHttpHeaders): RequestAuth {
  const header = headers.authorization;
  if (!header) return { ok: true, principal: null };
  const [scheme = '', value = ''] = header.split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer') return authenticateBearer(state, value);
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return invalid();
    return authenticateBasic(state, decoded.slice(0, colon), decoded.slice(colon + 1), { git: false });
  }
  return invalid();
}

function invalid(): AuthResult {
  return { ok: false, status: 401, message: 'Invalid credentials. Check the email address and API token (or the OAuth or access token) you sent.' };
}

/** Scopes an endpoint needs: API tokens use granular scopes, OAuth consumers and access tokens the legacy ones. */
export interface ScopeRequirement {
  apiToken: string[];
  legacy: string[];
}

export function missingScopes(principal: Principal, need: ScopeRequirement): { required: string[]; granted: string[] } | null {
  const required = principal.kind === 'user' ? need.apiToken : need.legacy;
  if (required.every((s) => principal.scopes.has(s))) return null;
  return { required, granted: [...principal.granted] };
}
