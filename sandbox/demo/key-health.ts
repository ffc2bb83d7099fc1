import type { Fixture } from '../bitbucket/fixture';
import { bitbucketTime } from '../bitbucket/state';
import type { SandboxData } from '../teamcity/model';
import { demoKey } from './demo-key';

// The demo for issue 12's key health, in the project Acme Backend: a key its VCS roots use that Bitbucket lost on one
// repository (drifted), and a key labelled by the tab that no VCS root uses any more (stale, and past the rotation age).

const DAY = 86_400_000;
export const KEY_HEALTH_PROJECT = 'AcmeBackend';

export const DRIFTED = { label: 'repoaccess-AcmeBackend-demo-drifted', repos: ['core-api', 'web-frontend'], lostOn: 'web-frontend', ageDays: 20 } as const;
export const STALE = { label: 'repoaccess-AcmeBackend-demo-stale', repos: ['web-admin'], ageDays: 200 } as const;

export const driftedKey = () => demoKey('drifted', DRIFTED.label);
export const staleKey = () => demoKey('stale', STALE.label);

/** The Bitbucket side: the drifted key on every repository but the one it was lost on, the stale key where it was registered. */
export function keyHealthDeployKeys(now = new Date()): Fixture['deployKeys'] {
  const added = (days: number) => bitbucketTime(new Date(now.getTime() - days * DAY));
  return [
    ...DRIFTED.repos.filter((slug) => slug !== DRIFTED.lostOn).map((repository) => ({ repository, key: driftedKey().publicKey, label: DRIFTED.label, addedOn: added(DRIFTED.ageDays) })),
    ...STALE.repos.map((repository) => ({ repository, key: staleKey().publicKey, label: STALE.label, addedOn: added(STALE.ageDays) })),
  ];
}

/** `core-api` → `AcmeBackend_CoreApiAccessKey`. */
export const driftedRootId = (slug: string): string => `${KEY_HEALTH_PROJECT}_${slug.replace(/(^|-)(.)/g, (_m, _dash, c: string) => c.toUpperCase())}AccessKey`;

/** The TeamCity side: both keys uploaded with their records (as provisioning leaves them), VCS roots on the drifted key only. */
export function seedKeyHealth(data: SandboxData, options: { gitSsh: string; now?: Date }): void {
  const now = options.now ?? new Date();
  const project = data.projects.find((p) => p.id === KEY_HEALTH_PROJECT);
  if (!project) throw new Error(`the key health demo needs project ${KEY_HEALTH_PROJECT}`);
  for (const [demo, key] of [
    [DRIFTED, driftedKey()],
    [STALE, staleKey()],
  ] as const) {
    project.sshKeys[demo.label] = key.privateKey;
    const record = {
      label: demo.label,
      fingerprint: key.fingerprint,
      publicKey: key.publicKey,
      created: new Date(now.getTime() - demo.ageDays * DAY).toISOString(),
      projects: [],
      repos: demo.repos.map((slug) => `acme/${slug}`),
    };
    project.parameters.push({ name: `repoaccess.key.${demo.label}`, value: JSON.stringify(record) });
  }
  for (const slug of DRIFTED.repos) {
    data.vcsRoots.push({
      id: driftedRootId(slug),
      name: `acme/${slug} (access key)`,
      vcsName: 'jetbrains.git',
      projectId: KEY_HEALTH_PROJECT,
      properties: { url: `ssh://${options.gitSsh}/acme/${slug}.git`, branch: 'refs/heads/main', 'teamcity:branchSpec': '+:refs/heads/*', authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: DRIFTED.label, username: '' },
    });
  }
}
