import type { Infer, OperationProgress, TeamCity } from '../../teamcity';
import { saveKeyRecord, type KeyRecord } from '../../project/key-records';
import { readSettings, type WorkflowSettings } from '../../project/settings';
import { registerReportSchema, sealedKeygenReportSchema } from '../../teamcity/reports';
import { checkOpenedKey } from './key-check';
import { createSealOpener } from './seal';
import { provisionSpec, registerDocs, SEALED_ARTIFACT, type RegisterScope } from './script';


export interface RegisterResult {
  repo: string;
  status: string;
  error: string | null;
  /** The project-level key this result belongs to, or null for a per-repository key. */
  project: string | null;
}

export interface ProvisionOutcome {
  record: KeyRecord;
  results: RegisterResult[];
  buildId: number;
  /** Every selection got the key (added or already present). */
  complete: boolean;
  /** The settings after the build reported the agent's git endpoints: what VCS roots should use. */
  settings: WorkflowSettings;
}

export const registered = (status: string): boolean => status === 'added' || status === 'present';

/**
 * One build: keygen (sealed to this tab) + register. Then the tab opens the seal and uploads the key at
 * once; the opened text lives only in this function's scope.
 */
export async function provision(
  tc: TeamCity,
  projectId: string,
  options: {
    settings: WorkflowSettings;
    scope: RegisterScope;
    label: string;
    onProgress?: (progress: OperationProgress) => void;
    /** False where the project's settings come from a repository with editing off: the record goes into the settings to commit. */
    saveRecord?: boolean;
  },
): Promise<ProvisionOutcome> {
  const { settings, scope, label } = options;
  if (scope.projects.length === 0 && scope.slugs.length === 0) throw new Error('Select at least one repository.');
  const opener = await createSealOpener();
  const spec = provisionSpec({ workspace: settings.workspace, recipient: opener.publicKey, label, scope, concurrency: settings.concurrency });
  const result = await tc.runOperation(projectId, spec, { onProgress: options.onProgress });
  let keygen: Infer<typeof sealedKeygenReportSchema>;
  try {
    keygen = await result.readJson('keygen', sealedKeygenReportSchema);
  } catch {
    throw new Error(`The key could not be generated: ${result.problem ?? 'see the build log'}`);
  }
  const results: RegisterResult[] = [];
  const registeredWith: string[] = [];
  for (const doc of registerDocs(scope)) {
    try {
      const report = await result.readJson(doc.name, registerReportSchema);
      registeredWith.push(report.fingerprint);
      results.push(...report.results.map((r) => ({ repo: r.repo, status: r.status, error: r.error ?? null, project: doc.project })));
    } catch {
      results.push({ repo: doc.project ? `project ${doc.project}` : scope.slugs.join(', '), status: 'failed', error: result.problem ?? 'no result', project: doc.project });
    }
  }
  const okProjects = scope.projects.filter((key) => results.some((r) => r.project === key) && results.filter((r) => r.project === key).every((r) => registered(r.status)));
  const okRepos = results.filter((r) => r.project === null && registered(r.status)).map((r) => r.repo);
  if (okProjects.length === 0 && okRepos.length === 0) throw new Error(`The key was registered nowhere: ${results[0]?.error ?? result.problem ?? 'see the build log'}`);

  const privateKey = await opener.open(await tc.artifactText(result.build.id, SEALED_ARTIFACT));
  await checkOpenedKey(privateKey, { publicKey: keygen.publicKey, fingerprint: keygen.fingerprint, registered: registeredWith });
  // The one request that carries the private key, straight from the seal.
  await tc.uploadSshKey(projectId, label, privateKey);
  const record: KeyRecord = {
    label,
    fingerprint: keygen.fingerprint,
    publicKey: keygen.publicKey,
    created: new Date().toISOString(),
    projects: okProjects,
    repos: okRepos.map((repo) => (repo.includes('/') ? repo : `${settings.workspace}/${repo}`)),
  };
  if (options.saveRecord !== false) await saveKeyRecord(tc, projectId, record);
  return { record, results, buildId: result.build.id, settings: await readSettings(tc, projectId), complete: okProjects.length === scope.projects.length && results.every((r) => registered(r.status)) };
}
