import type { OperationSpec, RegisterDocName, SpecSelection as Selection } from '../contract/operation-spec';

/** One helper command of an operation, as argv (never a shell line). */
export interface PlannedStep {
  readonly command: 'check' | 'repos' | 'keygen' | 'register' | 'revoke' | 'audit';
  readonly args: readonly string[];
  /** When it fails the remaining steps are skipped (nothing to register without a key). */
  readonly stopsOnFailure: boolean;
}

const selectionArgs = (chosen: Selection): string[] => ('project' in chosen ? ['--project', chosen.project] : ['--repo', ...chosen.repos]);

/** The JSON document (in outDir) each register step of a provisioning writes: one per project, one for the repositories. */
export const registerDocName = (chosen: Selection): RegisterDocName => ('project' in chosen ? `register-project-${chosen.project}` : 'register');

/** A file the operation writes in outDir before its steps (the public key that `register` reads). */
export interface PlannedFile {
  readonly path: string;
  readonly content: string;
}

export function planFiles(spec: OperationSpec, outDir: string): PlannedFile[] {
  return spec.command === 'register' ? [{ path: `${outDir}/key.pub`, content: `${spec.publicKey}\n` }] : [];
}

const registerSteps = (spec: OperationSpec & { command: 'provision' | 'register' }, key: string, json: (name: string) => string[]): PlannedStep[] =>
  spec.selections.map((chosen) => ({
    command: 'register',
    args: ['--workspace', spec.workspace, '--key', key, ...selectionArgs(chosen), '--label', spec.label, '--concurrency', String(spec.concurrency ?? 8), ...json(registerDocName(chosen))],
    stopsOnFailure: false,
  }));

/** The steps of an operation; every JSON document lands in outDir under the name the Repo Access tab reads. */
export function planOperation(spec: OperationSpec, outDir: string): PlannedStep[] {
  const json = (name: string) => ['--json-out', `${outDir}/${name}.json`];
  switch (spec.command) {
    case 'check':
      return [{ command: 'check', args: json('check'), stopsOnFailure: true }];
    case 'repos':
      return [{ command: 'repos', args: ['--workspace', spec.workspace, ...json('repos')], stopsOnFailure: true }];
    case 'provision': {
      const key = `${outDir}/key`;
      return [
        { command: 'keygen', args: ['--out', key, '--seal-to', spec.recipient, '--comment', spec.label, ...json('keygen')], stopsOnFailure: true },
        ...registerSteps(spec, `${key}.pub`, json),
      ];
    }
    case 'register':
      return registerSteps(spec, `${outDir}/key.pub`, json);
    case 'audit':
      return spec.selections.map((chosen, i) => ({
        command: 'audit',
        args: ['--workspace', spec.workspace, ...selectionArgs(chosen), '--concurrency', String(spec.concurrency ?? 8), ...json(`audit-${i}`)],
        stopsOnFailure: false,
      }));
    case 'revoke': {
      const which = ['--fingerprint', spec.fingerprint, ...(spec.label === undefined ? [] : ['--expect-label', spec.label])];
      return spec.selections.map((chosen, i) => ({
        command: 'revoke',
        args: ['--workspace', spec.workspace, ...which, ...selectionArgs(chosen), '--concurrency', String(spec.concurrency ?? 8), ...json(`revoke-${i}`)],
        stopsOnFailure: false,
      }));
    }
  }
}
