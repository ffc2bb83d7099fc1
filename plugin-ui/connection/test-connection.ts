import type { OperationProgress, TeamCity } from '../teamcity';
import { checkReportSchema, type CheckResult } from '../teamcity/reports';

export type TestOutcome =
  | { readonly ok: true; readonly result: CheckResult; readonly buildId: number }
  | { readonly ok: false; readonly message: string; readonly buildId: number; readonly buildUrl: string | null };

/** Runs `repo-access check` in an operations build with the project's stored credential. */
export async function testConnection(
  tc: TeamCity,
  projectId: string,
  onProgress: (progress: OperationProgress) => void,
  signal?: AbortSignal,
): Promise<TestOutcome> {
  const run = await tc.runOperation(projectId, { v: 1, command: 'check' }, { onProgress, signal });
  const buildId = run.build.id;
  if (!run.succeeded) return { ok: false, message: run.problem ?? 'The check failed.', buildId, buildUrl: run.build.webUrl ?? null };
  return { ok: true, result: await run.readJson('check', checkReportSchema), buildId };
}
