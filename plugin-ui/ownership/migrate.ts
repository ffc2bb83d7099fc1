import type { OperationProgress, TeamCity } from '../teamcity';
import { provision, type RegisterResult } from '../repositories/provision/provision';
import { newKeyLabel, type WorkflowSettings } from '../project/settings';
import { retargetVcsRoot, type RootOutcome } from '../repositories/vcs/roots';
import { migrationCandidates, type Finding } from './classify';

export interface MigrationOutcome {
  label: string;
  results: RegisterResult[];
  roots: RootOutcome[];
  /** Roots left as they were because their repository did not get the key. */
  skipped: string[];
}

/** One access key for every repository behind a personal or retired root; then those roots switch to it in place. */
export async function migrateToAccessKey(
  tc: TeamCity,
  projectId: string,
  settings: WorkflowSettings,
  findings: Finding[],
  onProgress?: (progress: OperationProgress) => void,
): Promise<MigrationOutcome> {
  const { repositories } = migrationCandidates(findings);
  if (repositories.length === 0) throw new Error('Nothing to migrate: no VCS root here depends on a person.');
  const foreign = repositories.filter((repo) => repo.split('/')[0] !== settings.workspace);
  if (foreign.length) throw new Error(`${foreign.join(', ')} ${foreign.length === 1 ? 'is' : 'are'} outside workspace ${settings.workspace}; migrate them from a project set to that workspace.`);
  const label = newKeyLabel(projectId);
  const outcome = await provision(tc, projectId, {
    settings,
    scope: { projects: [], slugs: repositories.map((repo) => repo.split('/')[1] ?? repo) },
    label,
    ...(onProgress ? { onProgress } : {}),
  });
  const covered = new Set(outcome.record.repos);
  const roots: RootOutcome[] = [];
  const skipped: string[] = [];
  for (const finding of findings) {
    if (finding.subject !== 'vcs-root' || (finding.verdict !== 'personal' && finding.verdict !== 'retired')) continue;
    const repo = finding.repositories[0] ?? '';
    if (!covered.has(repo)) {
      skipped.push(finding.id);
      continue;
    }
    roots.push(await retargetVcsRoot(tc, finding.id, repo, outcome.settings, { kind: 'ssh-key', keyName: label }));
  }
  return { label, results: outcome.results, roots, skipped };
}
