// The operation spec the operations build runs (the helper's `repo-access operation` checks it against the same allow-list).

export type Selection = { readonly project: string } | { readonly repos: readonly string[] };

interface Bulk {
  readonly workspace: string;
  readonly selections: readonly Selection[];
  readonly concurrency: number;
}

export type OperationSpec =
  | { readonly v: 1; readonly command: 'check' }
  | { readonly v: 1; readonly command: 'repos'; readonly workspace: string }
  | ({ readonly v: 1; readonly command: 'provision'; readonly label: string; readonly recipient: string } & Bulk)
  | ({ readonly v: 1; readonly command: 'register'; readonly label: string; readonly publicKey: string } & Bulk)
  | ({ readonly v: 1; readonly command: 'audit' } & Bulk)
  | ({ readonly v: 1; readonly command: 'revoke'; readonly fingerprint: string; readonly label: string } & Bulk);

/** out/<name>.json of a provisioning's register step for one selection (as the helper names it). */
export const registerDocName = (chosen: Selection): string => ('project' in chosen ? `register-project-${chosen.project}` : 'register');
