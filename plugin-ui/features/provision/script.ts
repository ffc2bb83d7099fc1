import { registerDocName, type OperationSpec, type Selection } from '../../teamcity';

export interface RegisterScope {
  /** Project keys that get one project-level access key each. */
  projects: string[];
  /** Repository slugs that get the key one by one. */
  slugs: string[];
}

export const SEALED_ARTIFACT = 'out/key.sealed';

export function selectionsOf(scope: RegisterScope): Selection[] {
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

/** Removes a key (by label) from the same places; used by revoke and by the last step of a rotation. */
export function revokeSpec(options: { workspace: string; label: string; scope: RegisterScope; concurrency: number }): OperationSpec {
  return { v: 1, command: 'revoke', workspace: options.workspace, selections: selectionsOf(options.scope), label: options.label, concurrency: options.concurrency };
}

export function auditSpec(options: { workspace: string; scope: RegisterScope; concurrency: number }): OperationSpec {
  return { v: 1, command: 'audit', workspace: options.workspace, selections: selectionsOf(options.scope), concurrency: options.concurrency };
}
