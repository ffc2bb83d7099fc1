import assert from 'node:assert/strict';
import { createTeamCity, type TeamCity } from '../../plugin-ui/teamcity';
import { listBuildTypes } from '../../plugin-ui/repositories/clone-step/build-types';
import { attachVcsRoot, CLONE_STEP_NAME, ensureCloneStep } from '../../plugin-ui/repositories/clone-step/step';
import { listKeyRecords } from '../../plugin-ui/project/key-records';
import { auditKeys, rotateKey } from '../../plugin-ui/access-keys/operations';
import { ownershipReport } from '../../plugin-ui/ownership/report';
import { loadRepositories } from '../../plugin-ui/repositories/picker/source';
import { provision } from '../../plugin-ui/repositories/provision/provision';
import { readSettings } from '../../plugin-ui/project/settings';
import { propertyOf, upsertVcsRoot } from '../../plugin-ui/repositories/vcs/roots';
import { startStack, type Stack } from '../support/stack';
import { teamcityRest, type TeamCityRest } from '../support/teamcity-rest';
import { fetchTransport } from './support/fetch-transport';
import { configureAccessKeyMode } from '../e2e/workflow-support';

// The workflow's logic (everything under the React components) against both sandboxes and the bundled helper.
describe('workflow logic against the sandboxes', function () {
  this.timeout(180_000);
  const project = 'AcmeBackend';
  let stack: Stack;
  let tc: TeamCity;
  let rest: TeamCityRest;

  before(async () => {
    stack = await startStack();
    tc = createTeamCity(fetchTransport(stack.teamcity.url));
    rest = await teamcityRest(stack.teamcity.url);
    await configureAccessKeyMode(stack, project);
  });
  after(async () => stack?.close());

  const keyNames = async (): Promise<string[]> =>
    ((await rest.get<{ sshKey?: Array<{ name: string }> }>(`app/rest/projects/id:${project}/sshKeys`)).sshKey ?? []).map((k) => k.name);

  /** 150 more SSH roots of core-api on `keyName` in the project: more than one page of VCS roots. */
  const addManyRoots = async (keyName: string): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) {
      const id = `AcmeBackend_Many${String(i).padStart(3, '0')}`;
      const props = { url: `ssh://${stack.bitbucket.gitSsh}/acme/core-api.git`, branch: 'refs/heads/main', authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: keyName };
      await rest.send('POST', 'app/rest/vcs-roots', { id, name: `core-api copy ${i}`, vcsName: 'jetbrains.git', project: { id: project }, properties: { property: Object.entries(props).map(([name, value]) => ({ name, value })) } });
      ids.push(id);
    }
    return ids;
  };

  it('lists repositories in a build and caches the listing; git endpoints are only what the admin set', async () => {
    const settings = await readSettings(tc, project);
    const first = await loadRepositories(tc, project, settings, { refresh: true });
    assert.equal(first.fromCache, false);
    assert.ok(first.repositories.some((r) => r.fullName === 'acme/core-api' && r.project === 'CORE'));
    const again = await loadRepositories(tc, project, settings, { refresh: false });
    assert.deepEqual([again.fromCache, again.buildId, again.repositories.length], [true, first.buildId, first.repositories.length]);
    const learned = await readSettings(tc, project);
    assert.equal(learned.gitSsh, stack.bitbucket.gitSsh);

    // A repository whose main branch is not `main`: its root follows Bitbucket's mainbranch.
    const deployScripts = first.repositories.find((r) => r.fullName === 'acme/deploy-scripts')!;
    assert.equal(deployScripts.mainbranch, 'develop');
    const root = await upsertVcsRoot(tc, project, deployScripts, learned, { kind: 'https', mode: 'api-token' });
    assert.equal(propertyOf((await tc.vcsRoot(root.id))!, 'branch'), 'refs/heads/develop');
    await rest.send('DELETE', `app/rest/vcs-roots/id:${root.id}`);
  });

  it('provisions a sealed key, uploads it, creates VCS roots; rotation swaps it everywhere', async () => {
    const settings = await readSettings(tc, project);
    const slugs = ['core-api', 'web-frontend', 'deploy-scripts'];
    const progress: string[] = [];
    const outcome = await provision(tc, project, {
      settings,
      scope: { projects: [], slugs },
      label: 'repoaccess-AcmeBackend-test1',
      onProgress: (p) => p.text && progress.push(p.text),
    });
    assert.equal(outcome.complete, true, JSON.stringify(outcome.results));
    assert.deepEqual(outcome.record.repos.sort(), slugs.map((s) => `acme/${s}`).sort());
    assert.deepEqual(await keyNames(), ['repoaccess-AcmeBackend-test1']);
    const pub = outcome.record.publicKey.split(' ').slice(0, 2).join(' ');
    for (const slug of slugs) assert.ok(stack.bitbucket.state.accessKeysFor('acme', slug).includes(pub), `${slug} carries the key`);

    const storedKey = stack.teamcity.store.project(project)?.sshKeys['repoaccess-AcmeBackend-test1'] ?? '';
    assert.match(storedKey, /BEGIN OPENSSH PRIVATE KEY/);
    const body = storedKey.split('\n')[1] ?? '';
    const log = await tc.buildLog(outcome.buildId);
    assert.ok(!log.includes(body), 'the private key is not in the build log');
    for (const name of await tc.artifacts(outcome.buildId, 'out')) assert.ok(!(await tc.artifactText(outcome.buildId, `out/${name}`)).includes(body), `${name} holds no plain key`);

    const root = await upsertVcsRoot(tc, project, { fullName: 'acme/core-api', mainbranch: 'main' }, settings, { kind: 'ssh-key', keyName: outcome.record.label });
    assert.equal(root.status, 'created');
    assert.equal((await upsertVcsRoot(tc, project, { fullName: 'acme/core-api', mainbranch: 'main' }, settings, { kind: 'ssh-key', keyName: outcome.record.label })).status, 'unchanged');
    assert.equal(root.id, 'AcmeBackend_core_api');
    const twin = await upsertVcsRoot(tc, project, { fullName: 'acme/core_api', mainbranch: 'main' }, settings, { kind: 'ssh-key', keyName: outcome.record.label });
    assert.match(twin.id, /^AcmeBackend_core_api_[0-9a-z]+$/, 'a repository whose readable id is taken gets the hashed one');
    assert.equal((await upsertVcsRoot(tc, project, { fullName: 'acme/core_api', mainbranch: 'main' }, settings, { kind: 'ssh-key', keyName: outcome.record.label })).id, twin.id);
    await rest.send('DELETE', `app/rest/vcs-roots/id:${twin.id}`);
    const created = await tc.vcsRoot(root.id);
    assert.equal(propertyOf(created!, 'url'), `ssh://${stack.bitbucket.gitSsh}/acme/core-api.git`);
    assert.equal(propertyOf(created!, 'teamcitySshKey'), outcome.record.label);

    const audit = await auditKeys(tc, project, settings, await listKeyRecords(tc, project));
    assert.deepEqual(audit.filter((row) => row.label === outcome.record.label).map((row) => row.repo).sort(), slugs.map((s) => `acme/${s}`).sort());

    await rest.send('POST', 'app/rest/buildTypes', { id: 'AcmeBackend_SshCheckout', name: 'SSH checkout', project: { id: project } });
    const checkoutBuild = (await listBuildTypes(tc, project)).find((b) => b.id === 'AcmeBackend_SshCheckout')!;
    assert.deepEqual(await attachVcsRoot(tc, checkoutBuild, root.id, 'acme/core-api', settings), { status: 'attached', replaced: [] });
    const checkout = async (): Promise<string> => {
      const queued = await tc.queueBuild('AcmeBackend_SshCheckout');
      const done = await stack.teamcity.waitForBuild(queued.id, 60_000);
      const text = await tc.buildLog(queued.id);
      assert.equal(done.status, 'SUCCESS', text);
      assert.match(text, /Checked out ssh:\/\/\S+\/acme\/core-api\.git \(main @ [0-9a-f]{12}\) into repos\/core-api/);
      return text;
    };
    assert.ok(!(await checkout()).includes(body));

    // Past TeamCity's 100-per-page default: rotation must reach every root on every page.
    const many = await addManyRoots(outcome.record.label);
    const rotated = await rotateKey(tc, project, settings, outcome.record);
    assert.deepEqual(rotated.leftOnOld, []);
    assert.deepEqual([...rotated.switchedRoots].sort(), [root.id, ...many].sort());
    for (const id of many) assert.equal(stack.teamcity.store.vcsRoot(id)?.properties.teamcitySshKey, rotated.record.label);
    assert.equal(propertyOf((await tc.vcsRoot(root.id))!, 'teamcitySshKey'), rotated.record.label);
    assert.deepEqual(await keyNames(), [rotated.record.label]);
    const newPub = rotated.record.publicKey.split(' ').slice(0, 2).join(' ');
    for (const slug of slugs) {
      const keys = stack.bitbucket.state.accessKeysFor('acme', slug);
      assert.ok(keys.includes(newPub) && !keys.includes(pub), `${slug}: new key in, old key out`);
    }
    assert.deepEqual((await listKeyRecords(tc, project)).map((r) => r.label), [rotated.record.label]);
    assert.match(await checkout(), new RegExp(`SSH key '${rotated.record.label}'`));
  });

  it('adds a clone step before the existing steps; it clones over HTTPS with the project clone credential in a real build', async () => {
    // Ordinary builds never get the management credential: cloning over HTTPS takes its own read-only credential.
    await tc.setParameter(project, 'env.BITBUCKET_AUTH', 'access-token');
    await tc.setParameter(project, 'env.BITBUCKET_ACCESS_TOKEN', 'ATCTT-sandbox-workspace', { password: true });
    const usesSources = { name: 'Use the sources', type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: 'cat repos/core-api/README.md' }, { name: 'use.custom.script', value: 'true' }] } };
    const created = await rest.send<{ id: string }>('POST', 'app/rest/buildTypes', { id: 'AcmeBackend_CloneDemo', name: 'Clone demo', project: { id: project }, steps: { step: [usesSources] } });
    const bt = (await listBuildTypes(tc, project)).find((b) => b.id === created.id)!;
    assert.equal(await ensureCloneStep(tc, bt, ['acme/core-api']), 'added');
    const again = (await listBuildTypes(tc, project)).find((b) => b.id === created.id)!;
    assert.equal(await ensureCloneStep(tc, again, ['acme/core-api']), 'unchanged');
    assert.equal(await ensureCloneStep(tc, again, ['acme/core-api', 'acme/web-frontend']), 'updated');
    const build = await tc.queueBuild(created.id);
    const finished = await stack.teamcity.waitForBuild(build.id, 60_000);
    const log = await tc.buildLog(build.id);
    assert.equal(finished.status, 'SUCCESS', log);
    assert.match(log, /cloned acme\/web-frontend \(main @ [0-9a-f]{7,}\) over https/);
    assert.match(log, /cloned acme\/core-api \(main @ [0-9a-f]{7,}\) over https/);
    assert.ok(!log.includes('ATATT-sandbox-alice-full') && !log.includes('ATCTT-sandbox-workspace'));
    const steps = (await listBuildTypes(tc, project)).find((b) => b.id === created.id)?.steps?.step ?? [];
    assert.deepEqual(steps.map((s) => s.name), [CLONE_STEP_NAME, 'Use the sources']);
    assert.match(log, /# Sample repository/, 'the step after it found the sources');
  });

  it('reports the seeded app-password and API-token roots as depending on a person', async () => {
    const buildsBefore = stack.teamcity.store.data.builds.length;
    const unchecked = await ownershipReport(tc, project, await readSettings(tc, project));
    assert.equal(stack.teamcity.store.data.builds.length, buildsBefore, 'reading the report queues no build');
    assert.equal(unchecked.find((f) => f.id === 'AcmeBackend:env.BITBUCKET_AUTH')?.owner, 'alice@example.com', 'the login alone before a check');
    const findings = await ownershipReport(tc, project, await readSettings(tc, project), { checkOwner: true });
    const byId = new Map(findings.map((f) => [f.id, f]));
    assert.deepEqual([byId.get('AcmeBackend_CoreApi')?.verdict, byId.get('AcmeBackend_CoreApi')?.owner], ['retired', 'alice']);
    assert.equal(byId.get('AcmeBackend_WebFrontend')?.verdict, 'personal');
    assert.deepEqual(byId.get('AcmeBackend_CoreApi')?.dependents.map((d) => d.id), ['AcmeBackend_Build']);
    assert.equal(byId.get('AcmeBackend:env.BITBUCKET_AUTH')?.owner, 'Alice Admin (alice@example.com)', 'the name from a check run');
    assert.ok(byId.get('AcmeBackend:env.BITBUCKET_AUTH')?.dependents.some((d) => d.id === 'AcmeBackend_RepoAccessOps'));
    const manyIds = stack.teamcity.store.data.vcsRoots.filter((r) => r.id.startsWith('AcmeBackend_Many')).map((r) => r.id);
    assert.equal(manyIds.length, 150);
    for (const id of manyIds) assert.equal(byId.get(id)?.verdict, 'non-personal', `${id} is in the report`);
  });

  it('"Add to builds" replaces the build\'s app-password root of the same repository, which stays unattached; the build succeeds', async () => {
    const before = await tc.queueBuild('AcmeBackend_Build');
    assert.equal((await stack.teamcity.waitForBuild(before.id, 60_000)).status, 'FAILURE', 'the seeded app password is dead');
    const settings = await readSettings(tc, project);
    const build = (await listBuildTypes(tc, project)).find((b) => b.id === 'AcmeBackend_Build')!;
    const outcome = await attachVcsRoot(tc, build, 'AcmeBackend_core_api', 'acme/core-api', settings);
    assert.deepEqual(outcome, { status: 'attached', replaced: ['AcmeBackend_CoreApi'] });
    assert.deepEqual(stack.teamcity.store.buildType('AcmeBackend_Build')?.vcsRootEntries, [{ vcsRootId: 'AcmeBackend_core_api', checkoutRules: '' }], 'same checkout rules');
    assert.ok(stack.teamcity.store.vcsRoot('AcmeBackend_CoreApi'), 'the old root is not deleted');
    const after = await tc.queueBuild('AcmeBackend_Build');
    const done = await stack.teamcity.waitForBuild(after.id, 60_000);
    const log = await tc.buildLog(after.id);
    assert.equal(done.status, 'SUCCESS', log);
    assert.match(log, /Checked out ssh:\/\/\S+\/acme\/core-api\.git/);
    const again = (await listBuildTypes(tc, project)).find((b) => b.id === 'AcmeBackend_Build')!;
    assert.deepEqual(await attachVcsRoot(tc, again, 'AcmeBackend_core_api', 'acme/core-api', settings), { status: 'present', replaced: [] });
  });
});
