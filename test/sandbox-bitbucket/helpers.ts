import { generateKeyPairSync } from 'node:crypto';
import sshpk from 'sshpk';
import type { BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ed25519SshKey } from '../support/ed25519';

export const ALICE = 'Basic ' + Buffer.from('alice@example.com:ATATT-sandbox-alice-full').toString('base64');
export const BOB = 'Basic ' + Buffer.from('bob@example.com:ATATT-sandbox-bob-readonly').toString('base64');
export const basic = (user: string, pass: string): string => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
export const bearer = (token: string): string => `Bearer ${token}`;

export interface ApiResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  body: any;
}

/** Calls the sandbox; `path` is relative to the API root (/2.0) unless it starts with http. */
export async function api(sb: BitbucketSandbox, path: string, init: { method?: string; auth?: string; json?: unknown } = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (init.auth) headers.authorization = init.auth;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path.startsWith('http') ? path : `${sb.apiUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** An ed25519 public key line with a comment. */
export function ed25519PublicKey(comment = 'ci@example'): string {
  return ed25519SshKey(comment).toPublic().toString('ssh');
}

export function rsaPublicKey(bits: number, comment = 'rsa@example'): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const key = sshpk.parseKey(publicKey.export({ type: 'spki', format: 'pem' }) as string, 'pem');
  key.comment = comment;
  return key.toString('ssh');
}
