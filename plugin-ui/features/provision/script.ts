import { helperCommand, operationScript } from '../../teamcity';
import { endpointLines } from '../endpoints';

export interface RegisterScope {
  /** Project keys that get one project-level access key each. */
  projects: string[];
  /** Repository slugs that get the key one by one. */
  slugs: string[];
}

export const KEY_PATH = 'out/key';
export const SEALED_ARTIFACT = 'out/key.sealed';

/** JSON document names (out/<name>.json) of the register runs, in script order. */
export function registerDocs(scope: RegisterScope): Array<{ name: string; project: string | null }> {
  return [...scope.projects.map((key) => ({ name: `register-project-${key}`, project: key })), ...(scope.slugs.length ? [{ name: 'register', project: null }] : [])];
}

/** A helper command that must not stop the script: the next selection still gets its turn. */
const keepGoing = (line: string): string => `${line} || failed=1`;

export function selectionArgs(scope: RegisterScope): string[][] {
  return [...scope.projects.map((key) => ['--project', key]), ...(scope.slugs.length ? [['--repo', ...scope.slugs]] : [])];
}

/**
 * keygen sealed to the tab's one-time key (the plain private key is never written on the agent), then
 * register the public half on every selected project and repository.
 */
export function provisionScript(options: { workspace: string; sealTo: string; label: string; comment: string; scope: RegisterScope; concurrency: number }): string {
  const { workspace, sealTo, label, comment, scope } = options;
  const limit = ['--concurrency', String(options.concurrency)];
  const docs = registerDocs(scope);
  const lines = [
    helperCommand(['keygen', '--out', KEY_PATH, '--seal-to', sealTo, '--comment', comment], 'keygen'),
    ...selectionArgs(scope).map((args, i) =>
      keepGoing(helperCommand(['register', '--workspace', workspace, '--key', `${KEY_PATH}.pub`, ...args, '--label', label, ...limit], docs[i]?.name)),
    ),
    ...endpointLines,
    'exit "${failed:-0}"',
  ];
  return operationScript(lines);
}

/** Removes a key (by label) from the same places; used by revoke and by the last step of a rotation. */
export function revokeScript(options: { workspace: string; label: string; scope: RegisterScope; concurrency: number }): string {
  const lines = selectionArgs(options.scope).map((args, i) =>
    keepGoing(helperCommand(['revoke', '--workspace', options.workspace, '--label', options.label, ...args, '--concurrency', String(options.concurrency)], `revoke-${i}`)),
  );
  return operationScript([...lines, 'exit "${failed:-0}"']);
}

export function auditScript(options: { workspace: string; scope: RegisterScope; concurrency: number }): string {
  const lines = selectionArgs(options.scope).map((args, i) => keepGoing(helperCommand(['audit', '--workspace', options.workspace, ...args, '--concurrency', String(options.concurrency)], `audit-${i}`)));
  return operationScript([...lines, 'exit "${failed:-0}"']);
}
