import { strict as assert } from 'node:assert';
import { startTeamCity, type TeamCityFixture } from './fixture';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n';

describe('TeamCity sandbox: versioned settings', () => {
  let tc: TeamCityFixture;
  beforeEach(async () => {
    tc = await startTeamCity();
  });
  afterEach(() => tc.close());

  const readOnly = () =>
    tc.rest.send('PUT', 'app/rest/projects/id:AcmeBackend/versionedSettings/config', { synchronizationMode: 'enabled', format: 'kotlin', allowUIEditing: false, vcsRootId: 'AcmeBackend_CoreApi' });

  it('reports the settings in force: a subproject using its parent settings reads the parent format and editing mode', async () => {
    assert.deepEqual(await tc.rest.get('app/rest/projects/id:AcmeBackend_Services/versionedSettings/config'), { synchronizationMode: 'useParentProjectSettings' });
    await readOnly();
    const child = await tc.rest.get<Record<string, unknown>>('app/rest/projects/id:AcmeBackend_Services/versionedSettings/config');
    assert.equal(child.synchronizationMode, 'useParentProjectSettings');
    assert.equal(child.format, 'kotlin');
    assert.equal(child.allowUIEditing, false);
    assert.equal('storeSecureValuesOutsideVcs' in child, false, 'only reported with two-way sync');
  });

  it('refuses writes to settings of a project whose UI editing is off, and to its subprojects; SSH keys and tokens still go in', async () => {
    await readOnly();
    for (const [method, endpoint, body] of [
      ['POST', 'app/rest/vcs-roots', { name: 'x', vcsName: 'jetbrains.git', project: { id: 'AcmeBackend' } }],
      ['PUT', 'app/rest/projects/id:AcmeBackend_Services/parameters/foo', { name: 'foo', value: 'bar' }],
      ['POST', 'app/rest/buildTypes', { name: 'New', project: { id: 'AcmeBackend_Services' } }],
    ] as const) {
      const response = await tc.rest.raw(method, endpoint, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', 'X-TC-CSRF-Token': tc.sandbox.csrfToken } });
      assert.equal(response.status, 403, `${method} ${endpoint}`);
      assert.match(await response.text(), /read-only/);
    }
    assert.equal(tc.sandbox.store.project('AcmeBackend_Services')!.parameters.length, 0);
    await tc.rest.send('POST', 'app/rest/projects/id:AcmeBackend/sshKeys?fileName=k1', KEY);
    assert.ok(tc.sandbox.store.project('AcmeBackend')!.sshKeys.k1);
    const token = await tc.rest.send<string>('POST', 'app/rest/projects/id:AcmeBackend/secure/tokens', 's3cret');
    assert.match(token, /^credentialsJSON:[0-9a-f-]{36}$/);
    assert.equal(await tc.rest.send<string>('POST', 'app/rest/projects/id:AcmeBackend/secure/tokens', 's3cret'), token, 'same value, same token');
  });

  it('lets a subproject switch versioned settings off and be edited through REST again', async () => {
    await tc.rest.send('POST', 'app/rest/projects', { id: 'AcmeBackend_RepoAccess', name: 'Repo Access', parentProject: { id: 'AcmeBackend' } });
    await tc.rest.send('PUT', 'app/rest/projects/id:AcmeBackend_RepoAccess/versionedSettings/config', { synchronizationMode: 'disabled' });
    await readOnly();
    await tc.rest.send('PUT', 'app/rest/projects/id:AcmeBackend_RepoAccess/parameters/foo', { name: 'foo', value: 'bar' });
  });
});
