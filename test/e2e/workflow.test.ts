import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { z } from 'zod/mini';
import type { TeamCity } from '../../plugin-ui/teamcity';
import { openBrowser, type BrowserSession } from '../support/browser';
import { startStack, type Stack } from '../support/stack';
import { fetchRest } from '../ui/support/fetch-transport';
import { configureAccessKeyMode, keyLines, recordTraffic, runBuild, type Exchange } from './workflow-support';

// The whole access-key path in headless Chromium against both sandboxes: pick → provision → VCS roots →
// SSH checkout in a build → rotate while builds keep cloning → the old key gone; and the private key leaks nowhere.
describe('workflow: access keys end to end (Chromium, sandboxes)', function () {
  this.timeout(300_000);
  const project = 'AcmeBackend';
  const checkoutBuild = 'AcmeBackend_CheckoutOverSsh';
  const repos = ['acme/core-api', 'acme/web-frontend', 'acme/deploy-scripts'];
  let stack: Stack;
  let tc: TeamCity;
  let browser: BrowserSession;
  let page: Page;
  let traffic: ReturnType<typeof recordTraffic>;
  const dialogs: string[] = [];
  const privateKeys: string[] = [];
  let firstLabel = '';
  let firstPublic = '';

  before(async () => {
    // Latency and one request at a time space the per-repository progress out, so the page can show it live.
    stack = await startStack({ bitbucket: { latencyMs: 300 } });
    tc = await configureAccessKeyMode(stack, project);
    await tc.setParameter(project, 'repoaccess.concurrency', '1');
    await fetchRest(stack.teamcity.url).send('POST', 'app/rest/buildTypes', { id: checkoutBuild, name: 'Checkout over SSH', project: { id: project } }, z.unknown(), 'create');
    browser = await openBrowser();
    page = browser.page;
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    traffic = recordTraffic(page);
    await page.goto(stack.teamcity.adminTabUrl(project));
    await page.getByRole('tab', { name: 'Repositories' }).click();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  const sshKeyNames = async () => (stack.teamcity.store.project(project)?.sshKeys ? Object.keys(stack.teamcity.store.project(project)!.sshKeys) : []);

  it('lists the workspace in a build and shows names holding HTML as text', async () => {
    await page.getByRole('button', { name: 'List repositories' }).click();
    const list = page.getByRole('list', { name: 'Repositories' });
    await list.waitFor({ timeout: 60_000 });
    await page.getByLabel('Filter repositories').fill('onerror');
    await page.getByText('<img src=x onerror=alert(1)> & "quotes"', { exact: true }).waitFor();
    assert.equal(await page.locator('.ra img').count(), 0);
    assert.deepEqual(dialogs, []);
    await browser.screenshot('workflow-1-picker-html-name');
  });

  it('picks three repositories and provisions an access key with live per-repository progress', async () => {
    for (const repo of repos) {
      await page.getByLabel('Filter repositories').fill(repo.split('/')[1]!);
      await page.getByRole('checkbox', { name: repo, exact: true }).check();
    }
    await page.getByLabel('Filter repositories').fill('');
    assert.match((await page.getByTestId('selected-count').textContent()) ?? '', /^3 of \d+ selected/);
    await page.getByRole('button', { name: 'Create access key for 3 repositories' }).click();
    const roots = page.getByRole('table', { name: 'VCS roots' });
    await roots.waitFor({ timeout: 90_000 });
    assert.equal(await roots.locator('tbody tr').count(), 3);
    const names = await sshKeyNames();
    assert.equal(names.length, 1);
    firstLabel = names[0]!;
    privateKeys.push(stack.teamcity.store.project(project)!.sshKeys[firstLabel]!);
    const progress = (await page.getByRole('list', { name: 'Repo Access build: build progress' }).textContent()) ?? '';
    assert.match(progress, /acme\/(core-api|web-frontend|deploy-scripts)/, `per-repository progress was shown: ${progress}`);
    const results = (await page.getByRole('list', { name: 'Registration results' }).textContent()) ?? '';
    for (const repo of repos) assert.ok(results.includes(`${repo}: added`), results);
    await browser.screenshot('workflow-2-provisioned');

    const vcsRoots = stack.teamcity.store.data.vcsRoots.filter((r) => r.properties.teamcitySshKey === firstLabel);
    assert.deepEqual(vcsRoots.map((r) => r.properties.url).sort(), repos.map((r) => `ssh://${stack.bitbucket.gitSsh}/${r}.git`).sort());
    assert.ok(vcsRoots.every((r) => r.properties.authMethod === 'TEAMCITY_SSH_KEY' && /^[A-Za-z][A-Za-z0-9_]*$/.test(r.id)));
    const record = JSON.parse((await tc.parameters(project)).get(`repoaccess.key.${firstLabel}`)?.value ?? '{}') as { publicKey: string };
    firstPublic = record.publicKey.split(' ').slice(0, 2).join(' ');
    for (const repo of repos) assert.ok(stack.bitbucket.state.accessKeysFor('acme', repo.split('/')[1]!).includes(firstPublic));
  });

  it('attaches the VCS roots to build configurations, whose builds check out over SSH with the key', async () => {
    const before = await runBuild(stack, tc, 'AcmeBackend_Build');
    assert.equal(before.status, 'FAILURE', 'the seeded Build checks core-api out over a dead app password');
    await page.getByRole('checkbox', { name: 'Checkout over SSH' }).check();
    await page.getByRole('checkbox', { name: 'Build', exact: true }).check();
    await page.getByRole('button', { name: 'Add to 2 build configurations' }).click();
    const changes = page.getByLabel('Build configuration changes');
    await changes.waitFor({ timeout: 30_000 });
    assert.match((await changes.textContent()) ?? '', /Build: acme\/core-api attached, in place of AcmeBackend_CoreApi \(left in the project, unattached\)/);
    const seeded = stack.teamcity.store.buildType('AcmeBackend_Build')!;
    assert.deepEqual(seeded.vcsRootEntries[0], { vcsRootId: 'AcmeBackend_core_api', checkoutRules: '' }, 'the new root took the old one\'s place and checkout rules');
    assert.ok(!seeded.vcsRootEntries.some((e) => e.vcsRootId === 'AcmeBackend_CoreApi'), 'the app-password root is detached');
    assert.ok(stack.teamcity.store.vcsRoot('AcmeBackend_CoreApi'), 'the app-password root is left, not deleted');
    const replaced = await runBuild(stack, tc, 'AcmeBackend_Build');
    assert.equal(replaced.status, 'SUCCESS', replaced.log);
    assert.match(replaced.log, /Checked out ssh:\/\/\S+\/acme\/core-api\.git \(main @ [0-9a-f]{12}\) into \./);

    const build = await runBuild(stack, tc, checkoutBuild);
    assert.equal(build.status, 'SUCCESS', build.log);
    // deploy-scripts' main branch in Bitbucket is develop: its root follows it.
    const branchOf = (repo: string) => (repo === 'acme/deploy-scripts' ? 'develop' : 'main');
    for (const repo of repos) assert.match(build.log, new RegExp(`Checked out ssh://\\S+/${repo}\\.git \\(${branchOf(repo)} @ [0-9a-f]{12}\\)`));
  });

  it('rotates while builds keep cloning in a loop; none fails and the old key is gone', async () => {
    // 150 more roots on the key: past TeamCity's first page of 100 VCS roots.
    for (let i = 0; i < 150; i++) {
      const props = { url: `ssh://${stack.bitbucket.gitSsh}/acme/core-api.git`, branch: 'refs/heads/main', authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: firstLabel };
      const body = { id: `AcmeBackend_Copy${i}`, name: `core-api copy ${i}`, vcsName: 'jetbrains.git', project: { id: project }, properties: { property: Object.entries(props).map(([name, value]) => ({ name, value })) } };
      await fetchRest(stack.teamcity.url).send('POST', 'app/rest/vcs-roots', body, z.unknown(), 'create');
    }
    await page.getByRole('tab', { name: 'Access keys' }).click();
    let stop = false;
    const loopResults: Array<{ status: string; log: string }> = [];
    const loop = (async () => {
      for (let i = 0; i < 40 && !stop; i++) loopResults.push(await runBuild(stack, tc, checkoutBuild));
    })();
    await page.getByRole('button', { name: `Rotate ${firstLabel}` }).click();
    const rotatedNote = page.getByText(/^Rotated to repoaccess-/);
    await rotatedNote.waitFor({ timeout: 180_000 });
    assert.match((await rotatedNote.textContent()) ?? '', /; 153 VCS roots switched, old key revoked/);
    stop = true;
    await loop;
    await browser.screenshot('workflow-3-rotated');
    assert.ok(loopResults.length >= 2, `${loopResults.length} builds ran during the rotation`);
    for (const result of loopResults) assert.equal(result.status, 'SUCCESS', result.log);
    console.log(`      ${loopResults.length} checkout builds ran during the rotation, all SUCCESS`);

    const names = await sshKeyNames();
    assert.equal(names.length, 1);
    assert.notEqual(names[0], firstLabel, 'the old key is gone from TeamCity');
    privateKeys.push(stack.teamcity.store.project(project)!.sshKeys[names[0]!]!);
    for (const repo of repos) {
      const keys = stack.bitbucket.state.accessKeysFor('acme', repo.split('/')[1]!);
      assert.ok(!keys.includes(firstPublic), `${repo}: the old key is revoked in the sandbox`);
      assert.equal(keys.length, 1);
    }
    const after = await runBuild(stack, tc, checkoutBuild);
    assert.equal(after.status, 'SUCCESS', after.log);
    assert.match(after.log, new RegExp(`SSH key '${names[0]}'`));
    const copies = stack.teamcity.store.data.vcsRoots.filter((r) => r.id.startsWith('AcmeBackend_Copy'));
    assert.equal(copies.length, 150);
    assert.deepEqual(copies.filter((r) => r.properties.teamcitySshKey !== names[0]).map((r) => r.id), [], 'every page of roots was switched');

    await page.getByRole('button', { name: 'Audit in Bitbucket' }).click();
    const audit = page.getByRole('table', { name: 'Audit' });
    await audit.waitFor({ timeout: 60_000 });
    const rows = await audit.locator('tbody tr').allTextContents();
    assert.equal(rows.filter((row) => row.includes(names[0]!)).length, 3, rows.join('\n'));
  });

  it('the ownership report covers every VCS root, past the first page', async () => {
    await page.getByRole('tab', { name: 'Who owns access' }).click();
    const report = page.getByRole('table', { name: 'Ownership report' });
    await report.waitFor({ timeout: 60_000 });
    const copies = report.locator('tbody tr', { hasText: /VCS root core-api copy \d+/ });
    assert.equal(await copies.count(), 150);
    assert.equal(await report.locator('tbody tr[data-verdict="non-personal"]', { hasText: /core-api copy/ }).count(), 150);
  });

  it('leaves the private keys in no build log, artifact, parameter, request or response but their one upload', async () => {
    const secrets = privateKeys.flatMap(keyLines);
    assert.ok(secrets.length >= 2);
    const leaks: string[] = [];
    const check = (where: string, text: string) => {
      if (secrets.some((line) => text.includes(line))) leaks.push(where);
    };
    for (const build of stack.teamcity.store.data.builds) {
      check(`log of build #${build.id}`, await tc.buildLog(build.id));
      check(`properties of build #${build.id}`, JSON.stringify(build.properties));
      for (const dir of ['', 'out']) {
        for (const name of await tc.artifacts(build.id, dir).catch(() => [])) {
          const path = dir ? `${dir}/${name}` : name;
          if (path === 'out') continue;
          check(`artifact ${path} of build #${build.id}`, await tc.artifactText(build.id, path));
        }
      }
    }
    for (const id of ['_Root', project]) check(`parameters of ${id}`, JSON.stringify(await fetchRest(stack.teamcity.url).get(`app/rest/projects/id:${id}/parameters`, z.unknown(), 'read')));
    for (const bt of stack.teamcity.store.data.buildTypes) check(`build type ${bt.id}`, JSON.stringify(bt));
    for (const root of stack.teamcity.store.data.vcsRoots) check(`VCS root ${root.id}`, JSON.stringify(root));
    const exchanges: Exchange[] = await traffic.settle();
    const uploads = exchanges.filter((e) => e.method === 'POST' && /\/sshKeys\?fileName=/.test(e.url));
    assert.equal(uploads.length, 2, 'one upload per key');
    for (const [i, upload] of uploads.entries()) assert.equal(upload.request.trim(), privateKeys[i]!.trim(), 'the upload carries exactly the key');
    for (const e of exchanges) {
      check(`response of ${e.method} ${e.url}`, e.response);
      if (!uploads.includes(e)) check(`request ${e.method} ${e.url}`, e.request);
    }
    assert.ok(exchanges.length > 50, `${exchanges.length} exchanges recorded`);
    assert.deepEqual(leaks, []);
  });

  it('revokes the key: gone from Bitbucket and from TeamCity (DELETE …/sshKeys/{name})', async () => {
    const [label] = await sshKeyNames();
    const record = JSON.parse((await tc.parameters(project)).get(`repoaccess.key.${label!}`)?.value ?? '{}') as { publicKey: string };
    const publicKey = record.publicKey.split(' ').slice(0, 2).join(' ');
    await page.getByRole('tab', { name: 'Access keys' }).click();
    await page.getByRole('button', { name: `Revoke ${label!}` }).click();
    await page.getByRole('button', { name: 'Confirm revoke' }).click();
    await page.getByText(`${label!} revoked in Bitbucket and removed from TeamCity.`, { exact: false }).waitFor({ timeout: 120_000 });
    assert.deepEqual(await sshKeyNames(), []);
    for (const repo of repos) assert.ok(!stack.bitbucket.state.accessKeysFor('acme', repo.split('/')[1]!).includes(publicKey), `${repo}: revoked`);
    const deletes = (await traffic.settle()).filter((e) => e.method === 'DELETE' && e.url.includes('/sshKeys'));
    assert.equal(deletes.length, 2, 'one delete per key (rotation, then revoke)');
    for (const e of deletes) assert.match(e.url, /\/sshKeys\/repoaccess-[^/?]+$/);
  });
});
