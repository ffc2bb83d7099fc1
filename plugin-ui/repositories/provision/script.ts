import type { OperationSpec, SpecSelection } from '../../../agent-helper/contract';
import { registerDocName } from '../../teamcity/reports';

export interface RegisterScope {
  /** Project keys that get one project-level access key each. */
  projects: string[];
  /** Repository slugs that get the key one by one. */
  slugs: string[];
}

export const SEALED_ARTIFACT = 'out/key.sealed';

export function selectionsOf(scope: RegisterScope): SpecSelection[] {
  return [...scope.projects.map((project) => ({ project })), ...(scope.slugs.length ? [{ repos: scope.slugs }] : [])];
}

/** JSON document names (out/<name>.json) of the register steps, in order. */
export function registerDocs(scope: RegisterScope): Array<{ name: string; project: string | null }> {
  return selectionsOf(scope).map((chosen) => ({ name: registerDocName(chosen), project: 'project' in chosen ? chosen.project : null }));
}

/**
 * keygen sealed to the tab's one-time key (the plain private key is never written on the agent), then
 * register the public half on every selected project and repository.
 */
export function provisionSpec(options: { workspace: string; recipient: string; label: string; scope: RegisterScope; concurrency: number }): OperationSpec {
  const { workspace, recipient, label, scope, concurrency } = options;
  return { v: 1, command: 'provision', workspace, selections: selectionsOf(scope), label, recipient, concurrency };
}

/** Registers an existing public key again (where Bitbucket lost it). */
export function registerSpec(options: { workspace: string; publicKey: string; label: string; scope: RegisterScope; concurrency: number }): OperationSpec {
  const { workspace, publicKey, label, scope, concurrency } = options;
  return { v: 1, command: 'register', workspace, selections: selectionsOf(scope), label, publicKey, concurrency };
}

/**
 * Removes a key from the same places by its recorded fingerprint (labels are editable and shared); a repository
 * where a key of the recorded label has another fingerprint is left alone and reported failed. Used by revoke and
 * by the last step of a rotation.
 */
export function revokeSpec(options: { workspace: string; fingerprint: string; label: string; scope: RegisterScope; concurrency: number }): OperationSpec {
  const { workspace, fingerprint, label, scope, concurrency } = options;
  return { v: 1, command: 'revoke', workspace, selections: selectionsOf(scope), fingerprint, label, concurrency };
}

export function auditSpec(options: { workspace: string; scope: RegisterScope; concurrency: number }): OperationSpec {
  return { v: 1, command: 'audit', workspace: options.workspace, selections: selectionsOf(options.scope), concurrency: options.concurrency };
}
