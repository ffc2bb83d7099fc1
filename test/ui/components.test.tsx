import { installDom } from './support/dom';
import assert from 'node:assert/strict';
import React from 'react';
import { cleanup, fireEvent, render, within } from '@testing-library/react';
import { App } from '../../plugin-ui/app/App';
import type { Section } from '../../plugin-ui/app/sections';
import { CheckResultView } from '../../plugin-ui/connection/CheckResultView';
import { ModePicker } from '../../plugin-ui/connection/ModePicker';
import { SecretField } from '../../plugin-ui/connection/SecretField';
import { OperationStatus } from '../../plugin-ui/ui/OperationStatus';
import type { Mode } from '../../plugin-ui/project/modes';
import { createTeamCity } from '../../plugin-ui/teamcity';
import { fetchTransport } from './support/fetch-transport';

const screen = () => within(document.body);

describe('admin tab components', () => {
  let removeDom: () => void;
  before(() => {
    removeDom = installDom();
  });
  afterEach(cleanup);
  after(() => removeDom());

  it('mode picker: every way in is a labelled radio; app password is disabled with the way out', () => {
    const picked: Mode[] = [];
    render(<ModePicker value="api-token" onChange={(mode) => picked.push(mode)} />);
    const radios = screen().getAllByRole('radio');
    assert.equal(radios.length, 5);
    assert.ok((screen().getByRole('radio', { name: /^API token/ }) as HTMLInputElement).checked);
    const appPassword = screen().getByRole('radio', { name: /^App password/ }) as HTMLInputElement;
    assert.ok(appPassword.disabled);
    assert.match(screen().getByText(/stopped working on 2026-07-28/).textContent ?? '', /SSH access key or OAuth consumer/);
    fireEvent.click(screen().getByRole('radio', { name: /^SSH access key/ }));
    assert.deepEqual(picked, ['access-key']);
  });

  it('secret field: a stored secret shows only "set" with Replace, never a value', () => {
    const changes: Array<string | null> = [];
    const { rerender, container } = render(<SecretField id="s" label="API token" value={null} stored onChange={(value) => changes.push(value)} />);
    assert.equal(container.querySelector('input'), null, 'no input holds the stored secret');
    assert.match(container.textContent ?? '', /set/);
    fireEvent.click(screen().getByRole('button', { name: 'Replace API token' }));
    assert.deepEqual([...changes], ['']);
    rerender(<SecretField id="s" label="API token" value="" stored onChange={(value) => changes.push(value)} />);
    const input = screen().getByLabelText('API token') as HTMLInputElement;
    assert.equal(input.type, 'password');
    assert.equal(document.activeElement, input, 'Replace moves the focus to the new input');
    fireEvent.click(screen().getByRole('button', { name: 'Keep the current API token' }));
    assert.deepEqual(changes, ['', null]);
  });

  it('secret field: errors are tied to the input', () => {
    render(<SecretField id="t" label="Access token" value="" stored={false} onChange={() => {}} error="Enter the access token." />);
    const input = screen().getByLabelText('Access token');
    assert.equal(input.getAttribute('aria-invalid'), 'true');
    assert.equal(document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent, 'Enter the access token.');
    assert.equal(screen().queryByRole('button', { name: /Keep/ }), null, 'nothing stored, nothing to keep');
  });

  it('check result: a personal credential comes with the warning that builds stop when the person leaves', () => {
    const { rerender } = render(<CheckResultView result={{ mode: 'api-token', account: { kind: 'user', name: 'Alice Admin' }, personal: true, warnings: [] }} />);
    const personal = screen().getByTestId('ra-check-result').textContent ?? '';
    assert.match(personal, /Connected as Alice Admin \(user account\)/);
    assert.match(personal, /Personal credential/);
    assert.match(personal, /Builds stop working when this person's Bitbucket account is removed/);
    rerender(<CheckResultView result={{ mode: 'oauth', account: { kind: 'app_user', name: 'Repo Access CI' }, personal: false, warnings: ['token expires in 2 h'] }} />);
    const shared = screen().getByTestId('ra-check-result').textContent ?? '';
    assert.match(shared, /Repo Access CI/);
    assert.match(shared, /Not tied to a person/);
    assert.doesNotMatch(shared, /Personal credential/);
    assert.equal(screen().getByRole('list', { name: 'Warnings' }).textContent, 'token expires in 2 h');
  });

  it('operation status: a labelled progress bar with the build stage', () => {
    render(<OperationStatus label="Test connection progress" progress={{ buildId: 7, state: 'running', percent: 40, text: 'Asking Bitbucket' }} />);
    const bar = screen().getByRole('progressbar', { name: 'Test connection progress' });
    assert.equal(bar.getAttribute('aria-valuenow'), '40');
    assert.match(screen().getByText(/Build #7/).textContent ?? '', /Asking Bitbucket/);
  });

  it('app: sections are tabs, usable with the arrow keys', () => {
    const sections: Section[] = ['One', 'Two', 'Three'].map((title) => ({ id: title.toLowerCase(), title, Component: () => <p>{`${title} content`}</p> }));
    // Sections here never call TeamCity; the client only fills the context.
    render(<App projectId="Demo" tc={createTeamCity(fetchTransport('http://127.0.0.1:9'))} sections={sections} />);
    const tabs = screen().getAllByRole('tab');
    assert.deepEqual(tabs.map((tab) => tab.getAttribute('aria-selected')), ['true', 'false', 'false']);
    assert.ok(screen().getByRole('tabpanel', { name: 'One' }).textContent?.includes('One content'));
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowRight' });
    assert.equal(document.activeElement, screen().getByRole('tab', { name: 'Two' }));
    assert.ok(screen().getByRole('tabpanel', { name: 'Two' }).textContent?.includes('Two content'));
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    assert.equal(screen().getByRole('tab', { selected: true }).textContent, 'One', 'wraps around');
    assert.equal(location.hash, '#one');
  });
});
