import { installDom } from '../support/dom';
import assert from 'node:assert/strict';
import React from 'react';
import { cleanup, configure, fireEvent, render, waitFor, within } from '@testing-library/react';
import { RepoAccessProvider } from '../../../plugin-ui/project/context';
import type { TeamCity } from '../../../plugin-ui/teamcity';
import { startStack, type Stack } from '../../support/stack';
import { teamcityRest } from '../../support/teamcity-rest';
import { configureAccessKeyMode } from '../../e2e/workflow-support';
// The top-level await makes mocha load this file as ESM, as the lazy views' import() is: one copy of each plugin-ui module.
const { WorkflowSection } = await import('../../../plugin-ui/repositories/WorkflowSection');

const project = 'AcmeBackend';
const buildTypeId = 'AcmeBackend_Remount';
const readOnlyBuildTypeId = 'AcmeBackend_RemountReadOnly';
const screen = () => within(document.body);

// Which VCS roots use the access key is read from TeamCity: after the tab is opened again, "Add to builds" attaches
// the roots made for the key before, without a new key.
describe('Repositories section after a remount (jsdom, sandboxes)', function () {
  this.timeout(180_000);
  let stack: Stack;
  let tc: TeamCity;
  let removeDom: () => void;
  before(async () => {
    removeDom = installDom();
    configure({ asyncUtilTimeout: 10_000 });
    stack = await startStack({ bitbucket: { git: false } });
    tc = await configureAccessKeyMode(stack, project);
    const rest = await teamcityRest(stack.teamcity.url);
    await rest.send('POST', 'app/rest/buildTypes', { id: buildTypeId, name: 'Remount checkout', project: { id: project } });
    await rest.send('POST', 'app/rest/buildTypes', { id: readOnlyBuildTypeId, name: 'Remount read-only', project: { id: project } });
  });
  afterEach(cleanup);
  after(async () => {
    removeDom();
    await stack?.close();
  });

  const mount = () =>
    render(
      <RepoAccessProvider value={{ projectId: project, tc }}>
        <WorkflowSection />
      </RepoAccessProvider>,
    );
  const sshKeys = () => Object.keys(stack.teamcity.store.project(project)?.sshKeys ?? {});
  const pick = (fullName: string) => {
    fireEvent.change(screen().getByLabelText('Filter repositories'), { target: { value: fullName.split('/')[1] } });
    fireEvent.click(screen().getByRole('checkbox', { name: fullName }));
  };

  it('creates a key and its roots, is mounted again, and "Add to builds" attaches them with no new key', async () => {
    mount();
    fireEvent.click(await screen().findByRole('button', { name: 'List repositories' }));
    await screen().findByRole('list', { name: 'Repositories' }, { timeout: 60_000 });
    pick('acme/core-api');
    pick('acme/web-frontend');
    fireEvent.click(screen().getByRole('button', { name: 'Create access key for 2 repositories' }));
    const table = await screen().findByRole('table', { name: 'VCS roots' }, { timeout: 90_000 });
    const rootIds = within(table).getAllByRole('code').map((cell) => cell.textContent ?? '');
    assert.deepEqual(rootIds.sort(), ['AcmeBackend_core_api', 'AcmeBackend_web_frontend']);
    const [label] = sshKeys();
    assert.equal(sshKeys().length, 1);
    const toAttach = () => screen().getByLabelText('VCS roots to attach').textContent ?? '';
    await waitFor(() => assert.match(toAttach(), new RegExp(`^2 VCS roots use access key ${label}`)), { timeout: 30_000 });
    const builds = stack.teamcity.store.data.builds.length;
    const accessKeys = ['core-api', 'web-frontend'].map((slug) => stack.bitbucket.state.accessKeysFor('acme', slug).length);
    cleanup();

    mount();
    const listed = await screen().findByRole('button', { name: 'Refresh the list' });
    assert.ok(listed, 'the cached listing is shown again');
    assert.equal(screen().queryByRole('table', { name: 'VCS roots' }), null, 'nothing of the last visit is remembered');
    await waitFor(() => assert.match(toAttach(), new RegExp(`^2 VCS roots use access key ${label}`)));
    fireEvent.click(screen().getByRole('checkbox', { name: 'Remount checkout' }));
    const add = screen().getByRole('button', { name: 'Add to 1 build configuration' }) as HTMLButtonElement;
    assert.equal(add.disabled, false);
    fireEvent.click(add);
    const changes = await screen().findByLabelText('Build configuration changes', undefined, { timeout: 30_000 });
    assert.deepEqual((changes.textContent ?? '').split('\n').sort(), ['Remount checkout: acme/core-api attached', 'Remount checkout: acme/web-frontend attached']);
    assert.deepEqual(stack.teamcity.store.buildType(buildTypeId)?.vcsRootEntries.map((e) => e.vcsRootId).sort(), rootIds);
    assert.deepEqual(sshKeys(), [label], 'no new SSH key uploaded');
    assert.equal(stack.teamcity.store.data.builds.length, builds, 'no build queued: no key made or registered');
    assert.deepEqual(['core-api', 'web-frontend'].map((slug) => stack.bitbucket.state.accessKeysFor('acme', slug).length), accessKeys);
  });

  // Editing off: the roots the settings repository already gave TeamCity on the key are planned into builds too,
  // not only the roots planned in this visit.
  it('on a read-only project, "Add to builds" after a remount plans the roots TeamCity has on the key, writing nothing', async () => {
    const rest = await teamcityRest(stack.teamcity.url);
    await rest.send('PUT', `app/rest/projects/id:${project}/versionedSettings/config`, { synchronizationMode: 'enabled', format: 'kotlin', allowUIEditing: false, vcsRootId: 'AcmeBackend_CoreApi' });
    const before = JSON.stringify(stack.teamcity.store.buildType(readOnlyBuildTypeId));
    mount();
    await screen().findByRole('button', { name: 'Refresh the list' });
    fireEvent.click(await screen().findByRole('checkbox', { name: 'Remount read-only' }));
    const add = screen().getByRole('button', { name: 'Add to 1 build configuration' }) as HTMLButtonElement;
    await waitFor(() => assert.equal(add.disabled, false));
    fireEvent.click(add);
    const snippet = await screen().findByLabelText('Settings to commit', undefined, { timeout: 30_000 });
    const text = snippet.textContent ?? '';
    for (const root of ['AcmeBackend_core_api', 'AcmeBackend_web_frontend']) assert.ok(text.includes(`root(AbsoluteId("${root}")`), `${root} is attached by its id in the snippet`);
    assert.equal(JSON.stringify(stack.teamcity.store.buildType(readOnlyBuildTypeId)), before, 'nothing written to the build configuration');
    await rest.send('POST', `sandbox/versionedSettings/${project}/sync`, text);
    assert.deepEqual(stack.teamcity.store.buildType(readOnlyBuildTypeId)?.vcsRootEntries.map((e) => e.vcsRootId).sort(), ['AcmeBackend_core_api', 'AcmeBackend_web_frontend'], 'the committed text attaches them');
  });
});
