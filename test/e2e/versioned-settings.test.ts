import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { loadRepositories } from '../../plugin-ui/repositories/picker/source';
import { readSettings } from '../../plugin-ui/project/settings';
import type { TeamCity } from '../../plugin-ui/teamcity';
import { openBrowser, type BrowserSession } from '../support/browser';
import { startStack, type Stack } from '../support/stack';
import { teamcityRest } from '../support/teamcity-rest';
import { configureAccessTokenMode, keyLines, runBuild } from './workflow-support';
import { provision } from '../../plugin-ui/repositories/provision/provision';
import { upsertVcsRoot } from '../../plugin-ui/repositories/vcs/roots';
import { listBuildTypes } from '../../plugin-ui/repositories/clone-step/build-types';
import { attachVcsRoot } from '../../plugin-ui/repositories/clone-step/step';
import type { KeyRecord } from '../../plugin-ui/project/key-records';

// A project whose settings come from a repository with UI editing off: the tab writes no setting, hands over
// Kotlin DSL to commit, and "Check again" confirms once TeamCity has loaded the commit (the sandbox's sync stand-in).
describe('versioned settings in the tab (Chromium, sandboxes)', function () {
  this.timeout(240_000);
  const project = 'AcmeBackend';
  const buildType = 'AcmeBackend_Integration';
  const token = 'ATCTT-sandbox-workspace';
  let stack: Stack;
  let tc: TeamCity;
  let browser: BrowserSession;
  let page: Page;

  before(async () => {
    stack = await startStack();
    // Set up while the project was still edited in the UI: the access token, the endpoints, one listing.
    tc = await configureAccessTokenMode(stack, project, buildType, token);
    await tc.setParameter(project, 'repoaccess.gitSsh', stack.bitbucket.gitSsh ?? '');
    await tc.setParameter(project, 'repoaccess.gitHttps', stack.bitbucket.gitHttpsUrl);
    await loadRepositories(tc, project, await readSettings(tc, project), { refresh: true });
    const rest = await teamcityRest(stack.teamcity.url);
    await rest.send('PUT', `app/rest/projects/id:${project}/versionedSettings/config`, { synchronizationMode: 'enabled', format: 'kotlin', allowUIEditing: false, vcsRootId: 'AcmeBackend_CoreApi' });
    browser = await openBrowser();
    page = browser.page;
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the notice, writes nothing, gives Kotlin to copy or download; after the sync "Check again" agrees and the build clones', async () => {
    const snapshot = () => JSON.stringify({ ...stack.teamcity.store.data, builds: [], nextBuildId: 0 });
    const before = snapshot();
    await page.goto(stack.teamcity.adminTabUrl(project));
    const notice = page.getByLabel('Versioned settings');
    await notice.waitFor();
    assert.match(await notice.innerText(), /^Settings of this project live in \S+\/acme\/core-api\.git \(Kotlin DSL\); Repo Access will write no settings here/);

    await page.getByRole('tab', { name: 'Repositories' }).click();
    await page.getByRole('list', { name: 'Repositories' }).waitFor({ timeout: 30_000 });
    for (const repo of ['acme/core-api', 'acme/shared-lib']) {
      await page.getByLabel('Filter repositories').fill(repo.split('/')[1]!);
      await page.getByRole('checkbox', { name: repo, exact: true }).check();
    }
    await page.getByRole('button', { name: 'Create VCS roots for 2 repositories' }).click();
    const snippet = page.getByLabel('Settings to commit');
    await snippet.waitFor({ timeout: 30_000 });
    await page.getByRole('checkbox', { name: 'Integration tests' }).check();
    await page.getByRole('button', { name: 'Add to 1 build configuration' }).click();
    await page.waitForFunction(() => (document.querySelector('textarea[aria-label="Settings to commit"]') as HTMLTextAreaElement | null)?.value.includes('changeBuildType'));
    const kotlin = await snippet.inputValue();
    assert.equal(snapshot(), before, 'the tab wrote no setting');
    assert.match(kotlin, /object AcmeBackend_core_api : GitVcsRoot\(\{\n {4}id\("AcmeBackend_core_api"\)/);
    assert.match(kotlin, /authMethod = password \{\n {8}userName = "x-token-auth"\n {8}password = "%env\.BITBUCKET_ACCESS_TOKEN%"/);
    assert.match(kotlin, /changeBuildType\(RelativeId\("AcmeBackend_Integration"\)\) \{\n {4}steps \{\n {8}insert\(0\) \{\n {12}script \{\n {16}name = "Clone with Repo Access"/);
    assert.ok(!kotlin.includes(token), 'no secret in the snippet');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download RepoAccess.kts' }).click()]);
    assert.equal(download.suggestedFilename(), 'RepoAccess.kts');
    assert.equal(await readFile((await download.path())!, 'utf8'), kotlin);

    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByText(/Not in the project yet: VCS root AcmeBackend_core_api, VCS root AcmeBackend_shared_lib, the clone step, first in AcmeBackend_Integration/).waitFor();

    // The admin commits the file; TeamCity loads it (sandbox stand-in).
    const sync = await fetch(`${stack.teamcity.url}/sandbox/versionedSettings/${project}/sync`, { method: 'POST', body: kotlin, headers: { 'X-TC-CSRF-Token': stack.teamcity.csrfToken } });
    assert.equal(sync.status, 200, await sync.text());
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByText('The project now holds the change.').waitFor();
    await browser.screenshot('versioned-settings-editing-off');

    const build = await runBuild(stack, tc, buildType);
    assert.equal(build.status, 'SUCCESS', build.log);
    for (const repo of ['core-api', 'shared-lib']) assert.match(build.log, new RegExp(`cloned acme/${repo} \\(main @ [0-9a-f]{7,}\\) over https`));
    assert.ok(!build.log.includes(token));
    assert.doesNotMatch(await page.content(), new RegExp(token));
    assert.deepEqual(stack.teamcity.store.buildType(buildType)?.requirements?.map((r) => [r.type, r.name, r.value]), [['does-not-contain', 'teamcity.agent.jvm.os.name', 'Windows']]);
  });

  it('two-way sync: the notice and a line before each write say TeamCity commits the change as you; the write goes ahead', async () => {
    const rest = await teamcityRest(stack.teamcity.url);
    await rest.send('PUT', `app/rest/projects/id:${project}/versionedSettings/config`, { synchronizationMode: 'enabled', format: 'kotlin', allowUIEditing: true, vcsRootId: 'AcmeBackend_CoreApi' });
    await page.goto(stack.teamcity.adminTabUrl(project));
    await page.getByLabel('Versioned settings').getByText(/Repo Access will write through TeamCity, which commits each change to that repository as you\./).waitFor();
    await page.getByRole('tab', { name: 'Repositories' }).click();
    await page.getByRole('list', { name: 'Repositories' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Filter repositories').fill('web-frontend');
    await page.getByRole('checkbox', { name: 'acme/web-frontend', exact: true }).check();
    const before = page.getByText(/^TeamCity will commit this change to \S+\/acme\/core-api\.git as you\.$/);
    assert.equal(await before.count(), 2, 'before creating roots and before adding to builds');
    await page.getByRole('button', { name: 'Create VCS roots for 1 repository' }).click();
    await page.getByRole('table', { name: 'VCS roots' }).waitFor({ timeout: 30_000 });
    assert.ok(stack.teamcity.store.vcsRoot('AcmeBackend_web_frontend'), 'written through REST');
  });

  it('editing off: Connection saves a new management credential into the "Repo Access" subproject, whose versioned settings are off', async () => {
    const rest = await teamcityRest(stack.teamcity.url);
    // Access-key mode, set up while the project was still edited in the UI.
    await tc.setParameter(project, 'repoaccess.mode', 'access-key');
    for (const name of ['env.BITBUCKET_AUTH', 'env.BITBUCKET_ACCESS_TOKEN']) await tc.deleteParameter(project, name);
    await tc.setOpsParameter(project, 'env.BITBUCKET_AUTH', 'api-token');
    await tc.setOpsParameter(project, 'env.BITBUCKET_EMAIL', 'alice@example.com');
    await tc.setOpsParameter(project, 'env.BITBUCKET_API_TOKEN', 'ATATT-sandbox-alice-expired', { password: true });
    await rest.send('PUT', `app/rest/projects/id:${project}/versionedSettings/config`, { synchronizationMode: 'enabled', format: 'kotlin', allowUIEditing: false, vcsRootId: 'AcmeBackend_CoreApi' });
    const projectBefore = JSON.stringify(stack.teamcity.store.project(project));

    await page.goto(stack.teamcity.adminTabUrl(project));
    await page.getByLabel('Versioned settings').waitFor();
    await page.getByRole('button', { name: 'Replace API token' }).click();
    await page.getByLabel('API token', { exact: true }).fill('ATATT-sandbox-alice-full');
    await page.getByRole('form', { name: 'Connection settings' }).getByRole('button', { name: /^Save/ }).click();
    await page.getByRole('form', { name: 'Connection settings' }).getByText(/^Saved\./).waitFor();

    const ops = stack.teamcity.store.buildType('AcmeBackend_RepoAccessOps')!;
    assert.equal(ops.projectId, 'AcmeBackend_RepoAccess');
    assert.equal(stack.teamcity.store.project('AcmeBackend_RepoAccess')?.versionedSettings?.synchronizationMode, 'disabled');
    assert.equal(ops.parameters.find((p) => p.name === 'env.BITBUCKET_API_TOKEN')?.value, 'ATATT-sandbox-alice-full');
    assert.equal(JSON.stringify(stack.teamcity.store.project(project)), projectBefore, 'nothing written to the read-only project');
    const check = await tc.runOperation(project, { v: 1, command: 'check' });
    assert.equal(check.succeeded, true, check.problem ?? '');
  });

  it('editing off: Rotate uploads a new key and gives the roots\' switch to commit; after the sync the build checks out over it and the old key is revoked', async () => {
    const rest = await teamcityRest(stack.teamcity.url);
    // A key and a root on it, made while the project was still edited in the UI (continues the test above: access-key mode).
    await rest.send('PUT', `app/rest/projects/id:${project}/versionedSettings/config`, { synchronizationMode: 'enabled', format: 'kotlin', allowUIEditing: true, vcsRootId: 'AcmeBackend_CoreApi' });
    const settings = await readSettings(tc, project);
    const old = (await provision(tc, project, { settings, scope: { projects: [], slugs: ['core-api'] }, label: 'repoaccess-AcmeBackend-e2e1' })).record;
    const root = await upsertVcsRoot(tc, project, { fullName: 'acme/core-api', mainbranch: 'main' }, settings, { kind: 'ssh-key', keyName: old.label });
    await rest.send('POST', 'app/rest/buildTypes', { id: 'AcmeBackend_KeyCheckout', name: 'Key checkout', project: { id: project } });
    const bt = (await listBuildTypes(tc, project)).find((b) => b.id === 'AcmeBackend_KeyCheckout')!;
    assert.equal((await attachVcsRoot(tc, bt, root.id, 'acme/core-api', settings)).status, 'attached');
    await rest.send('PUT', `app/rest/projects/id:${project}/versionedSettings/config`, { synchronizationMode: 'enabled', format: 'kotlin', allowUIEditing: false, vcsRootId: 'AcmeBackend_CoreApi' });
    const roots = () => JSON.stringify(stack.teamcity.store.data.vcsRoots);
    const before = roots();
    const material = (record: KeyRecord) => record.publicKey.split(' ').slice(0, 2).join(' ');

    await page.goto(stack.teamcity.adminTabUrl(project));
    await page.getByRole('tab', { name: 'Access keys' }).click();
    await page.getByRole('button', { name: `Rotate ${old.label}` }).click();
    const pending = page.getByRole('group', { name: `Rotation of ${old.label} to commit` });
    const snippet = pending.getByLabel('Settings to commit');
    await snippet.waitFor({ timeout: 90_000 });
    const kotlin = await snippet.inputValue();
    const fresh = new RegExp(`changeVcsRoot\\(RelativeId\\("${root.id}"\\)\\)[\\s\\S]*uploadedKey = "(\\S+)"`).exec(kotlin)?.[1];
    assert.ok(fresh, kotlin);
    assert.equal(roots(), before, 'no VCS root was written');
    assert.ok(stack.teamcity.store.project(project)!.sshKeys[fresh], 'the new key is uploaded');
    const records = () => stack.teamcity.store.project(project)!.parameters.filter((p) => p.name.startsWith('repoaccess.key.')).map((p) => p.name);
    assert.deepEqual(records(), [`repoaccess.key.${old.label}`], 'no record written');
    for (const line of keyLines(stack.teamcity.store.project(project)!.sshKeys[fresh]!)) assert.ok(!kotlin.includes(line), 'no key in the snippet');
    assert.ok(!kotlin.includes('ATATT-sandbox-alice-full'), 'no secret in the snippet');

    await pending.getByRole('button', { name: 'Check again' }).click();
    await pending.getByText(new RegExp(`still check out through the old credential's roots: ${root.id}`)).waitFor();
    const sync = await fetch(`${stack.teamcity.url}/sandbox/versionedSettings/${project}/sync`, { method: 'POST', body: kotlin, headers: { 'X-TC-CSRF-Token': stack.teamcity.csrfToken } });
    assert.equal(sync.status, 200, await sync.text());
    const build = await runBuild(stack, tc, 'AcmeBackend_KeyCheckout');
    assert.equal(build.status, 'SUCCESS', build.log);
    assert.match(build.log, new RegExp(`SSH key '${fresh}'`));
    assert.deepEqual(records(), [`repoaccess.key.${fresh}`], 'the sync swapped the records');

    await pending.getByRole('button', { name: 'Check again' }).click();
    await pending.getByRole('button', { name: `Revoke ${old.label}` }).click();
    await page.getByRole('group', { name: 'Confirm revoking' }).getByRole('button', { name: 'Confirm revoke' }).click();
    await page.getByText(new RegExp(`${old.label} revoked in Bitbucket and removed from TeamCity`)).waitFor({ timeout: 90_000 });
    await browser.screenshot('versioned-settings-rotate');
    const keys = stack.bitbucket.state.accessKeysFor('acme', 'core-api');
    assert.ok(!keys.includes(material(old)), 'the old key is gone from Bitbucket');
    assert.equal(stack.teamcity.store.project(project)!.sshKeys[old.label], undefined);
  });
});
