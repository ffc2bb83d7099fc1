import assert from 'node:assert/strict';
import { screen, useDom } from '../support/dom';
import React from 'react';
import { render, fireEvent, cleanup, within, waitFor } from '@testing-library/react';
import { RepoAccessProvider } from '../../../plugin-ui/project/context';
import { createTeamCity } from '../../../plugin-ui/teamcity';
import { startTeamCity } from '../../sandbox-teamcity/fixture';
import { fetchTransport } from '../support/fetch-transport';
// The top-level await makes mocha load this file as ESM, as the lazy sections' import() is: one copy of each plugin-ui module.
const { featureSections } = await import('../../../plugin-ui/app/feature-sections');

type Fixture = Awaited<ReturnType<typeof startTeamCity>>;
const Ownership = featureSections.find((s) => s.id === 'ownership')!.Component;

// The ownership tab of the root project (jsdom) over the TeamCity sandbox's REST: the server-wide view.
describe('server-wide ownership section (jsdom, TeamCity sandbox)', function () {
  useDom();
  this.timeout(60_000);
  let fixture: Fixture;
  let tc: ReturnType<typeof createTeamCity>;

  before(async () => {
    fixture = await startTeamCity();
    tc = createTeamCity(fetchTransport(fixture.sandbox.url));
  });
  after(async () => fixture?.close());
  afterEach(() => cleanup());

  const mount = () =>
    render(
      <RepoAccessProvider value={{ projectId: '_Root', tc }}>
        <Ownership />
      </RepoAccessProvider>,
    );
  // Plain selectors over the table: role queries walk the whole accessibility tree for every row.
  const rowsOf = (table: HTMLElement) => [...table.querySelectorAll('tbody tr')];

  it("shows every credential on the server, sorts and filters it, and a person's view grouped by project", async () => {
    const buildsBefore = fixture.sandbox.store.data.builds.length;
    mount();
    const table = await screen.findByRole('table', { name: 'Server ownership report' }, { timeout: 30_000 });
    const all = rowsOf(table).length;
    assert.ok(all >= 9, `${all} rows`);
    assert.equal(rowsOf(table)[0]?.getAttribute('data-verdict'), 'retired', 'worst first by default');

    fireEvent.change(screen.getByLabelText('Verdict'), { target: { value: 'personal' } });
    assert.ok(rowsOf(table).every((r) => r.getAttribute('data-verdict') === 'personal'));
    fireEvent.change(screen.getByLabelText('Verdict'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Filter'), { target: { value: 'payments' } });
    assert.deepEqual(rowsOf(table).map((r) => r.textContent?.includes('Payments')), rowsOf(table).map(() => true));
    fireEvent.change(screen.getByLabelText('Filter'), { target: { value: '' } });
    fireEvent.click(within(table).getByRole('button', { name: 'Builds (30 days)' }));
    const counts = rowsOf(table).map((r) => Number(r.children[4]?.textContent));
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a));

    fireEvent.change(screen.getByLabelText(/^Person/), { target: { value: 'dave, dave@acme.example' } });
    const mine = screen.getByRole('list', { name: 'Credentials of the person' });
    assert.equal(within(mine).getAllByRole('listitem').length, 3);
    const summary = screen.getByText(/credentials depend on dave/).textContent ?? '';
    assert.match(summary, /Analytics: Nightly ETL; CloudOps: Apply; Payments: Release/);
    assert.match(mine.textContent ?? '', /last used \d{4}-\d{2}-\d{2}/);
    assert.ok(within(mine).getByRole('button', { name: 'Move web-admin (app password) to an access key' }));
    assert.equal(fixture.sandbox.store.data.builds.length, buildsBefore, 'opening the view queued no build');
  });

  it('marks a shared service account (stored on the root project) and exports what the table shows as CSV and JSON', async () => {
    const downloads: Blob[] = [];
    // jsdom has no blob URLs and no navigation: the Blob handed over is the download.
    Object.assign(URL, { createObjectURL: (blob: Blob) => (downloads.push(blob), 'blob:x'), revokeObjectURL: () => undefined });
    (Object.getPrototypeOf(document.createElement('a')) as { click(): void }).click = () => undefined;
    mount();
    const table = await screen.findByRole('table', { name: 'Server ownership report' }, { timeout: 30_000 });
    fireEvent.change(screen.getByLabelText(/^Bitbucket account/), { target: { value: 'ci-bot@acme.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Mark as shared service account' }));
    await waitFor(() => assert.match(screen.getByRole('list', { name: 'Service accounts' }).textContent ?? '', /ci-bot@acme\.example/), { timeout: 30_000 });
    assert.equal(fixture.sandbox.store.project('_Root')!.parameters.find((p) => p.name === 'repoaccess.serviceAccounts')?.value, 'ci-bot@acme.example');
    assert.ok(rowsOf(table).some((r) => r.textContent?.includes('data-warehouse (ci-bot)') && r.getAttribute('data-verdict') === 'service-account'));

    fireEvent.change(screen.getByLabelText('Verdict'), { target: { value: 'service-account' } });
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download JSON' }));
    const csv = await downloads[0]!.text();
    assert.equal(csv.trim().split('\r\n').length, 2, 'the header and the one row shown');
    assert.match(csv, /ci-bot@acme\.example.*"service-account"|"service-account".*ci-bot/);
    const json = JSON.parse(await downloads[1]!.text()) as { credentials: Array<{ verdict: string }> };
    assert.deepEqual(json.credentials.map((c) => c.verdict), ['service-account']);
  });

  it("replaces a person's clone credential with an access token, the token only in a password parameter", async () => {
    mount();
    await screen.findByRole('table', { name: 'Server ownership report' }, { timeout: 30_000 });
    fireEvent.change(screen.getByLabelText(/^Person/), { target: { value: 'dave@acme.example' } });
    const button = await screen.findByRole('button', { name: 'Replace Clone credential of CloudOps with the access token' });
    fireEvent.change(screen.getByLabelText('Access token for CloudOps'), { target: { value: 'not one line' } });
    fireEvent.click(button);
    await screen.findByText(/Paste the access token \(one line, no spaces\)/, undefined, { timeout: 30_000 });
    assert.equal(fixture.sandbox.store.project('CloudOps')!.parameters.find((p) => p.name === 'env.BITBUCKET_AUTH')?.value, 'api-token', 'nothing changed');
    fireEvent.change(screen.getByLabelText('Access token for CloudOps'), { target: { value: 'ATCTT-sandbox-cloudops' } });
    fireEvent.click(button);
    await screen.findByText('Clone credential of CloudOps is now an access token: tied to no person.', undefined, { timeout: 30_000 });
    const stored = fixture.sandbox.store.project('CloudOps')!.parameters;
    assert.deepEqual(stored.map((p) => [p.name, p.value, /^password\b/.test(p.rawType ?? '')]).sort(), [
      ['env.BITBUCKET_ACCESS_TOKEN', 'ATCTT-sandbox-cloudops', true],
      ['env.BITBUCKET_AUTH', 'access-token', false],
    ]);
    assert.ok(!document.body.innerHTML.includes('ATCTT-sandbox-cloudops'), 'the token is not shown back');
  });

  it('moves a root off git@bitbucket.org in one click', async () => {
    mount();
    const table = await screen.findByRole('table', { name: 'Server ownership report' }, { timeout: 30_000 });
    fireEvent.click(within(table).getByRole('button', { name: 'Move ops-terraform (git@bitbucket.org) to ssh.bitbucket.org' }));
    await screen.findByText('ops-terraform (git@bitbucket.org) now clones from git@ssh.bitbucket.org:acme/ops-terraform.git.', undefined, { timeout: 30_000 });
    assert.equal(fixture.sandbox.store.vcsRoot('CloudOps_Terraform')!.properties.url, 'git@ssh.bitbucket.org:acme/ops-terraform.git');
    assert.ok(!table.textContent?.includes('Move ops-terraform (git@bitbucket.org) to ssh.bitbucket.org'));
  });
});
