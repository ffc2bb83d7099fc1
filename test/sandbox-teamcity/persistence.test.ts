import { strict as assert } from 'node:assert';
import { requireBuilt } from '../support/built';
import { runScripts, startTeamCity, type Build, type TeamCityFixture } from './fixture';


describe('TeamCity sandbox persistence', () => {
  let tc: TeamCityFixture;
  before(async () => {
    tc = await startTeamCity({ pluginZip: requireBuilt('zip') });
  });
  after(() => tc.close());

  it('keeps settings, keys, builds, logs and artifacts across a restart', async () => {
    await tc.rest.send('POST', 'app/rest/projects/id:AcmeBackend/parameters', { name: 'env.BITBUCKET_ACCESS_TOKEN', value: 'kept-secret', type: { rawValue: 'password' } });
    await tc.rest.send('POST', 'app/rest/projects/id:AcmeBackend/sshKeys?fileName=kept', '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n');
    const build = await runScripts(tc, ['mkdir -p out && echo "token is $BITBUCKET_ACCESS_TOKEN" | tee out/a.txt'], { id: 'AcmeBackend_Kept', artifactRules: 'out => out' });

    await tc.restart();
    const param = await tc.rest.get<{ type: { rawValue: string }; value?: string }>('app/rest/projects/id:AcmeBackend/parameters/env.BITBUCKET_ACCESS_TOKEN');
    assert.deepEqual([param.type.rawValue, param.value], ['password', undefined]);
    assert.deepEqual((await tc.rest.get<{ sshKey: Array<{ name: string }> }>('app/rest/projects/id:AcmeBackend/sshKeys')).sshKey.map((k) => k.name), ['kept']);
    const again = await tc.rest.get<Build>(`app/rest/builds/id:${build.id}`);
    assert.deepEqual([again.state, again.status], ['finished', 'SUCCESS']);
    assert.match(await tc.rest.get<string>(`downloadBuildLog.html?buildId=${build.id}`), /token is \*{7}/);
    assert.equal(await tc.rest.get(`app/rest/builds/id:${build.id}/artifacts/content/out/a.txt`), 'token is kept-secret\n');
    // Build ids keep counting after a restart.
    const next = await runScripts(tc, ['true'], { id: 'AcmeBackend_Next' });
    assert.equal(next.id, build.id + 1);
  });

  it('marks a build that was running when the sandbox stopped as interrupted, and runs what was still queued', async () => {
    await tc.rest.send('POST', 'app/rest/buildTypes', {
      id: 'AcmeBackend_Slow',
      name: 'slow',
      project: { id: 'AcmeBackend' },
      steps: { step: [{ type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: 'sleep 30' }] } }] },
    });
    const running = await tc.rest.send<{ id: number }>('POST', 'app/rest/buildQueue', { buildType: { id: 'AcmeBackend_Slow' } });
    await tc.rest.send('POST', 'app/rest/buildTypes', {
      id: 'AcmeBackend_Quick',
      name: 'quick',
      project: { id: 'AcmeBackend' },
      steps: { step: [{ type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: 'echo quick' }] } }] },
    });
    const queued = await tc.rest.send<{ id: number }>('POST', 'app/rest/buildQueue', { buildType: { id: 'AcmeBackend_Quick' } });
    await tc.sandbox.waitForBuild(running.id, 10_000, (build) => build.state === 'running');

    await tc.restart();
    const interrupted = await tc.rest.get<Build>(`app/rest/builds/id:${running.id}`);
    assert.deepEqual([interrupted.state, interrupted.status], ['finished', 'FAILURE']);
    assert.match(interrupted.statusText, /interrupted/);
    const quick = await tc.sandbox.waitForBuild(queued.id, 10_000);
    assert.equal(quick.status, 'SUCCESS');
  });
});
