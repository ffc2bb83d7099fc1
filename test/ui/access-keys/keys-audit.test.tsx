import assert from 'node:assert/strict';
import { screen, useDom } from '../support/dom';
import React from 'react';
import { render, fireEvent, cleanup, within } from '@testing-library/react';
import { RepoAccessProvider } from '../../../plugin-ui/project/context';
import { connectionSection } from '../../../plugin-ui/app/App';
import { createTeamCity } from '../../../plugin-ui/teamcity';
import { provision } from '../../../plugin-ui/repositories/provision/provision';
import { newKeyLabel, readSettings } from '../../../plugin-ui/project/settings';
import { z } from 'zod/mini';
import { startStack } from '../../support/stack';
import { fetchRest, fetchTransport } from '../support/fetch-transport';
// The top-level await makes mocha load this file as ESM, as the lazy sections' import() is: one copy of each plugin-ui module.
const { featureSections } = await import('../../../plugin-ui/app/feature-sections');

type Stack = Awaited<ReturnType<typeof startStack>>;
const project = 'AcmeBackend';

// Issue 9, item 6: Bitbucket drops the access keys an OAuth consumer added when the consumer is changed.
describe('access keys an OAuth consumer added, after the consumer changed (jsdom, sandboxes)', function () {
  useDom();
  this.timeout(180_000);
  let stack: Stack;
  let tc: ReturnType<typeof createTeamCity>;

  before(async () => {
    stack = await startStack({ bitbucket: { git: false } });
    tc = createTeamCity(fetchTransport(stack.teamcity.url));
    await tc.setParameter(project, 'repoaccess.mode', 'access-key');
    await tc.setParameter(project, 'repoaccess.workspace', 'acme');
    await tc.setParameter(project, 'env.BITBUCKET_AUTH', 'oauth');
    await tc.setParameter(project, 'env.BITBUCKET_OAUTH_KEY', 'sandbox-oauth-key');
    await tc.setParameter(project, 'env.BITBUCKET_OAUTH_SECRET', 'sandbox-oauth-secret', { password: true });
  });
  after(async () => stack?.close());
  afterEach(() => cleanup());

  const mount = (Component: React.ComponentType) =>
    render(
      <RepoAccessProvider value={{ projectId: project, tc }}>
        <Component />
      </RepoAccessProvider>,
    );

  it('Connection says so when the OAuth consumer manages the keys', async () => {
    mount(connectionSection.Component);
    await screen.findByText(/Bitbucket invalidates the keys a consumer added when the consumer is changed/, undefined, { timeout: 30_000 });
  });

  it('the audit finds the keys VCS roots rely on that Bitbucket no longer has, and registers them again', async () => {
    const settings = await readSettings(tc, project);
    const label = newKeyLabel(project);
    const provisioned = await provision(tc, project, { settings, scope: { projects: [], slugs: ['core-api', 'web-admin'] }, label });
    assert.ok(provisioned.complete);
    const property = (name: string, value: string) => ({ name, value });
    await fetchRest(stack.teamcity.url).send(
      'POST',
      'app/rest/vcs-roots',
      {
        id: 'AcmeBackend_CoreApiKey',
        name: 'acme/core-api',
        vcsName: 'jetbrains.git',
        project: { id: project },
        properties: { property: [property('url', `ssh://${stack.bitbucket.gitSsh || 'git@127.0.0.1'}/acme/core-api.git`), property('branch', 'refs/heads/main'), property('authMethod', 'TEAMCITY_SSH_KEY'), property('teamcitySshKey', label)] },
      },
      z.unknown(),
      'create a VCS root on the key',
    );
    const material = provisioned.record.publicKey.split(' ').slice(0, 2).join(' ');
    assert.ok(stack.bitbucket.state.accessKeysFor('acme', 'core-api').includes(material));

    stack.bitbucket.state.changeOAuthConsumer('sandbox-oauth-key');
    assert.deepEqual(stack.bitbucket.state.accessKeysFor('acme', 'core-api'), []);

    mount(featureSections.find((s) => s.id === 'keys')!.Component);
    fireEvent.click(await screen.findByRole('button', { name: 'Audit in Bitbucket' }, { timeout: 30_000 }));
    const found = await screen.findByRole('group', { name: `${label} missing in Bitbucket` }, { timeout: 60_000 });
    assert.match(found.textContent ?? '', /no longer has .* on core-api, web-admin, but 1 VCS root\(s\) rely on it: acme\/core-api/);
    fireEvent.click(within(found).getByRole('button', { name: `Register ${label} again` }));
    await screen.findByText(new RegExp(`${label} is registered again`), undefined, { timeout: 60_000 });
    for (const slug of ['core-api', 'web-admin']) assert.deepEqual(stack.bitbucket.state.accessKeysFor('acme', slug), [material], slug);
    assert.equal(screen.queryByRole('group', { name: `${label} missing in Bitbucket` }), null);
  });
});
