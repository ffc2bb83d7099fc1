import assert from 'node:assert/strict';
import { listBuildTypes } from '../../../plugin-ui/repositories/clone-step/build-types';
import { keyRecordParameter, listKeyRecords } from '../../../plugin-ui/project/key-records';
import { revokeKey } from '../../../plugin-ui/access-keys/operations';
import { provision } from '../../../plugin-ui/repositories/provision/provision';
import { readSettings } from '../../../plugin-ui/project/settings';
import { cachedRepositories, loadRepositories } from '../../../plugin-ui/repositories/picker/source';
import { readVersionedSettings, versionedNotice } from '../../../plugin-ui/versioned/detect';
import { renderKotlin } from '../../../plugin-ui/versioned/kotlin';
import { renderXml } from '../../../plugin-ui/versioned/xml';
import { zipFiles } from '../../../plugin-ui/versioned/zip';
import { checkAgainstPlan, emptyPlan, planAttach, planNodeParameters, planRoots } from '../../../plugin-ui/versioned/plan';
import { upsertVcsRoot } from '../../../plugin-ui/repositories/vcs/roots';
import { TeamCityError, type TeamCity } from '../../../plugin-ui/teamcity';
import { startStack, type Stack } from '../../support/stack';
import { teamcityRest, type TeamCityRest } from '../../support/teamcity-rest';
import { configureAccessKeyMode, keyLines, runBuild } from '../../e2e/workflow-support';

// Projects whose settings live in a repository: detection, two-way writes, and the read-only case where the tab
// hands over Kotlin DSL instead of writing, which the sandbox's stand-in for the sync then applies.
describe('versioned settings against the sandboxes', function () {
  this.timeout(180_000);
  const project = 'AcmeBackend';
  let stack: Stack;
  let tc: TeamCity;
  let rest: TeamCityRest;
  let label: string;

  before(async () => {
    stack = await startStack();
    tc = await configureAccessKeyMode(stack, project);
    rest = await teamcityRest(stack.teamcity.url);
    const outcome = await provision(tc, project, { settings: await readSettings(tc, project), scope: { projects: [], slugs: ['core-api'] }, label: 'repoaccess-AcmeBackend-vs1' });
    assert.equal(outcome.complete, true, JSON.stringify(outcome.results));
    label = outcome.record.label;
  });
  after(async () => stack?.close());

  const versioned = (allowUIEditing: boolean) =>
    rest.send('PUT', `app/rest/projects/id:${project}/versionedSettings/config`, { synchronizationMode: 'enabled', format: 'kotlin', allowUIEditing, vcsRootId: 'AcmeBackend_CoreApi' });

  it('detects no versioned settings: no notice', async () => {
    const settings = await readVersionedSettings(tc, 'AcmeBackend_Services');
    assert.deepEqual(settings, { kind: 'off' });
    assert.equal(versionedNotice(settings), null);
  });

  it('two-way sync: detected from a subproject (inherited), writes go ahead, and the notice says TeamCity commits them as you', async () => {
    await versioned(true);
    const settings = await readVersionedSettings(tc, 'AcmeBackend_Services');
    assert.equal(settings.kind, 'two-way');
    assert.match(versionedNotice(settings)!, /^Settings of this project live in \S+\/acme\/core-api\.git \(Kotlin DSL\); Repo Access will write through TeamCity, which commits each change to that repository as you\.$/);
    const root = await upsertVcsRoot(tc, project, { fullName: 'acme/web-frontend', mainbranch: 'main' }, await readSettings(tc, project), { kind: 'https', mode: 'api-token' });
    assert.equal(root.status, 'created');
    await rest.send('DELETE', `app/rest/vcs-roots/id:${root.id}`);
  });

  it('editing off: nothing is written, the Kotlin names the new root by id with the key name and no secret; the sync applies it and the build checks out over the key', async () => {
    await versioned(false);
    const settings = await readVersionedSettings(tc, project);
    assert.equal(settings.kind, 'read-only');
    assert.match(versionedNotice(settings)!, /\(Kotlin DSL\); Repo Access will write no settings here: it gives you the change as Kotlin DSL to commit/);
    const workflow = await readSettings(tc, project);
    // What the sandbox answers to a write here: the tab must not try.
    await assert.rejects(upsertVcsRoot(tc, project, { fullName: 'acme/core-api', mainbranch: 'main' }, workflow, { kind: 'ssh-key', keyName: label }), (e: unknown) => e instanceof TeamCityError && e.status === 403);

    const snapshot = () => JSON.stringify({ ...stack.teamcity.store.data, builds: [], nextBuildId: 0, projects: stack.teamcity.store.data.projects.map(({ secureTokens: _t, ...p }) => p) });
    const before = snapshot();
    const roots = await planRoots(tc, project, [{ fullName: 'acme/core-api', mainbranch: 'main' }], workflow, { kind: 'ssh-key', keyName: label });
    const build = (await listBuildTypes(tc, project)).find((b) => b.id === 'AcmeBackend_Build')!;
    const change = await planAttach(tc, build, roots, workflow);
    const token = await tc.createSecureToken(project, 'ATATT-sandbox-alice-full');
    const plan = { roots, builds: [change], parameters: [{ name: 'env.BITBUCKET_API_TOKEN', value: token, password: true }] };
    const kotlin = renderKotlin(plan, 'Repo Access: commit to the settings repository');
    assert.equal(snapshot(), before, 'no setting was written');

    assert.match(kotlin, /object AcmeBackend_core_api : GitVcsRoot\(\{\n {4}id\("AcmeBackend_core_api"\)/);
    assert.match(kotlin, new RegExp(`authMethod = uploadedKey \\{\\n {8}uploadedKey = "${label}"`));
    assert.match(kotlin, /removeEntry\(RelativeId\("AcmeBackend_CoreApi"\)\)\n {8}root\(AcmeBackend_core_api\)/);
    assert.match(kotlin, /password\("env\.BITBUCKET_API_TOKEN", "credentialsJSON:[0-9a-f-]+"\)/);
    assert.ok(!kotlin.includes('ATATT-sandbox-alice-full'), 'no secret in the snippet');
    for (const line of keyLines(stack.teamcity.store.project(project)!.sshKeys[label]!)) assert.ok(!kotlin.includes(line), 'no key in the snippet');

    const pending = await checkAgainstPlan(tc, project, plan, await listBuildTypes(tc, project));
    assert.deepEqual(pending, { missing: ['VCS root AcmeBackend_core_api', 'AcmeBackend_core_api in AcmeBackend_Build'], oldRoots: ['AcmeBackend_CoreApi'] });

    // Sandbox-only: TeamCity loading the commit from the settings repository.
    await rest.send('POST', `sandbox/versionedSettings/${project}/sync`, kotlin);
    assert.deepEqual(await checkAgainstPlan(tc, project, plan, await listBuildTypes(tc, project)), { missing: [], oldRoots: [] });
    const run = await runBuild(stack, tc, 'AcmeBackend_Build');
    assert.equal(run.status, 'SUCCESS', run.log);
    assert.match(run.log, new RegExp(`Checked out ssh://\\S+/acme/core-api\\.git .*SSH key '${label}'|SSH key '${label}'[\\s\\S]*Checked out ssh://\\S+/acme/core-api\\.git`));
    assert.equal(stack.teamcity.store.project(project)!.parameters.find((p) => p.name === 'env.BITBUCKET_API_TOKEN')?.value, token, 'the parameter holds the token, not the secret');
  });

  it('editing off: a new key is registered and uploaded (SSH keys are not versioned); its record becomes a parameter of the Kotlin, not a write', async () => {
    await versioned(false);
    const before = stack.teamcity.store.project(project)!.parameters.length;
    const outcome = await provision(tc, project, { settings: await readSettings(tc, project), scope: { projects: [], slugs: ['shared-lib'] }, label: 'repoaccess-AcmeBackend-vs2', saveRecord: false });
    assert.equal(outcome.complete, true, JSON.stringify(outcome.results));
    assert.ok(stack.teamcity.store.project(project)!.sshKeys['repoaccess-AcmeBackend-vs2'], 'the key is uploaded');
    assert.equal(stack.teamcity.store.project(project)!.parameters.length, before, 'no parameter written');
    assert.ok(!(await listKeyRecords(tc, project)).some((r) => r.label === outcome.record.label));
    const kotlin = renderKotlin({ roots: [], builds: [], parameters: [{ ...keyRecordParameter(outcome.record), password: false }] }, 'test');
    assert.match(kotlin, /param\("repoaccess\.key\.repoaccess-AcmeBackend-vs2", "\{\\"label\\":\\"repoaccess-AcmeBackend-vs2\\"/);
    await rest.send('POST', `sandbox/versionedSettings/${project}/sync`, kotlin);
    assert.deepEqual((await listKeyRecords(tc, project)).find((r) => r.label === outcome.record.label), outcome.record);
  });

  it('editing off, XML format: the zip of settings files, loaded by the sync, moves a subproject build onto the new key', async () => {
    await rest.send('PUT', `app/rest/projects/id:${project}/versionedSettings/config`, { synchronizationMode: 'enabled', format: 'xml', allowUIEditing: false, vcsRootId: 'AcmeBackend_CoreApi' });
    assert.equal((await readVersionedSettings(tc, project)).kind, 'read-only');
    const workflow = await readSettings(tc, project);
    const outcome = await provision(tc, project, { settings: workflow, scope: { projects: [], slugs: ['deploy-scripts'] }, label: 'repoaccess-AcmeBackend-vs3', saveRecord: false });
    assert.equal(outcome.complete, true, JSON.stringify(outcome.results));
    const roots = await planRoots(tc, project, [{ fullName: 'acme/deploy-scripts', mainbranch: 'main' }], workflow, { kind: 'ssh-key', keyName: outcome.record.label });
    const build = (await listBuildTypes(tc, project)).find((b) => b.id === 'AcmeBackend_Services_Deploy')!;
    const plan = { roots, builds: [await planAttach(tc, build, roots, workflow)], parameters: [] };
    const files = renderXml(plan, project);
    assert.deepEqual(
      files.map((f) => f.path),
      ['.teamcity/AcmeBackend/vcsRoots/AcmeBackend_deploy_scripts.xml', 'repo-access-merge/.teamcity/AcmeBackend_Services/buildTypes/AcmeBackend_Services_Deploy.xml'],
      'the build file sits in its own project folder',
    );
    const sync = await fetch(`${stack.teamcity.url}/sandbox/versionedSettings/${project}/sync`, { method: 'POST', body: zipFiles(files), headers: { 'X-TC-CSRF-Token': stack.teamcity.csrfToken } });
    assert.equal(sync.status, 200, await sync.text());
    assert.deepEqual(await checkAgainstPlan(tc, project, plan, await listBuildTypes(tc, project)), { missing: [], oldRoots: [] });
    const run = await runBuild(stack, tc, 'AcmeBackend_Services_Deploy');
    assert.equal(run.status, 'SUCCESS', run.log);
    assert.match(run.log, /SSH key 'repoaccess-AcmeBackend-vs3'/);
    assert.match(run.log, /Checked out ssh:\/\/\S+\/acme\/deploy-scripts\.git/);
  });

  it('editing off: listing the repositories again works; the "Repo Access" subproject remembers the listing', async () => {
    await versioned(false);
    const loaded = await loadRepositories(tc, project, await readSettings(tc, project), { refresh: true });
    assert.ok(loaded.repositories.some((r) => r.fullName === 'acme/core-api'));
    assert.equal((await cachedRepositories(tc, project))?.buildId, loaded.buildId);
    assert.equal(stack.teamcity.store.project('AcmeBackend_RepoAccess')!.parameters.find((p) => p.name === 'repoaccess.reposBuildId')?.value, String(loaded.buildId));
  });

  it('editing off: revoking a key works through the subproject; its record, a versioned parameter, is left to delete in the repository', async () => {
    await versioned(false);
    const record = (await listKeyRecords(tc, project)).find((r) => r.label === 'repoaccess-AcmeBackend-vs2')!;
    assert.ok(record, 'the record the Kotlin sync brought in');
    const outcome = await revokeKey(tc, project, await readSettings(tc, project), record);
    assert.deepEqual(outcome, { removedFromTeamCity: true, failed: [], recordLeft: 'repoaccess.key.repoaccess-AcmeBackend-vs2' });
    assert.equal(stack.teamcity.store.project(project)!.sshKeys['repoaccess-AcmeBackend-vs2'], undefined, 'the SSH key is gone');
  });

  it('editing off: the Node parameters the clone step reads go into the settings to commit when the project lacks them; the sync adds them', async () => {
    await versioned(false);
    const nodeNames = ['repoaccess.node', 'env.REPO_ACCESS_NODE'];
    const stored = stack.teamcity.store.project(project)!;
    stored.parameters = stored.parameters.filter((p) => !nodeNames.includes(p.name));
    stack.teamcity.store.save();
    const planned = await planNodeParameters(tc, project);
    assert.deepEqual(planned, [
      { name: 'repoaccess.node', value: '', password: false },
      { name: 'env.REPO_ACCESS_NODE', value: '%repoaccess.node%', password: false },
    ]);
    await rest.send('POST', `sandbox/versionedSettings/${project}/sync`, renderKotlin({ ...emptyPlan(), parameters: planned }, 'test'));
    assert.deepEqual(
      stack.teamcity.store.project(project)!.parameters.filter((p) => nodeNames.includes(p.name)).map((p) => [p.name, p.value]),
      [['repoaccess.node', ''], ['env.REPO_ACCESS_NODE', '%repoaccess.node%']],
    );
    assert.deepEqual(await planNodeParameters(tc, project), [], 'nothing left to plan once the project has them');
  });
});
