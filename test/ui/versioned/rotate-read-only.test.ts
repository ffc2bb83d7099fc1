import assert from 'node:assert/strict';
import { listBuildTypes } from '../../../plugin-ui/repositories/clone-step/build-types';
import { attachVcsRoot } from '../../../plugin-ui/repositories/clone-step/step';
import { listKeyRecords, type KeyRecord } from '../../../plugin-ui/project/key-records';
import { planRotation, revokeKey } from '../../../plugin-ui/access-keys/operations';
import { provision } from '../../../plugin-ui/repositories/provision/provision';
import { readSettings } from '../../../plugin-ui/project/settings';
import { renderKotlin } from '../../../plugin-ui/versioned/kotlin';
import { renderXml } from '../../../plugin-ui/versioned/xml';
import { zipFiles } from '../../../plugin-ui/versioned/zip';
import { checkAgainstPlan } from '../../../plugin-ui/versioned/plan';
import { upsertVcsRoot } from '../../../plugin-ui/repositories/vcs/roots';
import type { TeamCity } from '../../../plugin-ui/teamcity';
import { startStack, type Stack } from '../../support/stack';
import { teamcityRest, type TeamCityRest } from '../../support/teamcity-rest';
import { configureAccessKeyMode, keyLines, runBuild } from '../../e2e/workflow-support';

// Rotation where the project's settings are read-only: the new key is registered and uploaded, the roots' switch and
// the records come back as settings to commit, and the old key is revoked only once the sync has brought them in.
describe('rotating a key on a project with read-only versioned settings', function () {
  this.timeout(240_000);
  const project = 'AcmeBackend';
  const build = 'AcmeBackend_RotateCheckout';
  let stack: Stack;
  let tc: TeamCity;
  let rest: TeamCityRest;
  let rootId: string;
  let current: KeyRecord;

  before(async () => {
    stack = await startStack();
    tc = await configureAccessKeyMode(stack, project);
    rest = await teamcityRest(stack.teamcity.url);
    const settings = await readSettings(tc, project);
    const outcome = await provision(tc, project, { settings, scope: { projects: [], slugs: ['core-api'] }, label: 'repoaccess-AcmeBackend-rot1' });
    assert.equal(outcome.complete, true, JSON.stringify(outcome.results));
    current = outcome.record;
    rootId = (await upsertVcsRoot(tc, project, { fullName: 'acme/core-api', mainbranch: 'main' }, settings, { kind: 'ssh-key', keyName: current.label })).id;
    await rest.send('POST', 'app/rest/buildTypes', { id: build, name: 'Rotate checkout', project: { id: project } });
    const bt = (await listBuildTypes(tc, project)).find((b) => b.id === build)!;
    assert.equal((await attachVcsRoot(tc, bt, rootId, 'acme/core-api', settings)).status, 'attached');
  });
  after(async () => stack?.close());

  const readOnly = (format: 'kotlin' | 'xml') =>
    rest.send('PUT', `app/rest/projects/id:${project}/versionedSettings/config`, { synchronizationMode: 'enabled', format, allowUIEditing: false, vcsRootId: 'AcmeBackend_CoreApi' });
  const publicKey = (record: KeyRecord) => record.publicKey.split(' ').slice(0, 2).join(' ');
  const inBitbucket = (record: KeyRecord) => stack.bitbucket.state.accessKeysFor('acme', 'core-api').includes(publicKey(record));
  const settingsSnapshot = () =>
    JSON.stringify({ roots: stack.teamcity.store.data.vcsRoots, buildTypes: stack.teamcity.store.data.buildTypes, parameters: stack.teamcity.store.project(project)!.parameters });

  /** Rotates on the read-only project and checks what it did and did not write; returns the plan and the new record. */
  async function rotate() {
    const old = current;
    const before = settingsSnapshot();
    const rotation = await planRotation(tc, project, await readSettings(tc, project), old);
    assert.deepEqual(rotation.leftOnOld, []);
    assert.equal(settingsSnapshot(), before, 'no setting was written: roots, builds and parameters as they were');
    assert.ok(inBitbucket(rotation.record), 'the new key is registered in Bitbucket');
    assert.ok(inBitbucket(old), 'the old key stays registered until the commit is in');
    const sshKeys = stack.teamcity.store.project(project)!.sshKeys;
    assert.ok(sshKeys[rotation.record.label] && sshKeys[old.label], 'the new key is uploaded, the old one still there');
    assert.deepEqual(rotation.plan.changedRoots, [{ id: rootId, name: 'acme/core-api', projectId: project, fromKey: old.label, toKey: rotation.record.label }]);
    assert.deepEqual(
      await checkAgainstPlan(tc, project, rotation.plan, await listBuildTypes(tc, project)),
      { missing: [], oldRoots: [rootId] },
      'before the commit the root is on the old key',
    );
    return { old, rotation, privateKey: sshKeys[rotation.record.label]! };
  }

  /** After the sync: no root on the old key, a build checks out over the new one, revoking the old key removes it from Bitbucket. */
  async function finish(old: KeyRecord, rotation: Awaited<ReturnType<typeof rotate>>['rotation']) {
    assert.deepEqual(await checkAgainstPlan(tc, project, rotation.plan, await listBuildTypes(tc, project)), { missing: [], oldRoots: [] });
    const run = await runBuild(stack, tc, build);
    assert.equal(run.status, 'SUCCESS', run.log);
    assert.match(run.log, new RegExp(`SSH key '${rotation.record.label}'`));
    assert.match(run.log, /Checked out ssh:\/\/\S+\/acme\/core-api\.git/);
    const revoked = await revokeKey(tc, project, await readSettings(tc, project), old);
    assert.equal(revoked.removedFromTeamCity, true, revoked.failed.join('; '));
    assert.ok(!inBitbucket(old), 'the old key is gone from Bitbucket');
    assert.ok(inBitbucket(rotation.record), 'the new key stays');
    assert.equal(stack.teamcity.store.project(project)!.sshKeys[old.label], undefined, 'the old SSH key is gone');
    current = rotation.record;
    return revoked.recordLeft;
  }

  it('Kotlin: the snippet moves the root to the new key and swaps the records; after the sync the old key is revoked', async () => {
    await readOnly('kotlin');
    const { old, rotation, privateKey } = await rotate();
    const kotlin = renderKotlin(rotation.plan, 'test');
    assert.match(kotlin, new RegExp(`changeVcsRoot\\(RelativeId\\("${rootId}"\\)\\) \\{[\\s\\S]*uploadedKey = "${rotation.record.label}"`));
    assert.ok(kotlin.includes(`param("repoaccess.key.${rotation.record.label}"`), 'the new record is added');
    assert.match(kotlin, new RegExp(`remove \\{\\n {12}param\\("repoaccess\\.key\\.${old.label}"`), 'the old record is removed');
    for (const line of keyLines(privateKey)) assert.ok(!kotlin.includes(line), 'no private key in the snippet');
    assert.ok(!kotlin.includes('ATATT-') && !kotlin.includes('ATCTT-'), 'no credential in the snippet');

    // Sandbox-only: TeamCity loading the commit from the settings repository.
    await rest.send('POST', `sandbox/versionedSettings/${project}/sync`, kotlin);
    assert.deepEqual((await listKeyRecords(tc, project)).map((r) => r.label), [rotation.record.label], 'the records swapped');
    assert.equal(await finish(old, rotation), undefined, 'the commit removed the old record: nothing left to delete');
  });

  it('XML: the merge files move the root to the new key; after the sync the old key is revoked, its record left to delete', async () => {
    await readOnly('xml');
    const { old, rotation, privateKey } = await rotate();
    const files = renderXml(rotation.plan, project);
    assert.deepEqual(files.map((f) => f.path), [`repo-access-merge/.teamcity/${project}/vcsRoots/${rootId}.xml`, `repo-access-merge/.teamcity/${project}/project-config.xml`]);
    assert.match(files[0]!.text, new RegExp(`<param name="teamcitySshKey" value="${rotation.record.label}" />`));
    assert.match(files[1]!.text, new RegExp(`delete the <param> elements named repoaccess\\.key\\.${old.label}`));
    for (const file of files) for (const line of keyLines(privateKey)) assert.ok(!file.text.includes(line), 'no private key in the files');

    const sync = await fetch(`${stack.teamcity.url}/sandbox/versionedSettings/${project}/sync`, { method: 'POST', body: zipFiles(files), headers: { 'X-TC-CSRF-Token': stack.teamcity.csrfToken } });
    assert.equal(sync.status, 200, await sync.text());
    assert.ok((await listKeyRecords(tc, project)).some((r) => r.label === rotation.record.label), 'the new record is in');
    assert.equal(await finish(old, rotation), `repoaccess.key.${old.label}`, 'the XML says to delete it by hand: until then it is named');
  });
});
