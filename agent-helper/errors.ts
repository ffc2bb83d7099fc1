export type ExitCode = 1 | 2 | 3 | 4;

/** An expected failure: its message is the one stderr line the user sees, exitCode as agent-helper/USAGE.md lists them. */
export class RepoAccessError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'RepoAccessError';
  }
}

export const usageError = (message: string): RepoAccessError => new RepoAccessError(message, 2);
export const authError = (message: string): RepoAccessError => new RepoAccessError(message, 3);
export const unreachableError = (message: string): RepoAccessError => new RepoAccessError(message, 4);
export const partialError = (message: string): RepoAccessError => new RepoAccessError(message, 1);

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
