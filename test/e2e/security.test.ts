import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { NO_NODE_PROBLEM, opsBuildTypeId } from '../../plugin-ui/teamcity';
import { openBrowser, type BrowserSession } from '../support/browser';
import { startStack, type Stack, type StackOptions } from '../support/stack';
import { teamcityRest, type TeamCityRest } from '../support/teamcity-rest';

const project = 'AcmeBackend';
const TOKEN = 'ATATT-sandbox-alice-full';

/** Saves access-key mode with Alice's API token as the management credential, through the tab. */
async function saveManagementCredential(page: Page): Promise<void> {
  await page.getByRole('radio', { name: /^SSH access key/ }).check();
  await page.getByRole('radio', { name: /^API token \(personal\)/ }).check();
  await page.getByLabel('Bitbucket workspace').fill('acme');
  await page.getByLabel('Atlassian account email').fill('alice@example.com');
  await page.getByLabel('API token', { exact: true }).fill(TOKEN);
  assert.match((await page.getByTestId('credential-place').textContent()) ?? '', /"Repo Access operations" only/);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('form', { name: 'Connection settings' }).getByText(/^Saved\./).waitFor();
}

async function open(options: StackOptions = {}): Promise<{ stack: Stack; browser: BrowserSession; rest: TeamCityRest }> {
  const stack = await startStack({ bitbucket: { git: false }, ...options });
  const browser = await openBrowser();
  await browser.page.goto(stack.teamcity.adminTabUrl(project));
  await browser.page.getByRole('heading', { name: 'Repo Access for Bitbucket Cloud' }).waitFor();
  return { stack, browser, rest: await teamcityRest(stack.teamcity.url) };
}

// Issue "security of the credential flow": where the management credential goes, and what a custom build can do.
describe('credential flow security (Chromium, sandboxes)', function () {
  this.timeout(180_000);

  describe('a trusted agent with Node', () => {
    let stack: Stack;
    let browser: BrowserSession;
    let rest: TeamCityRest;
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'ra-e2e-hostile-'));
    before(async () => ({ stack, browser, rest } = await open()));
    after(async () => {
      await browser?.close();
      await stack?.close();
      rmSync(scratch, { recursive: true, force: true });
    });

    const finished = async (id: number) => {
      await stack.teamcity.waitForBuild(id, 60_000);
      return rest.get<{ status: string; statusText: string }>(`app/rest/builds/id:${id}`);
    };

    it('the management credential saved in the tab reaches no subproject build: its environment holds none of it', async () => {
      await saveManagementCredential(browser.page);
      await rest.send('POST', 'app/rest/buildTypes', {
        id: 'AcmeBackend_Services_PrintEnv',
        name: 'Print environment',
        project: { id: 'AcmeBackend_Services' },
        steps: { step: [{ type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: 'mkdir -p out && env | sort > out/env.txt && env | sort' }] } }] },
        settings: { property: [{ name: 'artifactRules', value: 'out/** => out' }] },
      });
      const queued = await rest.send<{ id: number }>('POST', 'app/rest/buildQueue', { buildType: { id: 'AcmeBackend_Services_PrintEnv' } });
      assert.equal((await finished(queued.id)).status, 'SUCCESS');
      const env = await rest.get<string>(`app/rest/builds/id:${queued.id}/artifacts/content/out/env.txt`);
      assert.match(env, /^TEAMCITY_VERSION=/m);
      assert.doesNotMatch(env, /ATATT|BITBUCKET_API_TOKEN|BITBUCKET_EMAIL/);
      await browser.page.getByRole('button', { name: 'Test connection' }).click();
      await browser.page.getByTestId('ra-check-result').getByText(/Connected as Alice Admin/).waitFor({ timeout: 60_000 });
    });

    it('a custom build of the operations configuration with a script, a hostile spec or NODE_OPTIONS runs nothing of it', async () => {
      const marker = path.join(scratch, 'pwned');
      const evil = path.join(scratch, 'evil.cjs');
      writeFileSync(evil, `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`);
      const attempts = [
        { 'repoaccess.script': `touch ${marker}` },
        { 'repoaccess.operation': `{"v":1,"command":"repos","workspace":"$(touch ${marker})"}` },
        { 'repoaccess.operation': '{"v":1,"command":"check"}', 'env.NODE_OPTIONS': `--require ${evil}` },
      ];
      for (const properties of attempts) {
        const queued = await rest.send<{ id: number }>('POST', 'app/rest/buildQueue', {
          buildType: { id: opsBuildTypeId(project) },
          properties: { property: Object.entries(properties).map(([name, value]) => ({ name, value })) },
        });
        await finished(queued.id);
        assert.ok(!existsSync(marker), `nothing ran: ${JSON.stringify(properties)}`);
      }
    });
  });

  it('an agent without Node: Test connection fails with the one line saying what to install', async () => {
    const { stack, browser } = await open({ agent: { properties: { 'repoaccess.trusted': 'true' }, nodeOnPath: false } });
    try {
      await saveManagementCredential(browser.page);
      await browser.page.getByRole('button', { name: 'Test connection' }).click();
      const failure = browser.page.getByRole('alert').filter({ hasText: 'The connection test failed.' });
      await failure.waitFor({ timeout: 60_000 });
      assert.equal((await failure.textContent())?.replace(/Open build #\d+$/, '').trim(), `The connection test failed. ${NO_NODE_PROBLEM}`);
      await browser.screenshot('security-no-node');
    } finally {
      await browser.close();
      await stack.close();
    }
  });
});
