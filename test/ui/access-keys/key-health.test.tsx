import { installDom } from '../support/dom';
import assert from 'node:assert/strict';
import React from 'react';
import { cleanup, fireEvent, render, within } from '@testing-library/react';
import { KeyHealthView, type KeyHealthResult, type KeyHealthViewProps } from '../../../plugin-ui/access-keys/KeyHealthView';
import { keyHealth, rotationDaysOf, type KeyHealth } from '../../../plugin-ui/access-keys/health';
import type { KeyRecord } from '../../../plugin-ui/project/key-records';
import type { AuditRow } from '../../../plugin-ui/teamcity/reports';

const screen = () => within(document.body);
const now = new Date('2026-12-06T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

const record = (label: string, fingerprint: string, ageDays: number, repos: string[], projects: string[] = []): KeyRecord => ({
  label,
  fingerprint,
  publicKey: `ssh-ed25519 AAAA${label} ${label}`,
  created: daysAgo(ageDays),
  projects,
  repos,
});
const row = (repo: string, label: string | null, fingerprint: string | null, ageDays: number, lastUsedDays: number | null = null): AuditRow => ({
  repo,
  keyId: Math.floor(Math.random() * 1e6),
  label,
  fingerprint,
  createdOn: daysAgo(ageDays),
  lastUsed: lastUsedDays === null ? null : daysAgo(lastUsedDays),
});

// One project's keys in every state: healthy, drifted (twice), stale (recorded and not), due for rotation.
const records = [
  record('repoaccess-P-healthy', 'SHA256:healthy', 10, ['acme/core-api']),
  record('repoaccess-P-drifted', 'SHA256:drifted', 30, ['acme/core-api', 'acme/web', 'acme/docs'], ['CORE']),
  record('repoaccess-P-old', 'SHA256:old', 120, ['acme/web']),
  record('repoaccess-P-unused', 'SHA256:unused', 5, ['acme/docs']),
];
const audit = [
  row('acme/core-api', 'repoaccess-P-healthy', 'SHA256:healthy', 10, 1),
  row('acme/core-api', 'repoaccess-P-drifted', 'SHA256:drifted', 30, 3),
  row('acme/web', 'repoaccess-P-old', 'SHA256:old', 120, 2),
  row('acme/docs', 'repoaccess-P-unused', 'SHA256:unused', 5),
  // Labelled by this project, no record: stale. Another project's key and someone's own key: not ours to judge.
  row('acme/web', 'repoaccess-P-20250101-000000-lost', 'SHA256:lost', 400),
  row('acme/web', 'repoaccess-Other-20250101-000000-abcd', 'SHA256:other', 400),
  row('acme/web', 'laptop', 'SHA256:laptop', 400),
];
const rootsByKey = new Map([
  ['repoaccess-P-healthy', ['core-api root']],
  ['repoaccess-P-drifted', ['web root', 'docs root']],
  ['repoaccess-P-old', ['web old root']],
]);
const health = (rotationDays = 90): KeyHealth[] => keyHealth({ projectId: 'P', workspace: 'acme', records, audit, rootsByKey, rotationDays, now });

describe('Key health: the model', () => {
  it('finds each key of the project, recorded or only labelled by us, with its state', () => {
    const keys = health();
    assert.deepEqual(
      keys.map((k) => [k.label, k.drift ? 'drift' : '', k.stale ? 'stale' : '', k.dueForRotation ? 'due' : '', k.ageDays]),
      [
        ['repoaccess-P-healthy', '', '', '', 10],
        ['repoaccess-P-drifted', 'drift', '', '', 30],
        ['repoaccess-P-old', '', '', 'due', 120],
        ['repoaccess-P-unused', '', 'stale', '', 5],
        ['repoaccess-P-20250101-000000-lost', '', 'stale', 'due', 400],
      ],
    );
    const drifted = keys[1]!;
    assert.deepEqual(drifted.drift?.missing, { projects: ['CORE'], slugs: ['web', 'docs'] });
    assert.deepEqual(drifted.places, ['acme/project:CORE', 'acme/core-api', 'acme/web', 'acme/docs']);
    assert.equal(keys[0]!.lastUsed, daysAgo(1));
  });

  it('takes the rotation age from the parameter, and the earlier of record and Bitbucket as the key\'s age', () => {
    assert.deepEqual(health(7).filter((k) => k.dueForRotation).map((k) => k.label), ['repoaccess-P-healthy', 'repoaccess-P-drifted', 'repoaccess-P-old', 'repoaccess-P-20250101-000000-lost']);
    assert.equal(rotationDaysOf(''), 90);
    assert.equal(rotationDaysOf('0'), 90);
    assert.equal(rotationDaysOf('1.5'), 90);
    assert.equal(rotationDaysOf(' 30 '), 30);
    const older = keyHealth({ projectId: 'P', workspace: 'acme', records: [record('repoaccess-P-x', 'SHA256:x', 3, ['acme/a'])], audit: [row('acme/a', 'renamed', 'SHA256:x', 50)], rootsByKey: new Map([['repoaccess-P-x', ['r']]]), rotationDays: 40, now });
    assert.equal(older[0]!.ageDays, 50);
    assert.equal(older[0]!.dueForRotation, true);
    assert.equal(older[0]!.label, 'repoaccess-P-x', 'matched by fingerprint, named as recorded');
  });
});

describe('Key health: the view', () => {
  let removeDom: () => void;
  before(() => {
    removeDom = installDom();
  });
  afterEach(cleanup);
  after(() => removeDom());

  const calls: Array<[string, unknown]> = [];
  const show = (overrides: Partial<KeyHealthViewProps> = {}) => {
    calls.length = 0;
    return render(
      <KeyHealthView
        health={health()}
        workspace="acme"
        rotationDays={90}
        busy={false}
        result={null}
        onCheck={() => calls.push(['check', null])}
        onSaveRotationDays={(days) => calls.push(['save', days])}
        onRepair={(keys) => calls.push(['repair', keys.map((k) => k.label)])}
        onRevokeStale={(keys) => calls.push(['revoke', keys.map((k) => k.label)])}
        {...overrides}
      />,
    );
  };
  const rows = () =>
    within(screen().getByRole('table', { name: 'Key health' }))
      .getAllByRole('row')
      .slice(1)
      .map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent));

  it('lists every key with its repositories, last use, age and state', () => {
    show();
    assert.deepEqual(rows(), [
      ['repoaccess-P-healthy', 'acme/core-api', daysAgo(1).slice(0, 10), '10 days', 'healthy'],
      ['repoaccess-P-drifted', 'project CORE, acme/core-api, acme/web, acme/docs', daysAgo(3).slice(0, 10), '30 days', 'drifted on 3 repositories'],
      ['repoaccess-P-old', 'acme/web', daysAgo(2).slice(0, 10), '120 days', 'due for rotation'],
      ['repoaccess-P-unused', 'acme/docs', 'never', '5 days', 'stale'],
      ['repoaccess-P-20250101-000000-lostnot recorded by this project', 'acme/web', 'never', '400 days', 'stale, due for rotation'],
    ]);
    assert.equal(screen().getByTestId('key-health-summary').textContent, '5 access keys: 1 drifted, 2 stale, 2 due for rotation.');
  });

  it('asks before repairing drift, naming each key and where it is registered again', () => {
    show();
    assert.equal(screen().queryByRole('group', { name: 'Confirm repairing drift' }), null);
    fireEvent.click(screen().getByRole('button', { name: 'Repair drift' }));
    assert.deepEqual(calls, [], 'nothing runs before the confirmation');
    const confirm = screen().getByRole('group', { name: 'Confirm repairing drift' });
    assert.equal(
      within(confirm).getByRole('listitem').textContent,
      'repoaccess-P-drifted on project CORE, acme/web, acme/docs (VCS roots relying on it: web root, docs root)',
    );
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    assert.equal(screen().queryByRole('group', { name: 'Confirm repairing drift' }), null);
    assert.deepEqual(calls, []);
    fireEvent.click(screen().getByRole('button', { name: 'Repair drift' }));
    fireEvent.click(screen().getByRole('button', { name: 'Confirm repair' }));
    assert.deepEqual(calls, [['repair', ['repoaccess-P-drifted']]]);
  });

  it('asks before revoking stale keys, naming each key, its fingerprint, its repositories and what TeamCity loses', () => {
    show();
    fireEvent.click(screen().getByRole('button', { name: 'Revoke stale keys' }));
    const confirm = screen().getByRole('group', { name: 'Confirm revoking stale keys' });
    assert.deepEqual(
      within(confirm).getAllByRole('listitem').map((li) => li.textContent),
      [
        "repoaccess-P-unused (SHA256:unused): deleted in Bitbucket from acme/docs; its SSH key and record removed from this project's settings",
        'repoaccess-P-20250101-000000-lost (SHA256:lost): deleted in Bitbucket from acme/web; not recorded by this project: nothing changes in TeamCity',
      ],
    );
    fireEvent.click(within(confirm).getByRole('button', { name: 'Confirm revoking stale keys' }));
    assert.deepEqual(calls, [['revoke', ['repoaccess-P-unused', 'repoaccess-P-20250101-000000-lost']]]);
  });

  it('offers no action where there is nothing to do, and none while a build runs', () => {
    const healthyOnly = keyHealth({ projectId: 'P', workspace: 'acme', records: records.slice(0, 1), audit: audit.slice(0, 1), rootsByKey, rotationDays: 90, now });
    show({ health: healthyOnly });
    assert.equal(screen().getByTestId('key-health-summary').textContent, 'The access key is healthy.');
    assert.equal((screen().getByRole('button', { name: 'Repair drift' }) as HTMLButtonElement).disabled, true);
    assert.equal((screen().getByRole('button', { name: 'Revoke stale keys' }) as HTMLButtonElement).disabled, true);
    cleanup();
    show({ busy: true });
    for (const name of ['Repair drift', 'Revoke stale keys', 'Check key health']) assert.equal((screen().getByRole('button', { name }) as HTMLButtonElement).disabled, true, name);
    cleanup();
    show({ health: null });
    assert.equal(screen().queryByRole('table', { name: 'Key health' }), null);
    fireEvent.click(screen().getByRole('button', { name: 'Check key health' }));
    assert.deepEqual(calls, [['check', null]]);
  });

  it('saves a valid rotation age only', () => {
    show();
    const input = screen().getByLabelText('Rotation age (days)');
    const save = () => screen().getByRole('button', { name: 'Save rotation age' }) as HTMLButtonElement;
    assert.equal(save().disabled, true, 'unchanged');
    fireEvent.change(input, { target: { value: '0' } });
    assert.equal(input.getAttribute('aria-invalid'), 'true');
    assert.equal(save().disabled, true);
    fireEvent.change(input, { target: { value: '30' } });
    fireEvent.click(save());
    assert.deepEqual(calls, [['save', 30]]);
  });

  it('shows the result afterwards: what changed where, and what failed', () => {
    const result: KeyHealthResult = {
      action: 'revoke',
      outcomes: [
        { label: 'repoaccess-P-unused', done: ['acme/docs', "this project's SSH keys"], failed: [] },
        { label: 'repoaccess-P-20250101-000000-lost', done: [], failed: ['Bitbucket answered 403'] },
      ],
    };
    show({ result });
    assert.deepEqual(
      within(screen().getByRole('list', { name: 'Key health result' })).getAllByRole('listitem').map((li) => li.textContent),
      [
        "repoaccess-P-unused revoked; deleted from acme/docs, this project's SSH keys.",
        'repoaccess-P-20250101-000000-lost: nothing changed. Failed: Bitbucket answered 403; see the build log and try again.',
      ],
    );
  });
});
