import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from '../support/browser';
import { startStack, type Stack } from '../support/stack';

// The admin tab in headless Chromium against both sandboxes; Test connection runs the bundled helper in a real build.
describe('admin tab: connection (Chromium, sandboxes)', function () {
  this.timeout(120_000);
  const project = 'AcmeBackend';
  let stack: Stack;
  let browser: BrowserSession;
  let page: Page;

  before(async () => {
    stack = await startStack({ bitbucket: { git: false } });
    browser = await openBrowser();
    page = browser.page;
    await page.goto(stack.teamcity.adminTabUrl(project));
    await page.getByRole('heading', { name: 'Repo Access for Bitbucket Cloud' }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  const form = () => page.getByRole('form', { name: 'Connection settings' });
  const testConnection = async () => {
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByRole('progressbar', { name: 'Test connection progress' }).waitFor();
    await page.getByRole('button', { name: 'Test connection' }).and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
  };

  it('saves an API token by keyboard alone and shows it only as "set"', async () => {
    await browser.screenshot('connection-0-initial');
    await page.getByRole('radio', { name: /^SSH access key/ }).focus();
    await page.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    assert.ok(await page.getByRole('radio', { name: /^API token/ }).isChecked(), 'arrow keys move through the ways in');
    const typeInto = async (label: string, text: string) => {
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), await page.getByLabel(label, { exact: true }).getAttribute('id'));
      await page.keyboard.type(text);
    };
    await typeInto('Bitbucket workspace', 'acme');
    await typeInto('Atlassian account email', 'alice@example.com');
    await typeInto('API token', 'ATATT-sandbox-alice-full');
    await page.keyboard.press('Enter');
    await form().getByText(/^Saved\./).waitFor();
    assert.equal(await page.getByLabel('API token', { exact: true }).count(), 0);
    await page.getByRole('button', { name: 'Replace API token' }).waitFor();
    assert.doesNotMatch(await page.content(), /ATATT-sandbox-alice-full/);
    await browser.screenshot('connection-1-saved-api-token');
  });

  it('Test connection shows the account and the personal verdict', async () => {
    await testConnection();
    const result = page.getByTestId('ra-check-result');
    await result.waitFor();
    const text = await result.innerText();
    assert.match(text, /Connected as Alice Admin/);
    assert.match(text, /Personal credential/);
    assert.match(text, /Builds stop working when this person's Bitbucket account is removed/);
    await browser.screenshot('connection-2-personal');
    const builds = stack.teamcity.store.data.builds;
    const log = await readFile(path.join(stack.teamcity.store.buildDir(builds.at(-1)!.id), 'build.log'), 'utf8');
    assert.doesNotMatch(log, /ATATT-sandbox-alice-full/, 'the secret stays out of the build log');
  });

  it('an OAuth consumer is shown as not tied to a person', async () => {
    await page.getByRole('radio', { name: /^OAuth consumer/ }).check();
    await page.getByLabel('OAuth consumer key').fill('sandbox-oauth-key');
    await page.getByLabel('OAuth consumer secret').fill('sandbox-oauth-secret');
    await page.getByRole('button', { name: 'Save' }).click();
    await form().getByText(/^Saved\./).waitFor();
    await testConnection();
    const text = await page.getByTestId('ra-check-result').innerText();
    assert.match(text, /Repo Access CI/);
    assert.match(text, /Not tied to a person/);
    assert.doesNotMatch(text, /Personal credential/);
    await browser.screenshot('connection-3-oauth-not-personal');
  });

  it('a wrong token is a clear inline error', async () => {
    await page.getByRole('radio', { name: /^API token/ }).check();
    await page.getByLabel('Atlassian account email').fill('alice@example.com');
    await page.getByLabel('API token', { exact: true }).fill('ATATT-sandbox-alice-expired');
    await page.getByRole('button', { name: 'Save' }).click();
    await form().getByText(/^Saved\./).waitFor();
    await testConnection();
    const alert = page.getByRole('alert').filter({ hasText: 'The connection test failed.' });
    const text = await alert.innerText();
    assert.match(text, /401|expired|revoked|refused/i);
    assert.doesNotMatch(text, /Process exited with code|##teamcity|ATATT-sandbox-alice-expired/);
    assert.equal(await page.getByTestId('ra-check-result').count(), 0);
    await browser.screenshot('connection-4-wrong-token');
  });

  it('TeamCity refuses a write without the CSRF token', async () => {
    const status = await page.evaluate(async (id) => {
      const response = await fetch(`/app/rest/projects/id:${id}/parameters/repoaccess.workspace`, {
        method: 'PUT',
        headers: { 'Content-Type': 'text/plain', Accept: 'application/json' },
        body: 'evil',
      });
      return response.status;
    }, project);
    assert.equal(status, 403);
    const workspace = stack.teamcity.store.project(project)?.parameters.find((p) => p.name === 'repoaccess.workspace');
    assert.equal(workspace?.value, 'acme');
  });
});
