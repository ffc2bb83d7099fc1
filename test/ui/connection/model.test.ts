import assert from 'node:assert/strict';
import { draftFrom, planSave, validate, type Draft } from '../../../plugin-ui/connection/model';
import { storedFrom } from '../../../plugin-ui/project/stored';
import type { Parameter } from '../../../plugin-ui/teamcity';

const parameters = (entries: Array<[string, string | null, boolean?]>): Map<string, Parameter> =>
  new Map(entries.map(([name, value, inherited]) => [name, { name, value, password: value === null, inherited: inherited ?? false }]));

const apiTokenProject = parameters([
  ['repoaccess.mode', 'api-token'],
  ['repoaccess.workspace', 'acme'],
  ['env.BITBUCKET_AUTH', 'api-token'],
  ['env.BITBUCKET_EMAIL', 'alice@example.com'],
  ['env.BITBUCKET_API_TOKEN', null],
]);

describe('credential settings model', () => {
  it('reads stored settings with secrets only as set / not set', () => {
    const stored = storedFrom(apiTokenProject);
    assert.equal(stored.mode, 'api-token');
    assert.equal(stored.email, 'alice@example.com');
    assert.deepEqual(stored.set, { apiToken: true, oauthSecret: false, accessToken: false });
    const draft = draftFrom(stored);
    assert.equal(draft.apiToken, null, 'a stored secret is kept, not loaded');
    assert.equal(draft.oauthSecret, '');
  });

  it('recognises a project still on the retired app password', () => {
    const stored = storedFrom(parameters([['env.BITBUCKET_AUTH', 'app-password'], ['env.BITBUCKET_USERNAME', 'alice']]));
    assert.equal(stored.mode, 'app-password');
    assert.equal(draftFrom(stored).mode, null, 'the form makes the admin pick a working mode');
  });

  it('explains every missing or malformed field in plain words', () => {
    const nothing = storedFrom(new Map());
    const empty = draftFrom(nothing);
    assert.deepEqual(Object.keys(validate(empty, nothing)).sort(), ['mode', 'workspace']);
    const apiToken: Draft = { ...empty, mode: 'api-token', workspace: 'Acme Corp', email: 'alice', apiToken: '  ' };
    const errors = validate(apiToken, nothing);
    assert.match(errors.workspace ?? '', /lowercase/);
    assert.match(errors.email ?? '', /email/);
    assert.match(errors.apiToken ?? '', /API token/);
    assert.deepEqual(validate({ ...apiToken, workspace: 'acme', email: 'alice@example.com', apiToken: 'ATATT-x' }, nothing), {});
  });

  it('access-key mode needs a management credential that can register keys', () => {
    const nothing = storedFrom(new Map());
    const draft: Draft = { ...draftFrom(nothing), mode: 'access-key', workspace: 'acme' };
    assert.deepEqual(Object.keys(validate(draft, nothing)).sort(), ['oauthKey', 'oauthSecret']);
    assert.deepEqual(Object.keys(validate({ ...draft, managementAuth: 'api-token' }, nothing)).sort(), ['apiToken', 'email']);
  });

  it('keeps the management credential on the operations build only and moves it off the project', () => {
    // An earlier version kept Alice's API token on the project, where every build of the project received it.
    const stored = storedFrom(parameters([...apiTokenProject].map(([name, p]) => [name, name === 'repoaccess.mode' ? 'access-key' : p.value] as [string, string | null])));
    const draft = draftFrom(stored);
    assert.equal(draft.apiToken, '', 'not kept: TeamCity cannot hand it back to move it');
    assert.match(validate({ ...draft, managementAuth: 'api-token', apiToken: null }, stored).apiToken ?? '', /again.*operations build only/);
    const plan = planSave({ ...draft, managementAuth: 'api-token', apiToken: 'ATATT-new' }, stored);
    assert.deepEqual(
      plan.set.map((p) => [p.place, p.name, p.password]),
      [
        ['ops', 'env.BITBUCKET_AUTH', false],
        ['ops', 'env.BITBUCKET_EMAIL', false],
        ['ops', 'env.BITBUCKET_API_TOKEN', true],
      ],
    );
    assert.deepEqual(plan.remove.map((r) => [r.place, r.name]).sort(), [
      ['project', 'env.BITBUCKET_API_TOKEN'],
      ['project', 'env.BITBUCKET_AUTH'],
      ['project', 'env.BITBUCKET_EMAIL'],
    ]);
    const saved = storedFrom(
      parameters([['repoaccess.mode', 'access-key']]),
      parameters([['env.BITBUCKET_AUTH', 'api-token'], ['env.BITBUCKET_EMAIL', 'a@b.c'], ['env.BITBUCKET_API_TOKEN', null], ['repoaccess.workspace', 'acme', true]]),
    );
    assert.deepEqual([saved.auth, saved.email, saved.set.apiToken, draftFrom(saved).apiToken], ['api-token', 'a@b.c', true, null]);
  });

  it('flags a secret stored as plain text and makes it be entered again, then stored as a password', () => {
    const stored = storedFrom(new Map([...apiTokenProject, ['env.BITBUCKET_API_TOKEN', { name: 'env.BITBUCKET_API_TOKEN', value: 'ATATT-plain', password: false, inherited: false }]]));
    assert.deepEqual(stored.plain, ['apiToken']);
    assert.equal(draftFrom(stored).apiToken, '', 'a plain-text secret is not kept');
    assert.match(validate(draftFrom(stored), stored).apiToken ?? '', /Enter the API token/);
    const plan = planSave({ ...draftFrom(stored), apiToken: 'ATATT-again' }, stored);
    assert.deepEqual(plan.set.find((p) => p.name === 'env.BITBUCKET_API_TOKEN'), { place: 'project', name: 'env.BITBUCKET_API_TOKEN', value: 'ATATT-again', password: true });
  });

  it('saves secrets as password parameters, keeps an untouched secret and removes the previous credential', () => {
    const stored = storedFrom(apiTokenProject);
    const keep = planSave({ ...draftFrom(stored), workspace: 'acme2' }, stored);
    assert.ok(!keep.set.some((p) => p.name === 'env.BITBUCKET_API_TOKEN'), 'a kept secret is not rewritten');
    assert.deepEqual(keep.remove, []);

    const toOauth = planSave({ ...draftFrom(stored), mode: 'access-key', managementAuth: 'oauth', oauthKey: 'k', oauthSecret: 's' }, stored);
    assert.deepEqual(
      toOauth.set.map((p) => [p.name, p.password]),
      [
        ['repoaccess.mode', false],
        ['env.BITBUCKET_AUTH', false],
        ['env.BITBUCKET_OAUTH_KEY', false],
        ['env.BITBUCKET_OAUTH_SECRET', true],
      ],
    );
    assert.equal(toOauth.set.find((p) => p.name === 'env.BITBUCKET_AUTH')?.value, 'oauth');
    assert.deepEqual(toOauth.set.map((p) => p.place), ['project', 'ops', 'ops', 'ops'], 'the unchanged workspace is not rewritten');
    assert.deepEqual(toOauth.remove.map((r) => `${r.place}:${r.name}`).sort(), ['project:env.BITBUCKET_API_TOKEN', 'project:env.BITBUCKET_AUTH', 'project:env.BITBUCKET_EMAIL']);
  });

  it('does not try to delete a credential inherited from a parent project', () => {
    const stored = storedFrom(parameters([['env.BITBUCKET_API_TOKEN', null, true]]));
    const plan = planSave({ ...draftFrom(stored), mode: 'access-token', workspace: 'acme', accessToken: 'ATCTT-x' }, stored);
    assert.deepEqual(plan.remove, []);
  });
});
