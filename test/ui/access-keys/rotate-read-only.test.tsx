import assert from 'node:assert/strict';
import { screen, useDom } from '../support/dom';
import React from 'react';
import { render, fireEvent, cleanup, within } from '@testing-library/react';
import { RepoAccessProvider } from '../../../plugin-ui/project/context';
import type { TeamCity } from '../../../plugin-ui/teamcity';
import { provision } from '../../../plugin-ui/repositories/provision/provision';
import { readSettings } from '../../../plugin-ui/project/settings';
import { upsertVcsRoot } from '../../../plugin-ui/repositories/vcs/roots';
import { startStack, type Stack } from '../../support/stack';
import { teamcityRest, type TeamCityRest } from '../../support/teamcity-rest';
import { configureAccessKeyMode } from '../../e2e/workflow-support';
// The top-level await makes mocha load this file as ESM, as the lazy sections' import() is: one copy of each plugin-ui module.
const { featureSections } = await import('../../../plugin-ui/app/feature-sections');

const project = 'AcmeBackend';

// Issue 13: "Rotate" where the project's settings come from a repository with editing off.
describe('Access keys: Rotate on a project with read-only versioned settings (jsdom, sandboxes)', function () {
  useDom();
  this.timeout(180_000);
  let stack: Stack;
  let tc: TeamCity;
  let rest: TeamCityRest;

  before(async () => {
    stack = await startStack({ bitbucket: { git: false } });
    tc = await configureAccessKeyMode(stack, project);
    rest = await teamcityRest(stack.teamcity.url);
  });
  after(async () => stack?.close());
  afterEach(() => cleanup());

  it('shows the change to commit instead of writing, and offers "Revoke <old key>" once Check again finds no root on it', async () => {
    const settings = await readSettings(tc, project);
    const old = (await provision(tc, project, { settings, scope: { projects: [], slugs: ['core-api'] }, label: 'repoaccess-AcmeBackend-ui1' })).record;
    const root = await upsertVcsRoot(tc, project, { fullName: 'acme/core-api', mainbranch: 'main' }, settings, { kind: 'ssh-key', keyName: old.label });
    await rest.send('PUT', `app/rest/projects/id:${project}/versionedSettings/config`, { synchronizationMode: 'enabled', format: 'kotlin', allowUIEditing: false, vcsRootId: 'AcmeBackend_CoreApi' });
    const roots = () => JSON.stringify(stack.teamcity.store.data.vcsRoots);
    const before = roots();

    render(
      <RepoAccessProvider value={{ projectId: project, tc }}>
        {React.createElement(featureSections.find((s) => s.id === 'keys')!.Component)}
      </RepoAccessProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: `Rotate ${old.label}` }, { timeout: 30_000 }));
    const pending = await screen.findByRole('group', { name: `Rotation of ${old.label} to commit` }, { timeout: 90_000 });
    const note = await screen.findByText(/registered and uploaded\. Commit the change below: 1 VCS roots move to it\./);
    const fresh = /New key (\S+) /.exec(note.textContent ?? '')![1]!;
    assert.equal(roots(), before, 'no VCS root was written');
    assert.ok(stack.teamcity.store.project(project)!.sshKeys[fresh], 'the new key is uploaded');
    const kotlin = (await within(pending).findByRole('textbox', { name: 'Settings to commit' }, { timeout: 30_000 })) as HTMLTextAreaElement;
    assert.match(kotlin.value, new RegExp(`changeVcsRoot\\(RelativeId\\("${root.id}"\\)\\)[\\s\\S]*uploadedKey = "${fresh}"`));

    fireEvent.click(within(pending).getByRole('button', { name: 'Check again' }));
    await within(pending).findByText(new RegExp(`still check out through the old credential's roots: ${root.id}`), undefined, { timeout: 30_000 });
    assert.equal(within(pending).queryByRole('button', { name: `Revoke ${old.label}` }), null, 'no revoke while a root uses the old key');

    await rest.send('POST', `sandbox/versionedSettings/${project}/sync`, kotlin.value);
    fireEvent.click(within(pending).getByRole('button', { name: 'Check again' }));
    fireEvent.click(await within(pending).findByRole('button', { name: `Revoke ${old.label}` }, { timeout: 30_000 }));
    const confirm = await screen.findByRole('group', { name: 'Confirm revoking' }, { timeout: 30_000 });
    assert.match(confirm.textContent ?? '', /No VCS root uses it\./);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Confirm revoke' }));
    await screen.findByText(new RegExp(`${old.label} revoked in Bitbucket and removed from TeamCity`), undefined, { timeout: 90_000 });
    const material = old.publicKey.split(' ').slice(0, 2).join(' ');
    assert.ok(!stack.bitbucket.state.accessKeysFor('acme', 'core-api').includes(material), 'the old key is gone from Bitbucket');
    assert.equal(screen.queryByRole('group', { name: `Rotation of ${old.label} to commit` }), null, 'the rotation is done');
  });
});
