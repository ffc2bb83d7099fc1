import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { loadRepositories } from '../../plugin-ui/repositories/picker/source';
import { readSettings } from '../../plugin-ui/app/settings';
import type { TeamCity } from '../../plugin-ui/teamcity';
import { openBrowser, type BrowserSession } from '../support/browser';
import { startStack, type Stack } from '../support/stack';
import { teamcityRest } from '../support/teamcity-rest';
import { configureAccessTokenMode, runBuild } from './workflow-support';

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
});
