import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { draftFrom, type Draft } from '../../plugin-ui/connection/model';
import { saveConnection } from '../../plugin-ui/connection/save';
import { readSettings } from '../../plugin-ui/project/settings';
import { listBuildTypes } from '../../plugin-ui/repositories/clone-step/build-types';
import { CLONE_STEP_NAME, cloneScript, ensureCloneStep } from '../../plugin-ui/repositories/clone-step/step';
import { createTeamCity, NO_NODE_PROBLEM, opsBuildTypeId, OpsConfigurationChanged, type TeamCity } from '../../plugin-ui/teamcity';
import { startStack, type Stack, type StackOptions } from '../support/stack';
import { teamcityRest, type TeamCityRest } from '../support/teamcity-rest';
import { fetchTransport } from '../ui/support/fetch-transport';

const project = 'AcmeBackend';
const ops = opsBuildTypeId(project);
const TOKEN = 'ATATT-sandbox-alice-full';

interface Finished {
  id: number;
  status: string;
  statusText: string;
  problemOccurrences: { count: number };
}

async function stackWith(options: StackOptions = {}): Promise<{ stack: Stack; tc: TeamCity; rest: TeamCityRest }> {
  const stack = await startStack({ bitbucket: { git: false }, ...options });
  const tc = createTeamCity(fetchTransport(stack.teamcity.url));
  return { stack, tc, rest: await teamcityRest(stack.teamcity.url) };
}

/** What the Connection section saves for access-key mode with Alice's API token as the management credential. */
async function saveAccessKeyMode(tc: TeamCity): Promise<void> {
  const stored = (await readSettings(tc, project)).stored;
  const draft: Draft = { ...draftFrom(stored), mode: 'access-key', workspace: 'acme', managementAuth: 'api-token', email: 'alice@example.com', apiToken: TOKEN };
  await saveConnection(tc, project, draft, stored);
}

describe('operations build security (TeamCity and Bitbucket sandboxes)', function () {
  this.timeout(120_000);

  describe('on a trusted Linux agent with Node', () => {
    let stack: Stack;
    let tc: TeamCity;
    let rest: TeamCityRest;
    const marker = path.join(mkdtempSync(path.join(os.tmpdir(), 'ra-hostile-')), 'pwned');
    before(async () => {
      ({ stack, tc, rest } = await stackWith());
      await saveAccessKeyMode(tc);
    });
    after(async () => {
      await stack?.close();
      rmSync(path.dirname(marker), { recursive: true, force: true });
    });

    const run = async (buildTypeId: string, properties: Record<string, string> = {}): Promise<Finished & { log: string }> => {
      const queued = await rest.send<{ id: number }>('POST', 'app/rest/buildQueue', {
        buildType: { id: buildTypeId },
        properties: { property: Object.entries(properties).map(([name, value]) => ({ name, value })) },
      });
      await stack.teamcity.waitForBuild(queued.id, 60_000);
      const build = await rest.get<Finished>(`app/rest/builds/id:${queued.id}`);
      return { ...build, log: await rest.get<string>(`downloadBuildLog.html?buildId=${queued.id}`) };
    };
    const envDump = async (id: string, projectId: string): Promise<string> => {
      await rest.send('POST', 'app/rest/buildTypes', {
        id,
        name: id,
        project: { id: projectId },
        steps: { step: [{ type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: 'mkdir -p out && env > out/env.txt' }] } }] },
        settings: { property: [{ name: 'artifactRules', value: 'out/** => out' }] },
      });
      const build = await run(id);
      assert.equal(build.status, 'SUCCESS', build.log);
      return tc.artifactText(build.id, 'out/env.txt');
    };

    it('keeps the management credential on the operations build: a subproject build and a sibling build see none of it', async () => {
      const check = await tc.runOperation(project, { v: 1, command: 'check' });
      assert.equal(check.succeeded, true, check.problem ?? '');
      for (const [id, projectId] of [
        ['AcmeBackend_Services_PrintEnv', 'AcmeBackend_Services'],
        ['AcmeBackend_PrintEnv', project],
      ] as const) {
        const env = await envDump(id, projectId);
        assert.match(env, /^TEAMCITY_VERSION=/m, 'the dump is the build environment');
        assert.doesNotMatch(env, /ATATT|BITBUCKET_API_TOKEN|BITBUCKET_EMAIL|BITBUCKET_AUTH/, `${id} sees no management credential`);
      }
      const projectParams = await tc.parameters(project);
      assert.ok(![...projectParams.keys()].some((name) => name.startsWith('env.BITBUCKET_')), 'nothing of it on the project');
    });

    it('runs nothing of a custom build with a hostile spec, an old-style script or a spec in the environment', async () => {
      const attempts: Array<[Record<string, string>, RegExp]> = [
        [{ 'repoaccess.operation': `$(touch ${marker})` }, /REPO_ACCESS_OPERATION is not JSON/],
        [{ 'repoaccess.operation': JSON.stringify({ v: 1, command: 'check', run: `touch ${marker}` }) }, /not an operation this helper runs/],
        [{ 'env.REPO_ACCESS_OPERATION': `{"v":1,"command":"repos","workspace":"acme; touch ${marker}"}` }, /not a Bitbucket workspace id/],
        [{ 'repoaccess.script': `touch ${marker}` }, /REPO_ACCESS_OPERATION is empty/],
        // A custom build outranks the agent's own parameters, the tool path included: it is never shell text.
        [{ 'repoaccess.operation': '{"v":1,"command":"check"}', 'teamcity.tool.repo-access': `$(touch ${marker})` }, /Process exited with code 1/],
      ];
      for (const [properties, problem] of attempts) {
        const build = await run(ops, properties);
        assert.equal(build.status, 'FAILURE');
        assert.match(build.statusText, problem);
        assert.ok(!existsSync(marker), `nothing ran: ${JSON.stringify(properties)}`);
      }
    });

    it('drops queue-time NODE_OPTIONS and LD_PRELOAD before starting node', async () => {
      const evil = path.join(path.dirname(marker), 'evil.cjs');
      writeFileSync(evil, `require('fs').writeFileSync(${JSON.stringify(marker)}, JSON.stringify(process.env))`);
      const build = await run(ops, {
        'repoaccess.operation': JSON.stringify({ v: 1, command: 'check' }),
        'env.NODE_OPTIONS': `--require ${evil}`,
        'env.NODE_TLS_REJECT_UNAUTHORIZED': '0',
        'env.LD_PRELOAD': '/nonexistent/evil.so',
      });
      assert.equal(build.status, 'SUCCESS', build.log);
      assert.ok(!existsSync(marker), 'the injected module did not run with the credential');
    });

    it('refuses to queue once the configuration has an extra step, a changed step or an extra parameter', async () => {
      const queuedBefore = stack.teamcity.store.data.builds.length;
      const base = `app/rest/buildTypes/id:${ops}`;
      const step = await rest.send<{ id: string }>('POST', `${base}/steps`, { name: 'extra', type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: `touch ${marker}` }] } });
      await assert.rejects(tc.runOperation(project, { v: 1, command: 'check' }), (error: unknown) => error instanceof OpsConfigurationChanged && /2 build steps instead of one/.test(error.message));
      assert.equal((await readSettings(tc, project)).stored.set.apiToken, true, 'the Connection section still shows what is stored');
      await assert.rejects(tc.setOpsParameter(project, 'env.BITBUCKET_API_TOKEN', 'ATATT-x', { password: true }), OpsConfigurationChanged, 'no secret goes into a changed configuration');
      await rest.send('DELETE', `${base}/steps/${step.id}`);

      const [ours] = stack.teamcity.store.buildType(ops)!.steps;
      const original = ours!.properties['script.content']!;
      await rest.send('PUT', `${base}/steps/${ours!.id}/parameters/script.content`, `touch ${marker}\n${original}`, 'text/plain');
      await assert.rejects(tc.runOperation(project, { v: 1, command: 'check' }), /its build step is not the Repo Access step/);
      await rest.send('PUT', `${base}/steps/${ours!.id}/parameters/script.content`, original, 'text/plain');

      await rest.send('POST', `${base}/parameters`, { name: 'env.NODE_OPTIONS', value: `--require ${marker}` });
      await assert.rejects(tc.runOperation(project, { v: 1, command: 'check' }), /parameter env\.NODE_OPTIONS that Repo Access does not set/);
      await rest.send('DELETE', `${base}/parameters/env.NODE_OPTIONS`);

      assert.equal(stack.teamcity.store.data.builds.length, queuedBefore, 'nothing was queued');
      assert.ok(!existsSync(marker));
      assert.equal((await tc.runOperation(project, { v: 1, command: 'check' })).succeeded, true, 'runs again once put back');
    });

    it('starts every operation from an empty out/: a second provisioning on the same agent works', async () => {
      const { provision } = await import('../../plugin-ui/repositories/provision/provision');
      const settings = await readSettings(tc, project);
      const first = await provision(tc, project, { settings, scope: { projects: [], slugs: ['core-api'] }, label: 'repoaccess-AcmeBackend-first' });
      const second = await provision(tc, project, { settings, scope: { projects: [], slugs: ['web-frontend'] }, label: 'repoaccess-AcmeBackend-second' });
      assert.equal(first.complete && second.complete, true);
      assert.notEqual(first.record.fingerprint, second.record.fingerprint, 'the second run read its own key, not the first one');
      // The agent reports loopback git endpoints (BITBUCKET_GIT_SSH): they are never adopted for VCS roots.
      assert.deepEqual([(await readSettings(tc, project)).gitSsh, (await readSettings(tc, project)).gitHttps], ['git@ssh.bitbucket.org', 'https://bitbucket.org']);
    });
  });

  describe('agents that cannot run it', () => {
    it('an agent without Node: the operations build and the clone step fail with one line saying what to install', async () => {
      const { stack, tc, rest } = await stackWith({ agent: { properties: { 'repoaccess.trusted': 'true' }, nodeOnPath: false } });
      try {
        await saveAccessKeyMode(tc);
        const result = await tc.runOperation(project, { v: 1, command: 'check' });
        assert.equal(result.succeeded, false);
        assert.equal(result.problem, NO_NODE_PROBLEM);
        assert.equal((await rest.get<Finished>(`app/rest/builds/id:${result.build.id}`)).problemOccurrences.count, 1);

        await rest.send('POST', 'app/rest/buildTypes', {
          id: 'AcmeBackend_CloneNoNode',
          name: 'clone',
          project: { id: project },
          steps: { step: [{ name: CLONE_STEP_NAME, type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: cloneScript(['acme/core-api']) }] } }] },
        });
        const queued = await tc.queueBuild('AcmeBackend_CloneNoNode');
        const clone = await stack.teamcity.waitForBuild(queued.id, 60_000);
        assert.deepEqual([clone.status, clone.statusText, clone.problems.length], ['FAILURE', NO_NODE_PROBLEM, 1]);
      } finally {
        await stack.close();
      }
    });

    it('runs on the agents the admin chose in the tab: another agent parameter replaces repoaccess.trusted', async () => {
      const { stack, tc } = await stackWith({ agent: { properties: { 'ops.pool': 'credential-holders' } } });
      try {
        await saveAccessKeyMode(tc);
        await assert.rejects(tc.runOperation(project, { v: 1, command: 'check' }, { pollMs: 50 }), /No agent can run/);
        await tc.setTrustedAgentParameter(project, 'ops.pool');
        assert.deepEqual(stack.teamcity.store.buildType(ops)!.requirements!.map((r) => `${r.name} ${r.type}`), ['teamcity.agent.jvm.os.name does-not-contain', 'ops.pool exists']);
        assert.equal((await tc.runOperation(project, { v: 1, command: 'check' })).succeeded, true);
        await assert.rejects(tc.setTrustedAgentParameter(project, 'x; rm -rf /'), /agent parameter name/);
      } finally {
        await stack.close();
      }
    });

    it('a build with the clone step is not sent to a Windows agent', async () => {
      const { stack, tc, rest } = await stackWith({ agent: { os: 'Windows Server 2022' } });
      try {
        await rest.send('POST', 'app/rest/buildTypes', { id: 'AcmeBackend_CloneOnWindows', name: 'clone', project: { id: project } });
        const [buildType] = (await listBuildTypes(tc, project)).filter((b) => b.id === 'AcmeBackend_CloneOnWindows');
        assert.equal(await ensureCloneStep(tc, buildType!, ['acme/core-api']), 'added');
        assert.deepEqual(stack.teamcity.store.buildType('AcmeBackend_CloneOnWindows')!.requirements!.map((r) => `${r.name} ${r.type} ${r.value}`), ['teamcity.agent.jvm.os.name does-not-contain Windows']);
        const queued = await tc.queueBuild('AcmeBackend_CloneOnWindows');
        await stack.teamcity.waitForBuild(queued.id, 10_000, (build) => build.waitReason !== undefined);
        const build = await tc.build(queued.id);
        assert.deepEqual([build.state, build.waitReason], ['queued', 'There are no compatible agents which can run this build']);
      } finally {
        await stack.close();
      }
    });

    it('a Windows agent, or one not marked trusted, never gets the operations build; the tab says what to do', async () => {
      const agents: Array<StackOptions['agent']> = [{ os: 'Windows 11', properties: { 'repoaccess.trusted': 'true' } }, { properties: {} }];
      for (const agent of agents) {
        const { stack, tc } = await stackWith({ agent });
        try {
          await saveAccessKeyMode(tc);
          await assert.rejects(tc.runOperation(project, { v: 1, command: 'check' }, { pollMs: 50 }), /No agent can run the Repo Access operations build.*repoaccess\.trusted=true/);
          // The seed holds past builds of other configurations: only the operations build's count here.
          const ops = stack.teamcity.store.data.builds.filter((b) => b.buildTypeId === `${project}_RepoAccessOps`);
          assert.ok(ops.length > 0 && ops.every((b) => b.state === 'finished' && !b.startDate), 'it never started, and it was taken off the queue');
        } finally {
          await stack.close();
        }
      }
    });
  });
});
