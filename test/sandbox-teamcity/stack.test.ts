import { strict as assert } from 'node:assert';
import { startStack, type Stack } from '../support/stack';
import { teamcityRest, type TeamCityRest } from '../support/teamcity-rest';
import { ed25519SshKey } from '../support/ed25519';

const ALICE = `Basic ${Buffer.from('alice@example.com:ATATT-sandbox-alice-full').toString('base64')}`;

function ed25519(): { privateKey: string; publicKey: string } {
  const key = ed25519SshKey();
  return { privateKey: key.toString('openssh'), publicKey: key.toPublic().toString('ssh') };
}

describe('sandboxes wired together (startStack)', () => {
  let stack: Stack;
  let rest: TeamCityRest;
  before(async () => {
    stack = await startStack();
    rest = await teamcityRest(stack.teamcity.url);
  });
  after(() => stack?.close());

  it('points the seeded VCS roots at the Bitbucket sandbox', async () => {
    const root = await rest.get<{ properties: { property: Array<{ name: string; value: string }> } }>('app/rest/vcs-roots/id:AcmeBackend_WebFrontend');
    assert.equal(root.properties.property.find((p) => p.name === 'url')?.value, `${stack.bitbucket.gitHttpsUrl}/acme/web-frontend.git`);
  });

  it('lets a build reach Bitbucket with a credential stored as password parameters', async () => {
    await rest.send('POST', 'app/rest/projects/id:AcmeBackend/parameters', { name: 'env.BITBUCKET_EMAIL', value: 'alice@example.com' });
    await rest.send('POST', 'app/rest/projects/id:AcmeBackend/parameters', { name: 'env.BITBUCKET_API_TOKEN', value: 'ATATT-sandbox-alice-full', type: { rawValue: 'password' } });
    const script = [
      'node "%teamcity.tool.repo-access%/repo-access.js" --version',
      `node -e 'const a = Buffer.from(process.env.BITBUCKET_EMAIL + ":" + process.env.BITBUCKET_API_TOKEN).toString("base64");` +
        ` fetch(process.env.BITBUCKET_API_URL + "/user", { headers: { Authorization: "Basic " + a } }).then((r) => r.json()).then((u) => console.log("user=" + u.display_name))'`,
    ].join('\n');
    await rest.send('POST', 'app/rest/buildTypes', {
      id: 'AcmeBackend_Whoami',
      name: 'whoami',
      project: { id: 'AcmeBackend' },
      steps: { step: [{ type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: script }] } }] },
    });
    const queued = await rest.send<{ id: number }>('POST', 'app/rest/buildQueue', { buildType: { id: 'AcmeBackend_Whoami' } });
    const build = await stack.teamcity.waitForBuild(queued.id);
    const log = await rest.get<string>(`downloadBuildLog.html?buildId=${queued.id}`);
    assert.equal(build.status, 'SUCCESS', log);
    assert.match(log, /user=Alice Admin/);
    assert.ok(!log.includes('ATATT-sandbox-alice-full'));
  });

  describe('agent-side checkout of attached VCS roots', () => {
    const runWithRoot = async (id: string, rootId: string, script: string) => {
      await rest.send('POST', 'app/rest/buildTypes', {
        id,
        name: id,
        project: { id: 'AcmeBackend' },
        steps: { step: [{ type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: script }] } }] },
        'vcs-root-entries': { 'vcs-root-entry': [{ id: rootId, 'vcs-root': { id: rootId }, 'checkout-rules': '+:. => repos/src' }] },
      });
      const queued = await rest.send<{ id: number }>('POST', 'app/rest/buildQueue', { buildType: { id } });
      const build = await stack.teamcity.waitForBuild(queued.id);
      return { build, log: await rest.get<string>(`downloadBuildLog.html?buildId=${queued.id}`) };
    };

    it('clones over SSH with a key uploaded to the project, registered as an access key', async () => {
      const { privateKey, publicKey } = ed25519();
      const added = await fetch(`${stack.bitbucket.apiUrl}/repositories/acme/shared-lib/deploy-keys`, {
        method: 'POST',
        headers: { Authorization: ALICE, 'Content-Type': 'application/json' },
        body: JSON.stringify({ key: publicKey, label: 'stack-test' }),
      });
      assert.equal(added.status, 200, await added.text());
      await rest.send('POST', 'app/rest/projects/id:AcmeBackend/sshKeys?fileName=stack-test', privateKey);
      await rest.send('POST', 'app/rest/vcs-roots', {
        id: 'AcmeBackend_SharedLibSsh',
        name: 'shared-lib over ssh',
        vcsName: 'jetbrains.git',
        project: { id: 'AcmeBackend' },
        properties: { property: [{ name: 'url', value: `ssh://${stack.bitbucket.gitSsh}/acme/shared-lib.git` }, { name: 'branch', value: 'refs/heads/main' }, { name: 'authMethod', value: 'TEAMCITY_SSH_KEY' }, { name: 'teamcitySshKey', value: 'stack-test' }] },
      });
      const { build, log } = await runWithRoot('AcmeBackend_SshClone', 'AcmeBackend_SharedLibSsh', 'git -C repos/src log --oneline -1');
      assert.equal(build.status, 'SUCCESS', log);
      assert.match(log, /Using SSH key 'stack-test' uploaded to project AcmeBackend/);
      assert.match(log, /Checked out ssh:\/\/\S+\/acme\/shared-lib\.git \(main @ [0-9a-f]{12}\) into repos\/src/);
      assert.ok(!log.includes(privateKey.split('\n')[1]!), 'the key stays out of the log');
    });

    it('clones over HTTPS with a password that references a password parameter, masked in the log', async () => {
      await rest.send('POST', 'app/rest/vcs-roots', {
        id: 'AcmeBackend_SharedLibHttps',
        name: 'shared-lib over https',
        vcsName: 'jetbrains.git',
        project: { id: 'AcmeBackend' },
        properties: {
          property: [
            { name: 'url', value: `${stack.bitbucket.gitHttpsUrl}/acme/shared-lib.git` },
            { name: 'authMethod', value: 'PASSWORD' },
            { name: 'username', value: 'x-bitbucket-api-token-auth' },
            { name: 'secure:password', value: '%env.BITBUCKET_API_TOKEN%' },
          ],
        },
      });
      const { build, log } = await runWithRoot('AcmeBackend_HttpsClone', 'AcmeBackend_SharedLibHttps', 'test -d repos/src/.git && git -C repos/src config --get-regexp "^http" || echo "no credentials in .git/config"');
      assert.equal(build.status, 'SUCCESS', log);
      assert.match(log, /no credentials in \.git\/config/);
      assert.ok(!log.includes('ATATT-sandbox-alice-full'));
    });

    it('fails the build when the seeded app-password root can no longer check out', async () => {
      const { build, log } = await runWithRoot('AcmeBackend_AppPassword', 'AcmeBackend_CoreApi', 'echo should not run');
      assert.equal(build.status, 'FAILURE');
      assert.match(build.statusText, /^Failed to perform checkout on agent: core-api \(app password\)/);
      assert.doesNotMatch(log, /should not run$/m);
      assert.ok(!log.includes('sandbox-app-password'));
    });
  });
});
