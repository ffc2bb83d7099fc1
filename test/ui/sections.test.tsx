import assert from 'node:assert/strict';
import { screen, useDom } from './support/dom';
import React from 'react';
import { render, fireEvent, cleanup, within, waitFor } from '@testing-library/react';
import { RepoAccessProvider } from '../../plugin-ui/project/context';
import { createTeamCity } from '../../plugin-ui/teamcity';
import { startStack } from '../support/stack';
import { fetchTransport } from './support/fetch-transport';
// The top-level await makes mocha load this file as ESM, as the lazy sections' import() is: one copy of each plugin-ui module.
const { featureSections } = await import('../../plugin-ui/app/feature-sections');

type Stack = Awaited<ReturnType<typeof startStack>>;
const project = 'AcmeBackend';
const section = (id: string) => featureSections.find((s) => s.id === id)!.Component;

// The sections as components (jsdom) over the real TeamCity REST of the sandbox, whose agent runs the helper.
describe('workflow sections (jsdom, sandboxes)', function () {
  useDom();
  this.timeout(120_000);
  let stack: Stack;
  let tc: ReturnType<typeof createTeamCity>;

  before(async () => {
    stack = await startStack({ bitbucket: { git: false } });
    tc = createTeamCity(fetchTransport(stack.teamcity.url));
  });
  after(async () => stack?.close());
  afterEach(() => cleanup());

  const mount = (id: string) =>
    render(
      <RepoAccessProvider value={{ projectId: project, tc }}>
        {React.createElement(section(id))}
      </RepoAccessProvider>,
    );

  it('asks for the Connection settings first', async () => {
    mount('repositories');
    await screen.findByText(/Choose the way in and the workspace under Connection first/);
  });

  it('lists, picks a whole project and provisions; the key then shows under Access keys and revokes', async () => {
    await tc.setParameter(project, 'repoaccess.mode', 'access-key');
    await tc.setParameter(project, 'repoaccess.workspace', 'acme');
    await tc.setParameter(project, 'env.BITBUCKET_AUTH', 'oauth');
    await tc.setParameter(project, 'env.BITBUCKET_OAUTH_KEY', 'sandbox-oauth-key');
    await tc.setParameter(project, 'env.BITBUCKET_OAUTH_SECRET', 'sandbox-oauth-secret', { password: true });
    mount('repositories');
    fireEvent.click(await screen.findByRole('button', { name: 'List repositories' }));
    await screen.findByRole('list', { name: 'Repositories' }, { timeout: 30_000 });
    fireEvent.click(screen.getByLabelText('Select all of Project OPS'));
    const count = Number(/^(\d+) of/.exec(screen.getByTestId('selected-count').textContent ?? '')?.[1]);
    assert.ok(count >= 2, `${count} OPS repositories selected`);
    fireEvent.click(screen.getByRole('button', { name: `Create access key for ${count} repositories` }));
    const refusal = await screen.findByRole('alert', undefined, { timeout: 60_000 });
    assert.match(refusal.textContent ?? '', /registered nowhere: .*project:OPS.*scope project:admin/, 'the OAuth consumer may not add project keys: said in plain words');
    assert.deepEqual(Object.keys(stack.teamcity.store.project(project)!.sshKeys), [], 'nothing uploaded');

    await tc.setParameter(project, 'env.BITBUCKET_AUTH', 'api-token');
    await tc.setParameter(project, 'env.BITBUCKET_EMAIL', 'alice@example.com');
    await tc.setParameter(project, 'env.BITBUCKET_API_TOKEN', 'ATATT-sandbox-alice-full', { password: true });
    fireEvent.click(screen.getByRole('button', { name: `Create access key for ${count} repositories` }));
    const roots = await screen.findByRole('table', { name: 'VCS roots' }, { timeout: 60_000 });
    assert.equal(within(roots).getAllByRole('row').length - 1, count);
    const results = screen.getByRole('list', { name: 'Registration results' }).textContent ?? '';
    assert.match(results, /acme\/project:OPS: added/, 'a whole project gets one project-level key');
    const label = Object.keys(stack.teamcity.store.project(project)!.sshKeys)[0]!;
    assert.ok(stack.bitbucket.state.accessKeysFor('acme', 'ops-terraform').length > 0);
    cleanup();

    mount('keys');
    const table = await screen.findByRole('table', { name: 'Access keys' }, { timeout: 30_000 });
    assert.match(table.textContent ?? '', /project OPS/);
    fireEvent.click(screen.getByRole('button', { name: `Revoke ${label}` }));
    const confirm = await screen.findByRole('group', { name: 'Confirm revoking' }, { timeout: 30_000 });
    assert.match(confirm.textContent ?? '', /VCS root\(s\) use it and stop working: acme\/deploy-scripts/);
    assert.equal(Object.keys(stack.teamcity.store.project(project)!.sshKeys).length, 1, 'nothing revoked before confirming');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Confirm revoke' }));
    await screen.findByText(new RegExp(`${label} revoked in Bitbucket and removed from TeamCity`), undefined, { timeout: 60_000 });
    await waitFor(() => assert.equal(screen.queryByRole('table', { name: 'Access keys' }), null));
    assert.deepEqual(Object.keys(stack.teamcity.store.project(project)!.sshKeys), []);
    assert.deepEqual(stack.bitbucket.state.accessKeysFor('acme', 'ops-terraform'), []);
  });

  it('renders the ownership report with the migration action', async () => {
    mount('ownership');
    const report = await screen.findByRole('table', { name: 'Ownership report' }, { timeout: 30_000 });
    const retired = within(report).getByText('VCS root core-api (app password)').closest('tr')!;
    assert.equal(retired.getAttribute('data-verdict'), 'retired');
    screen.getByRole('button', { name: /^Migrate 2 repositories to an access key$/ });
  });
});
