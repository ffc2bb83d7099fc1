import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { requireBuilt } from '../support/built';
import { runScripts, startTeamCity, type Build, type TeamCityFixture } from './fixture';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const SECRET = 'ATATT-very-secret-value';

describe('TeamCity sandbox agent', () => {
  let tc: TeamCityFixture;
  before(async () => {
    tc = await startTeamCity({ pluginZip: requireBuilt('zip'), agentEnv: { BITBUCKET_API_URL: 'http://127.0.0.1:9/2.0' } });
  });
  after(() => tc.close());

  const log = (build: Build) => tc.rest.get<string>(`downloadBuildLog.html?buildId=${build.id}`);

  it('runs the bundled helper from the plugin zip as %teamcity.tool.repo-access%', async () => {
    const build = await runScripts(tc, ['node "%teamcity.tool.repo-access%/repo-access.js" --version']);
    assert.deepEqual([build.state, build.status, build.statusText], ['finished', 'SUCCESS', 'Success']);
    assert.match(await log(build), new RegExp(`^\\[[\\d:]+\\]i:   ${version.replace(/\./g, '\\.')}$`, 'm'));
  });

  it('provides the agent tool only to builds whose own settings reference it (lazy agent tools)', async () => {
    const viaQueue = await runScripts(tc, ['node "%tool.dir%/repo-access.js" --version'], { properties: [{ name: 'tool.dir', value: '%teamcity.tool.repo-access%' }] });
    assert.equal(viaQueue.status, 'FAILURE');
    assert.match(viaQueue.statusText, /Unresolved parameter reference\(s\).*%teamcity\.tool\.repo-access%/);
    const viaParameter = await runScripts(tc, ['node "$TOOL/repo-access.js" --version'], { parameters: [{ name: 'env.TOOL', value: '%teamcity.tool.repo-access%' }] });
    assert.equal(viaParameter.status, 'SUCCESS', viaParameter.statusText);
  });

  it('turns service messages into progress, problems and status text; later steps are skipped', async () => {
    const id = 'AcmeBackend_Messages';
    const gate = path.join(tc.dataDir, 'gate.fifo');
    execFileSync('mkfifo', [gate]);
    const script = [
      `echo "##teamcity[progressMessage 'Checking |'acme|' |[1/2|]']"`,
      // Holds the step until the test has seen the progress: the test writes to this FIFO.
      `cat "${gate}" > /dev/null`,
      `echo "##teamcity[buildProblem description='Bitbucket refused the token' identity='auth']" >&2`,
      `echo "##teamcity[buildStatus text='{build.status.text}, see the report']"`,
    ].join('\n');
    await tc.rest.send('POST', 'app/rest/buildTypes', {
      id,
      name: 'messages',
      project: { id: 'AcmeBackend' },
      steps: { step: [script, 'echo second step ran'].map((s) => ({ type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: s }] } })) },
    });
    const queued = await tc.rest.send<{ id: number }>('POST', 'app/rest/buildQueue', { buildType: { id } });
    await tc.sandbox.waitForBuild(queued.id, 10_000, (build) => build.state === 'finished' || build.currentStageText.startsWith('Checking'));
    const running = await tc.rest.get<Build>(`app/rest/builds/id:${queued.id}`);
    assert.equal(running.state, 'running');
    assert.equal(running['running-info']?.currentStageText, "Checking 'acme' [1/2]");
    await writeFile(gate, 'go\n');
    await tc.sandbox.waitForBuild(queued.id);
    const build = await tc.rest.get<Build>(`app/rest/builds/id:${queued.id}`);
    assert.equal(build.status, 'FAILURE');
    assert.equal(build.statusText, 'Bitbucket refused the token, see the report');
    assert.equal(build.problemOccurrences.count, 1);
    assert.deepEqual(tc.sandbox.store.build(build.id)!.problems.map((p) => [p.identity, p.description]), [['auth', 'Bitbucket refused the token']]);
    assert.doesNotMatch(await log(build), /second step ran/);
  });

  it('fails the build on a non-zero exit code', async () => {
    const build = await runScripts(tc, ['echo about to fail; exit 3']);
    assert.equal(build.status, 'FAILURE');
    assert.match(build.statusText, /Process exited with code 3/);
    const page = await fetch(`${tc.sandbox.url}${(await tc.rest.get<{ webUrl: string }>(`app/rest/builds/id:${build.id}`)).webUrl}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /FAILURE[\s\S]*about to fail/);
  });

  it('resolves %params% from build, build type and parent projects, and passes env.* and the agent environment', async () => {
    await tc.rest.send('POST', 'app/rest/projects/id:AcmeBackend/parameters', { name: 'env.BITBUCKET_API_TOKEN', value: SECRET, type: { rawValue: 'password' } });
    await tc.rest.send('POST', 'app/rest/projects/id:AcmeBackend/parameters', { name: 'repoaccess.workspace', value: 'acme' });
    await tc.rest.send('POST', 'app/rest/projects/id:AcmeBackend_Services/parameters', { name: 'greeting', value: 'hello %repoaccess.workspace%' });
    const build = await runScripts(
      tc,
      ['echo "[%greeting%] [%from.build%] [%from.type%] 100%% done"; echo "api=$BITBUCKET_API_URL tc=$TEAMCITY_VERSION"; echo "token=$BITBUCKET_API_TOKEN"; test "$BITBUCKET_API_TOKEN" = "%env.BITBUCKET_API_TOKEN%"'],
      { projectId: 'AcmeBackend_Services', properties: [{ name: 'from.build', value: 'b' }], parameters: [{ name: 'from.type', value: 't' }] },
    );
    assert.equal(build.status, 'SUCCESS', build.statusText);
    const text = await log(build);
    assert.match(text, /\[hello acme\] \[b\] \[t\] 100% done/);
    assert.match(text, /api=http:\/\/127\.0\.0\.1:9\/2\.0 tc=2024\.07 \(build 160569\)/);
    assert.match(text, /token=\*{7}/);
    assert.ok(!text.includes(SECRET), 'password parameter values are masked in the build log');
  });

  it('fails a build whose script references an unknown parameter, without running it', async () => {
    const build = await runScripts(tc, ['echo ran %no.such.param%']);
    assert.equal(build.status, 'FAILURE');
    assert.match(build.statusText, /Unresolved parameter reference\(s\).*%no\.such\.param%/);
    assert.doesNotMatch(await log(build), /^\[[\d:]+\]i:\s+ran/m);
  });

  it('publishes artifacts per artifactRules and serves them', async () => {
    const build = await runScripts(tc, ['mkdir -p out/sub tmp && echo \'{"ok":true}\' > out/check.json && echo x > out/sub/deep.txt && echo no > tmp/skip.txt && echo log > out/skip.log'], {
      artifactRules: 'out/** => out\n-:out/*.log',
    });
    assert.equal(build.status, 'SUCCESS');
    const top = await tc.rest.get<{ file: Array<{ name: string }> }>(`app/rest/builds/id:${build.id}/artifacts/children/`);
    assert.deepEqual(top.file.map((f) => f.name), ['out']);
    const out = await tc.rest.get<{ file: Array<{ name: string; size?: number; content?: { href: string } }> }>(`app/rest/builds/id:${build.id}/artifacts/children/out`);
    assert.deepEqual(out.file.map((f) => f.name), ['check.json', 'sub']);
    assert.equal(await tc.rest.get(out.file[0]!.content!.href), '{"ok":true}\n');
    const messaged = await runScripts(tc, ['mkdir -p x && echo y > x/y.txt && echo "##teamcity[publishArtifacts \'x/y.txt => from-message\']"']);
    const children = await tc.rest.get<{ file: Array<{ name: string }> }>(`app/rest/builds/id:${messaged.id}/artifacts/children/from-message`);
    assert.deepEqual(children.file.map((f) => f.name), ['y.txt']);
    const escape = await tc.rest.raw('GET', `app/rest/builds/id:${build.id}/artifacts/content/..%2F..%2Fstate.json`);
    assert.equal(escape.status, 400);
  });

  it('runs queued builds one at a time, in order', async () => {
    await tc.rest.send('POST', 'app/rest/buildTypes', {
      id: 'AcmeBackend_Serial',
      name: 'serial',
      project: { id: 'AcmeBackend' },
      steps: { step: [{ type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: 'date +%%s%%N; sleep 0.3; date +%%s%%N' }] } }] },
    });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await tc.rest.send<{ id: number }>('POST', 'app/rest/buildQueue', { buildType: { id: 'AcmeBackend_Serial' } })).id);
    const spans: Array<[bigint, bigint]> = [];
    for (const id of ids) {
      await tc.sandbox.waitForBuild(id);
      const stamps = (await log({ id } as Build)).match(/^\[[\d:]+\]i:\s+(\d+)$/gm)!.map((l) => BigInt(l.split(/\s+/).pop()!));
      assert.equal(stamps.length, 2);
      spans.push([stamps[0]!, stamps[1]!]);
    }
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i]![0] >= spans[i - 1]![1], 'builds overlapped');
  });

  it('stops a build at its execution timeout', async () => {
    await tc.rest.send('POST', 'app/rest/buildTypes', {
      id: 'AcmeBackend_Hangs',
      name: 'hangs',
      project: { id: 'AcmeBackend' },
      settings: { property: [{ name: 'executionTimeoutMin', value: '0.01' }] },
      steps: { step: [{ type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: 'sleep 30' }] } }] },
    });
    const started = Date.now();
    const queued = await tc.rest.send<{ id: number }>('POST', 'app/rest/buildQueue', { buildType: { id: 'AcmeBackend_Hangs' } });
    const build = await tc.sandbox.waitForBuild(queued.id, 10_000);
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual([build.status, build.statusText], ['FAILURE', 'Execution timeout of 0.01 minute(s) exceeded']);
  });

  it('cancels a running build', async () => {
    await tc.rest.send('POST', 'app/rest/buildTypes', {
      id: 'AcmeBackend_Long',
      name: 'long',
      project: { id: 'AcmeBackend' },
      steps: { step: [{ type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: 'echo started; sleep 30' }] } }] },
    });
    const queued = await tc.rest.send<{ id: number }>('POST', 'app/rest/buildQueue', { buildType: { id: 'AcmeBackend_Long' } });
    await tc.sandbox.waitForBuild(queued.id, 10_000, (build) => build.state === 'running');
    const started = Date.now();
    await tc.rest.send('POST', `app/rest/builds/id:${queued.id}`, { comment: 'stop', readdIntoQueue: false });
    const build = await tc.sandbox.waitForBuild(queued.id, 10_000);
    assert.ok(Date.now() - started < 5000);
    assert.equal(build.statusText, 'Canceled');
  });
});
