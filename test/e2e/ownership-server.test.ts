import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TeamCity } from '../../plugin-ui/teamcity';
import { openBrowser, type BrowserSession } from '../support/browser';
import { startStack, type Stack } from '../support/stack';
import { configureAccessKeyMode } from './workflow-support';

// Issue 12's story: Dave of CloudOps leaves. From the root project, his credentials across the server, each moved
// off him in one click, and the server-wide table with nothing of his left.
describe("ownership server-wide: a leaving person's credentials moved off him (Chromium, sandboxes)", function () {
  this.timeout(300_000);
  let stack: Stack;
  let tc: TeamCity;
  let browser: BrowserSession;
  let page: Page;

  before(async () => {
    stack = await startStack();
    for (const project of ['Payments', 'Analytics']) tc = await configureAccessKeyMode(stack, project);
    // The root project's endpoints tell which VCS roots are Bitbucket's (the sandbox serves git on loopback).
    await tc.setParameter('_Root', 'repoaccess.workspace', 'acme');
    await tc.setParameter('_Root', 'repoaccess.gitSsh', stack.bitbucket.gitSsh ?? '');
    await tc.setParameter('_Root', 'repoaccess.gitHttps', stack.bitbucket.gitHttpsUrl);
    browser = await openBrowser();
    page = browser.page;
    await page.goto(stack.teamcity.adminTabUrl('_Root'));
    await page.getByRole('tab', { name: 'Who owns access' }).click();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  const table = () => page.getByRole('table', { name: 'Server ownership report' });
  const mine = () => page.getByRole('list', { name: 'Credentials of the person' });

  it("walks the person's view and moves the app-password root, the API-token root and the clone credential off him", async () => {
    await table().waitFor({ timeout: 60_000 });
    const buildsBefore = stack.teamcity.store.data.builds.length;
    await page.getByLabel(/^Person/).fill('dave, dave@acme.example');
    assert.equal(await mine().getByRole('listitem').count(), 3);
    const summary = (await page.getByText(/credentials depend on dave/).textContent()) ?? '';
    assert.match(summary, /Analytics: Nightly ETL; CloudOps: Apply; Payments: Release/);
    assert.equal(stack.teamcity.store.data.builds.length, buildsBefore, 'opening the view queued no build');
    await browser.screenshot('ownership-server-1-person');

    await mine().getByRole('button', { name: 'Move web-admin (app password) to an access key' }).click();
    await page.getByText(/^web-admin \(app password\) now clones with access key repoaccess-Payments-/).waitFor({ timeout: 120_000 });
    await mine().getByRole('button', { name: 'Move data-pipeline (API token) to an access key' }).click();
    await page.getByText(/^data-pipeline \(API token\) now clones with access key repoaccess-Analytics-/).waitFor({ timeout: 120_000 });
    assert.equal(stack.teamcity.store.vcsRoot('Payments_Gateway')!.properties.authMethod, 'TEAMCITY_SSH_KEY');
    assert.equal(stack.teamcity.store.vcsRoot('Analytics_Etl')!.properties['secure:password'], undefined, "Dave's API token is dropped");
    assert.ok(stack.bitbucket.state.accessKeysFor('acme', 'web-admin').length > 0);

    await page.getByLabel('Access token for CloudOps').fill('ATCTT-sandbox-cloudops');
    await mine().getByRole('button', { name: 'Replace Clone credential of CloudOps with the access token' }).click();
    await page.getByText('Nothing on this server depends on dave, dave@acme.example.').waitFor({ timeout: 60_000 });
    await browser.screenshot('ownership-server-2-moved');
  });

  it("shows the server-wide table with nothing personal left for him, the service account apart", async () => {
    const rows = table().locator('tbody tr');
    const texts = await rows.allTextContents();
    const verdicts = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-verdict')));
    const his = texts.map((t, i) => [t, verdicts[i]] as const).filter(([t, v]) => /\bdave\b|dave@acme\.example/.test(t) && (v === 'personal' || v === 'retired'));
    assert.deepEqual(his, []);
    assert.equal(await table().locator('tbody tr', { hasText: 'web-admin (app password)' }).getAttribute('data-verdict'), 'non-personal');
    assert.equal(await table().locator('tbody tr', { hasText: 'data-pipeline (API token)' }).getAttribute('data-verdict'), 'non-personal');
    assert.equal(await table().locator('tbody tr', { hasText: 'Clone credential of CloudOps' }).getAttribute('data-verdict'), 'non-personal');
    assert.ok(!(await page.content()).includes('ATCTT-sandbox-cloudops'), 'the access token is not shown back');
  });
});
