import type { BuildType, SandboxData, VcsRoot } from './model';

export interface SeedOptions {
  /** Base of the Bitbucket HTTPS clone URLs the demo VCS roots point at. */
  gitHttpsUrl?: string;
  /** user@host[:port] of Bitbucket's SSH clone URLs. */
  gitSsh?: string;
}

const gitRoot = (id: string, name: string, url: string, auth: Record<string, string>): VcsRoot => ({
  id,
  name,
  vcsName: 'jetbrains.git',
  projectId: id.startsWith('AcmeBackend_Services') ? 'AcmeBackend_Services' : 'AcmeBackend',
  properties: { url, branch: 'refs/heads/main', 'teamcity:branchSpec': '+:refs/heads/*', ...auth },
});

const buildType = (id: string, name: string, projectId: string, vcsRootId: string, script: string): BuildType => ({
  id,
  name,
  projectId,
  parameters: [],
  settings: {},
  steps: [{ id: 'RUNNER_1', name: 'Run', type: 'simpleRunner', properties: { 'script.content': script, 'use.custom.script': 'true' } }],
  vcsRootEntries: [{ vcsRootId, checkoutRules: '' }],
});

/**
 * A fresh server: `_Root`, the demo project "Acme Backend" with a subproject, two build configurations and
 * three Bitbucket VCS roots made the old way (an app password, a personal API token, the default private key),
 * which the ownership report is meant to find.
 */
export function seedData({ gitHttpsUrl = 'https://bitbucket.org', gitSsh = 'git@bitbucket.org' }: SeedOptions = {}): SandboxData {
  const https = (slug: string) => `${gitHttpsUrl}/acme/${slug}.git`;
  const ssh = (slug: string) => `ssh://${gitSsh}/acme/${slug}.git`;
  return {
    projects: [
      { id: '_Root', name: '<Root project>', parentId: null, description: 'Contains all other projects', parameters: [], sshKeys: {} },
      { id: 'AcmeBackend', name: 'Acme Backend', parentId: '_Root', description: 'Services of the Acme shop', parameters: [], sshKeys: {} },
      { id: 'AcmeBackend_Services', name: 'Services', parentId: 'AcmeBackend', parameters: [], sshKeys: {} },
    ],
    vcsRoots: [
      gitRoot('AcmeBackend_CoreApi', 'core-api (app password)', https('core-api'), {
        authMethod: 'PASSWORD',
        username: 'alice',
        'secure:password': 'sandbox-app-password',
      }),
      gitRoot('AcmeBackend_WebFrontend', 'web-frontend (API token)', https('web-frontend'), {
        authMethod: 'PASSWORD',
        username: 'x-bitbucket-api-token-auth',
        'secure:password': 'ATATT-sandbox-alice-full',
      }),
      gitRoot('AcmeBackend_Services_DeployScripts', 'deploy-scripts (default private key)', ssh('deploy-scripts'), {
        authMethod: 'PRIVATE_KEY_DEFAULT',
        username: 'git',
      }),
    ],
    buildTypes: [
      buildType('AcmeBackend_Build', 'Build', 'AcmeBackend', 'AcmeBackend_CoreApi', 'echo "building core-api"'),
      buildType('AcmeBackend_Services_Deploy', 'Deploy', 'AcmeBackend_Services', 'AcmeBackend_Services_DeployScripts', 'echo "deploying with deploy-scripts"'),
    ],
    builds: [],
    nextBuildId: 1,
  };
}
