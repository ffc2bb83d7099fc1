import { tcDate, type Build, type BuildType, type SandboxData, type VcsRoot } from './model';
import { seedKeyHealth } from '../demo/key-health';

export interface SeedOptions {
  /** Base of the Bitbucket HTTPS clone URLs the demo VCS roots point at. */
  gitHttpsUrl?: string;
  /** user@host[:port] of Bitbucket's SSH clone URLs. */
  gitSsh?: string;
  /** Adds the key health demo (sandbox/demo/key-health.ts); the Bitbucket sandbox needs its keys too. */
  keyHealth?: boolean;
}

const gitRoot = (id: string, name: string, url: string, auth: Record<string, string>): VcsRoot => ({
  id,
  name,
  vcsName: 'jetbrains.git',
  projectId: id.startsWith('AcmeBackend_Services') ? 'AcmeBackend_Services' : (id.split('_')[0] ?? id),
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

const DAY = 86_400_000;

/** A finished, successful build of `buildTypeId` that started `daysAgo` days before now. */
const pastBuild = (id: number, buildTypeId: string, daysAgo: number): Build => {
  const start = new Date(Date.now() - daysAgo * DAY);
  return {
    id,
    number: String(id),
    buildTypeId,
    state: 'finished',
    status: 'SUCCESS',
    statusText: 'Success',
    properties: [],
    percentageComplete: 100,
    currentStageText: '',
    problems: [],
    queuedDate: tcDate(start),
    startDate: tcDate(start),
    finishDate: tcDate(new Date(start.getTime() + 60_000)),
  };
};

/**
 * A fresh server: `_Root`, the demo project "Acme Backend" with a subproject, two build configurations and
 * three Bitbucket VCS roots made the old way (an app password, a personal API token, the default private key),
 * which the ownership report is meant to find. Around it, the story of issue 12: Dave of CloudOps is leaving, and his
 * credentials sit in three more projects (an app-password root in Payments, an API-token root in Analytics, the clone
 * credential and a Bitbucket Cloud connection in CloudOps); ci-bot is a dedicated account holding an API token.
 */
export function seedData({ gitHttpsUrl = 'https://bitbucket.org', gitSsh = 'git@bitbucket.org', keyHealth = false }: SeedOptions = {}): SandboxData {
  const https = (slug: string) => `${gitHttpsUrl}/acme/${slug}.git`;
  const ssh = (slug: string) => `ssh://${gitSsh}/acme/${slug}.git`;
  const data: SandboxData = {
    projects: [
      { id: '_Root', name: '<Root project>', parentId: null, description: 'Contains all other projects', parameters: [], sshKeys: {} },
      { id: 'AcmeBackend', name: 'Acme Backend', parentId: '_Root', description: 'Services of the Acme shop', parameters: [], sshKeys: {} },
      { id: 'AcmeBackend_Services', name: 'Services', parentId: 'AcmeBackend', parameters: [], sshKeys: {} },
      { id: 'Payments', name: 'Payments', parentId: '_Root', parameters: [], sshKeys: {} },
      { id: 'Analytics', name: 'Analytics', parentId: '_Root', parameters: [], sshKeys: {} },
      {
        id: 'CloudOps',
        name: 'CloudOps',
        parentId: '_Root',
        parameters: [
          { name: 'env.BITBUCKET_AUTH', value: 'api-token' },
          { name: 'env.BITBUCKET_EMAIL', value: 'dave@acme.example' },
          { name: 'env.BITBUCKET_API_TOKEN', value: 'ATATT-sandbox-dave-clone', rawType: "password display='hidden'" },
        ],
        sshKeys: {},
        // Kotlin DSL projectFeatures/BitbucketCloudConnection.kt: type OAuthProvider, providerType BitBucketCloud, displayName, clientId, secure:clientSecret.
        features: [
          {
            id: 'PROJECT_EXT_7',
            type: 'OAuthProvider',
            properties: { providerType: 'BitBucketCloud', displayName: "Dave's Bitbucket Cloud", clientId: 'dave-consumer-key', 'secure:clientSecret': 'sandbox-dave-consumer-secret' },
          },
        ],
      },
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
      gitRoot('Payments_Gateway', 'web-admin (app password)', https('web-admin'), { authMethod: 'PASSWORD', username: 'dave', 'secure:password': 'sandbox-dave-app-password' }),
      gitRoot('Analytics_Etl', 'data-pipeline (API token)', https('data-pipeline'), { authMethod: 'PASSWORD', username: 'dave@acme.example', 'secure:password': 'ATATT-sandbox-dave-etl' }),
      gitRoot('Analytics_Dashboards', 'data-warehouse (ci-bot)', https('data-warehouse'), { authMethod: 'PASSWORD', username: 'ci-bot@acme.example', 'secure:password': 'ATATT-sandbox-ci-bot' }),
      gitRoot('CloudOps_Terraform', 'ops-terraform (git@bitbucket.org)', 'git@bitbucket.org:acme/ops-terraform.git', { authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: 'repoaccess-cloudops-1' }),
    ],
    buildTypes: [
      buildType('AcmeBackend_Build', 'Build', 'AcmeBackend', 'AcmeBackend_CoreApi', 'echo "building core-api"'),
      buildType('AcmeBackend_Services_Deploy', 'Deploy', 'AcmeBackend_Services', 'AcmeBackend_Services_DeployScripts', 'echo "deploying with deploy-scripts"'),
      buildType('Payments_Release', 'Release', 'Payments', 'Payments_Gateway', 'echo "releasing gateway"'),
      buildType('Analytics_Nightly', 'Nightly ETL', 'Analytics', 'Analytics_Etl', 'echo "loading"'),
      buildType('Analytics_Render', 'Dashboards', 'Analytics', 'Analytics_Dashboards', 'echo "rendering"'),
      buildType('CloudOps_Plan', 'Plan', 'CloudOps', 'CloudOps_Terraform', 'echo "terraform plan"'),
      // Clones a second repository with the project's clone credential (the "Clone with Repo Access" step's helper).
      buildType('CloudOps_Apply', 'Apply', 'CloudOps', 'CloudOps_Terraform', 'repo-access clone acme/ops-ansible ansible'),
    ],
    builds: [pastBuild(1, 'Payments_Release', 45), pastBuild(2, 'Payments_Release', 3), pastBuild(3, 'Analytics_Nightly', 2), pastBuild(4, 'Analytics_Nightly', 1), pastBuild(5, 'CloudOps_Plan', 60), pastBuild(6, 'CloudOps_Apply', 5)],
    nextBuildId: 7,
  };  if (keyHealth) seedKeyHealth(data, { gitSsh });
  return data;
}
