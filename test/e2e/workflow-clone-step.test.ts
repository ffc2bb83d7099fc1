import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { z } from 'zod/mini';
import type { TeamCity } from '../../plugin-ui/teamcity';
import { openBrowser, type BrowserSession } from '../support/browser';
import { startStack, type Stack } from '../support/stack';
import { fetchRest } from '../ui/support/fetch-transport';
import { configureAccessTokenMode, runBuild } from './workflow-support';

// HTTPS mode (a workspace access token): VCS roots that refer to the stored token, and the
// "Clone with Repo Access" step, whose build clones for real with the bundled helper.
describe('workflow: access token, VCS roots and the clone step (Chromium, sandboxes)', function () {
  this.timeout(180_000);
  const project = 'AcmeBackend';
  const buildType = 'AcmeBackend_Integration';
  const token = 'ATCTT-sandbox-workspace';
  let stack: Stack;
  let tc: TeamCity;
  let browser: BrowserSession;
  let page: Page;

  before(async () => {
    stack = await startStack();
    tc = await configureAccessTokenMode(stack, project, buildType, token);
    browser = await openBrowser();
    page = browser.page;
    await page.goto(stack.teamcity.adminTabUrl(project));
    await page.getByRole('tab', { name: 'Repositories' }).click();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('creates HTTPS VCS roots and a clone step; the build clones both repositories', async () => {
    // The sandbox's git servers are an endpoint the admin types and confirms: nothing is taken from a build.
    await page.getByRole('radio', { name: 'Another endpoint' }).check();
    await page.getByLabel('SSH endpoint (user@host[:port])').fill(stack.bitbucket.gitSsh);
    await page.getByLabel('HTTPS base URL').fill(stack.bitbucket.gitHttpsUrl);
    const save = page.getByRole('button', { name: 'Save endpoints' });
    assert.equal(await save.isDisabled(), true, 'not before the admin confirms');
    await page.getByRole('checkbox', { name: /I confirm builds may send their keys and credentials to/ }).check();
    await save.click();
    await page.getByText('Saved: new VCS roots use these endpoints.').waitFor();
    await page.getByRole('button', { name: 'List repositories' }).click();
    await page.getByRole('list', { name: 'Repositories' }).waitFor({ timeout: 60_000 });
    for (const repo of ['acme/core-api', 'acme/shared-lib']) {
      await page.getByLabel('Filter repositories').fill(repo.split('/')[1]!);
      await page.getByRole('checkbox', { name: repo, exact: true }).check();
    }
    await page.getByRole('button', { name: 'Create VCS roots for 2 repositories' }).click();
    const roots = page.getByRole('table', { name: 'VCS roots' });
    await roots.waitFor({ timeout: 30_000 });
    assert.equal(await roots.locator('tbody tr').count(), 2);
    const root = stack.teamcity.store.vcsRoot('AcmeBackend_core_api')!;
    assert.equal(root.properties.url, `${stack.bitbucket.gitHttpsUrl}/acme/core-api.git`);
    assert.deepEqual([root.properties.authMethod, root.properties.username, root.properties['secure:password']], ['PASSWORD', 'x-token-auth', '%env.BITBUCKET_ACCESS_TOKEN%']);

    await page.getByRole('checkbox', { name: 'Integration tests' }).check();
    await page.getByRole('button', { name: 'Add to 1 build configuration' }).click();
    await page.getByLabel('Build configuration changes').getByText(/Integration tests: clone step added/).waitFor({ timeout: 30_000 });
    await browser.screenshot('workflow-clone-step');

    assert.deepEqual(stack.teamcity.store.buildType(buildType)?.steps.map((s) => s.name), ['Clone with Repo Access', 'Run the tests'], 'the clone step comes first');
    const build = await runBuild(stack, tc, buildType);
    assert.equal(build.status, 'SUCCESS', build.log);
    assert.match(build.log, /Clone with Repo Access/);
    assert.match(build.log, /# Sample repository/, 'the existing step found the sources');
    for (const repo of ['core-api', 'shared-lib']) assert.match(build.log, new RegExp(`cloned acme/${repo} \\(main @ [0-9a-f]{7,}\\) over https`));
    assert.ok(!build.log.includes(token), 'the token is not in the log');
    assert.doesNotMatch(await page.content(), new RegExp(token));
  });

  it('the HTTPS VCS root checks out with the stored token it refers to', async () => {
    const body = { id: 'AcmeBackend_shared_lib', 'vcs-root': { id: 'AcmeBackend_shared_lib' }, 'checkout-rules': '+:. => src/shared-lib' };
    await fetchRest(stack.teamcity.url).send('POST', `app/rest/buildTypes/id:${buildType}/vcs-root-entries`, body, z.unknown(), 'attach');
    const build = await runBuild(stack, tc, buildType);
    assert.equal(build.status, 'SUCCESS', build.log);
    assert.match(build.log, /Checked out http:\/\/\S+\/acme\/shared-lib\.git \(main @ [0-9a-f]{12}\)/);
    assert.ok(!build.log.includes(token));
  });
});
