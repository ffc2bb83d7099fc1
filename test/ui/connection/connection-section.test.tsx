import { installDom } from '../support/dom';
import assert from 'node:assert/strict';
import React from 'react';
import { cleanup, configure, fireEvent, render, waitFor, within } from '@testing-library/react';
import { App } from '../../../plugin-ui/app/App';
import { createTeamCity, type TeamCity } from '../../../plugin-ui/teamcity';
import { startStack, type Stack } from '../../support/stack';
import { fetchTransport } from '../support/fetch-transport';

const project = 'AcmeBackend';

const screen = () => within(document.body);

describe('Connection section saving to the TeamCity sandbox', () => {
  let stack: Stack;
  let tc: TeamCity;
  let removeDom: () => void;
  before(async () => {
    removeDom = installDom();
    // Every save is several REST round trips to the sandbox (the operations build's parameters too): on a busy
    // machine they take longer than testing-library's default second.
    configure({ asyncUtilTimeout: 10_000 });
    stack = await startStack({ bitbucket: { git: false } });
    tc = createTeamCity(fetchTransport(stack.teamcity.url));
  });
  afterEach(cleanup);
  after(async () => {
    removeDom();
    await stack?.close();
  });

  const type = (label: string | RegExp, value: string) => fireEvent.change(screen().getByLabelText(label), { target: { value } });

  it('saves the way in and the credential; the secret comes back only as "set"', async () => {
    render(<App projectId={project} tc={tc} />);
    await screen().findByRole('radio', { name: /^OAuth consumer/ });
    assert.equal((screen().getByRole('button', { name: 'Test connection' }) as HTMLButtonElement).disabled, true, 'nothing saved yet');

    fireEvent.click(screen().getByRole('radio', { name: /^API token/ }));
    fireEvent.submit(screen().getByRole('form', { name: 'Connection settings' }));
    await screen().findByText('Fix the marked fields, then save again.');
    assert.match(screen().getByLabelText('Bitbucket workspace').getAttribute('aria-invalid') ?? '', /true/);

    type('Bitbucket workspace', 'acme');
    type('Atlassian account email', 'alice@example.com');
    type('API token', 'ATATT-sandbox-alice-full');
    fireEvent.submit(screen().getByRole('form', { name: 'Connection settings' }));
    await screen().findByText(/^Saved\./);

    const stored = await tc.parameters(project);
    assert.equal(stored.get('repoaccess.mode')?.value, 'api-token');
    assert.equal(stored.get('env.BITBUCKET_AUTH')?.value, 'api-token');
    assert.equal(stored.get('env.BITBUCKET_EMAIL')?.value, 'alice@example.com');
    assert.deepEqual(stored.get('env.BITBUCKET_API_TOKEN'), { name: 'env.BITBUCKET_API_TOKEN', value: null, password: true, inherited: false });
    assert.equal(screen().queryByLabelText('API token'), null, 'no input holds the secret any more');
    assert.ok(screen().getByRole('button', { name: 'Replace API token' }));
    assert.doesNotMatch(document.body.innerHTML, /ATATT-sandbox-alice-full/);
    assert.equal((screen().getByRole('button', { name: 'Test connection' }) as HTMLButtonElement).disabled, false);
  });

  it('switching to an access key with an OAuth consumer replaces the personal token', async () => {
    render(<App projectId={project} tc={tc} />);
    fireEvent.click(await screen().findByRole('radio', { name: /^SSH access key/ }));
    fireEvent.click(screen().getByRole('radio', { name: /^OAuth consumer \(not tied/ }));
    type('OAuth consumer key', 'sandbox-oauth-key');
    type('OAuth consumer secret', 'sandbox-oauth-secret');
    assert.equal((screen().getByRole('button', { name: 'Test connection' }) as HTMLButtonElement).disabled, true, 'test the saved credential only');
    fireEvent.click(screen().getByRole('button', { name: 'Save' }));
    await screen().findByText(/^Saved\./);
    await waitFor(async () => {
      const stored = await tc.parameters(project);
      assert.equal(stored.get('repoaccess.mode')?.value, 'access-key');
      assert.deepEqual([...stored.keys()].filter((name) => name.startsWith('env.BITBUCKET_')), [], 'the personal token is gone from the project');
      const ops = await tc.opsParameters(project);
      assert.equal(ops.get('env.BITBUCKET_AUTH')?.value, 'oauth', 'the management credential is on the operations build');
      assert.equal(ops.get('env.BITBUCKET_OAUTH_SECRET')?.password, true);
    });
    assert.match(screen().getByTestId('credential-place').textContent ?? '', /"Repo Access operations" only/);
  });

  it('a project still on an app password is told it is retired and how to get out', async () => {
    await tc.deleteParameter(project, 'repoaccess.mode');
    await tc.setParameter(project, 'env.BITBUCKET_AUTH', 'app-password');
    await tc.setParameter(project, 'env.BITBUCKET_APP_PASSWORD', 'sandbox-app-password', { password: true });
    render(<App projectId={project} tc={tc} />);
    const alert = await screen().findByRole('alert');
    assert.match(alert.textContent ?? '', /This project uses an app password\..*2026-07-28.*SSH access key or OAuth consumer/);
    assert.equal((screen().getByRole('button', { name: 'Test connection' }) as HTMLButtonElement).disabled, true);
    fireEvent.click(screen().getByRole('radio', { name: /^OAuth consumer/ }));
    // The consumer secret was the management credential on the operations build; builds clone with it now, so it moves to the project.
    type('OAuth consumer secret', 'sandbox-oauth-secret');
    assert.match(screen().getByTestId('credential-place').textContent ?? '', /every build of this project/);
    fireEvent.click(screen().getByRole('button', { name: 'Save' }));
    await screen().findByText(/^Saved\./);
    assert.equal(screen().queryByRole('alert'), null);
    const stored = await tc.parameters(project);
    assert.equal(stored.get('env.BITBUCKET_AUTH')?.value, 'oauth');
    assert.equal(stored.has('env.BITBUCKET_APP_PASSWORD'), false, 'the retired secret is removed');
    const opsOwn = [...(await tc.opsParameters(project)).values()].filter((p) => !p.inherited && p.name.startsWith('env.BITBUCKET_'));
    assert.deepEqual(opsOwn, [], 'nothing left on the operations build');
  });

  it('shows what is stored even when the git endpoints are not usable', async () => {
    await tc.setParameter(project, 'repoaccess.gitSsh', 'not an endpoint');
    try {
      render(<App projectId={project} tc={tc} />);
      await screen().findByRole('radio', { name: /^OAuth consumer/ });
      assert.equal((screen().getByLabelText('Bitbucket workspace') as HTMLInputElement).value, 'acme');
    } finally {
      await tc.deleteParameter(project, 'repoaccess.gitSsh');
    }
  });

  it('flags a secret stored as plain text; re-entered, it is saved as a password and the plain one removed', async () => {
    await tc.setParameter(project, 'env.BITBUCKET_OAUTH_SECRET', 'sandbox-oauth-secret');
    render(<App projectId={project} tc={tc} />);
    const alert = await screen().findByRole('alert');
    assert.match(alert.textContent ?? '', /Stored as plain text:.*OAuth consumer's secret.*Enter it again/);
    type('OAuth consumer secret', 'sandbox-oauth-secret');
    fireEvent.click(screen().getByRole('button', { name: 'Save' }));
    await screen().findByText(/^Saved\./);
    assert.equal((await tc.parameters(project)).get('env.BITBUCKET_OAUTH_SECRET')?.password, true);
    assert.equal(screen().queryByRole('alert'), null);
  });
});
