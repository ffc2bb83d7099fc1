import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TeamCity } from '../../plugin-ui/teamcity';
import { z } from 'zod/mini';
import { openBrowser, type BrowserSession } from '../support/browser';
import { startStack, type Stack } from '../support/stack';
import { fetchRest } from '../ui/support/fetch-transport';
import { configureAccessKeyMode, keyLines, recordTraffic, runBuild } from './workflow-support';

// The seeded "Acme Backend" builds through an app password (retired) and a personal API token: the ownership
// report finds them, and one action moves their repositories to an access key in place.
describe('workflow: "what breaks if someone leaves" and migration (Chromium, sandboxes)', function () {
  this.timeout(240_000);
  const project = 'AcmeBackend';
  let stack: Stack;
  let tc: TeamCity;
  let browser: BrowserSession;
  let page: Page;
  let buildsBefore = 0;

  before(async () => {
    stack = await startStack();
    tc = await configureAccessKeyMode(stack, project);
    // A root still on the old SSH host (git over SSH moves to ssh.bitbucket.org).
    const oldHost = { url: 'git@bitbucket.org:acme/ops-ansible.git', branch: 'refs/heads/main', authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: 'ops-deploy-key' };
    const body = { id: 'AcmeBackend_OpsAnsible', name: 'ops-ansible (old SSH host)', vcsName: 'jetbrains.git', project: { id: project }, properties: { property: Object.entries(oldHost).map(([name, value]) => ({ name, value })) } };
    await fetchRest(stack.teamcity.url).send('POST', 'app/rest/vcs-roots', body, z.unknown(), 'create');
    browser = await openBrowser();
    page = browser.page;
    await page.goto(stack.teamcity.adminTabUrl(project));
    buildsBefore = stack.teamcity.store.data.builds.length;
    await page.getByRole('tab', { name: 'Who owns access' }).click();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  const row = (text: string) => page.getByRole('table', { name: 'Ownership report' }).locator('tbody tr', { hasText: text });

  it('classifies the seeded credentials with owners and dependent builds', async () => {
    await page.getByRole('table', { name: 'Ownership report' }).waitFor({ timeout: 60_000 });
    const app = row('core-api (app password)');
    assert.equal(await app.getAttribute('data-verdict'), 'retired');
    const appText = (await app.textContent()) ?? '';
    assert.match(appText, /2026-07-28/);
    assert.match(appText, /alice/);
    assert.match(appText, /Build/, 'the dependent build configuration');
    assert.equal(await row('web-frontend (API token)').getAttribute('data-verdict'), 'personal');
    assert.equal(await row('deploy-scripts (default private key)').getAttribute('data-verdict'), 'unknown');
    const stored = row('Management credential of AcmeBackend');
    assert.equal(await stored.getAttribute('data-verdict'), 'personal');
    assert.equal(stack.teamcity.store.data.builds.length, buildsBefore, 'opening the report queued no build');
    await page.getByRole('button', { name: 'Check who owns the management credential' }).click();
    await page.getByRole('button', { name: 'Check who owns the management credential' }).waitFor({ state: 'detached', timeout: 60_000 });
    assert.match((await stored.textContent()) ?? '', /Alice Admin \(alice@example\.com\)/, 'the owner by name, from a check run');

    const oldHost = row('ops-ansible (old SSH host)');
    assert.equal(await oldHost.getAttribute('data-ssh-host'), 'moving');
    assert.match((await oldHost.textContent()) ?? '', /SSH host moves.*change this root's URL to git@ssh\.bitbucket\.org:acme\/ops-ansible\.git/);
    assert.equal(await row('deploy-scripts (default private key)').getAttribute('data-ssh-host'), null, 'a root on another SSH host is not flagged');
    await page.getByText(/^1 VCS root still clones over SSH from bitbucket\.org/).waitFor();
    await browser.screenshot('workflow-migrate-1-report');
  });

  it('the app-password build is broken before, and builds over an access key after one click', async () => {
    const before = await runBuild(stack, tc, 'AcmeBackend_Build');
    assert.equal(before.status, 'FAILURE', 'the app password is refused since its sunset');
    assert.match(before.log, /core-api/);
    const traffic = recordTraffic(page);
    await page.getByRole('button', { name: 'Migrate 2 repositories to an access key' }).click();
    await page.getByText(/^Access key repoaccess-AcmeBackend-\S+: 2 VCS roots moved to it/).waitFor({ timeout: 120_000 });
    await page.getByRole('table', { name: 'Ownership report' }).waitFor();
    assert.equal(await row('core-api (app password)').getAttribute('data-verdict'), 'non-personal');
    assert.equal(await row('web-frontend (API token)').getAttribute('data-verdict'), 'non-personal');
    await browser.screenshot('workflow-migrate-2-migrated');

    const core = stack.teamcity.store.vcsRoot('AcmeBackend_CoreApi')!;
    assert.equal(core.properties.authMethod, 'TEAMCITY_SSH_KEY');
    assert.equal(core.properties.url, `ssh://${stack.bitbucket.gitSsh}/acme/core-api.git`);
    assert.equal(core.properties['secure:password'], undefined, 'the old app password is dropped');
    assert.equal(core.properties.username, '');
    const keyName = core.properties.teamcitySshKey!;
    const privateKey = stack.teamcity.store.project(project)!.sshKeys[keyName]!;
    assert.match(privateKey, /BEGIN OPENSSH PRIVATE KEY/);

    const after = await runBuild(stack, tc, 'AcmeBackend_Build');
    assert.equal(after.status, 'SUCCESS', after.log);
    assert.match(after.log, /Checked out ssh:\/\/\S+\/acme\/core-api\.git \(main @ [0-9a-f]{12}\)/);
    const secrets = keyLines(privateKey);
    const exchanges = await traffic.settle();
    const leaks = exchanges.filter((e) => !/\/sshKeys\?fileName=/.test(e.url) && secrets.some((line) => e.request.includes(line) || e.response.includes(line)));
    assert.deepEqual(leaks.map((e) => e.url), []);
    assert.ok(!secrets.some((line) => after.log.includes(line)));
  });
});
