import { strict as assert } from 'node:assert';
import { createTeamCity, opsBuildTypeId, opsProjectId, TeamCityError, type TeamCity } from '../../plugin-ui/teamcity';
import { fetchTransport } from '../ui/support/fetch-transport';
import { startTeamCity, type TeamCityFixture } from './fixture';

const project = 'AcmeBackend';
const home = opsProjectId(project);
const ops = opsBuildTypeId(project);

describe('the "Repo Access" subproject that holds the operations build (TeamCity sandbox)', () => {
  let fixture: TeamCityFixture;
  let tc: TeamCity;
  beforeEach(async () => {
    fixture = await startTeamCity();
    tc = createTeamCity(fetchTransport(fixture.sandbox.url));
  });
  afterEach(() => fixture.close());

  const store = () => fixture.sandbox.store;
  const syncMode = async (id: string) => (await fixture.rest.get<{ synchronizationMode: string }>(`app/rest/projects/id:${id}/versionedSettings/config`)).synchronizationMode;
  const readOnly = () =>
    fixture.rest.send('PUT', `app/rest/projects/id:${project}/versionedSettings/config`, { synchronizationMode: 'enabled', format: 'kotlin', allowUIEditing: false, vcsRootId: 'AcmeBackend_CoreApi' });
  /** What an earlier version left: the operations build in the project itself, holding the management credential. */
  const legacyInProject = async () => {
    await tc.ensureOpsBuildType(project);
    await tc.setOpsParameter(project, 'env.BITBUCKET_API_TOKEN', 'ATATT-kept-across-the-move', { password: true });
    store().buildType(ops)!.projectId = project;
    store().data.projects = store().data.projects.filter((p) => p.id !== home);
  };

  it('creates the subproject with versioned settings off and the operations build in it; nothing of it on the project', async () => {
    assert.equal(await tc.ensureOpsBuildType(project), ops);
    const sub = store().project(home)!;
    assert.equal(sub.name, 'Repo Access');
    assert.equal(sub.parentId, project);
    assert.equal(await syncMode(home), 'disabled');
    assert.equal(store().buildType(ops)!.projectId, home);
    await tc.setOpsParameter(project, 'env.BITBUCKET_API_TOKEN', 'ATATT-secret', { password: true });
    assert.ok(!store().project(project)!.parameters.some((p) => p.name.startsWith('env.BITBUCKET_')), 'the credential is on the operations build only');
    assert.equal(await tc.ensureOpsBuildType(project), ops, 'a second call finds both as they were');
    assert.equal(store().data.projects.filter((p) => p.parentId === project && p.name === 'Repo Access').length, 1);
  });

  it('switches the subproject back off when someone made it use the parent versioned settings', async () => {
    await tc.ensureOpsBuildType(project);
    await fixture.rest.send('PUT', `app/rest/projects/id:${home}/versionedSettings/config`, { synchronizationMode: 'useParentProjectSettings' });
    await tc.ensureOpsBuildType(project);
    assert.equal(await syncMode(home), 'disabled');
  });

  it('moves the operations build an earlier version left in the project, the stored credential with it', async () => {
    await legacyInProject();
    assert.equal(await tc.ensureOpsBuildType(project), ops);
    const bt = store().buildType(ops)!;
    assert.equal(bt.projectId, home);
    assert.equal(bt.parameters.find((p) => p.name === 'env.BITBUCKET_API_TOKEN')?.value, 'ATATT-kept-across-the-move');
    assert.equal((await tc.opsParameters(project)).get('env.BITBUCKET_API_TOKEN')?.password, true);
  });

  it('on a project whose settings are read-only: the subproject still takes the credential and the trusted-agent parameter', async () => {
    await tc.ensureOpsBuildType(project);
    await readOnly();
    await assert.rejects(tc.setParameter(project, 'repoaccess.x', 'y'), (error: unknown) => error instanceof TeamCityError && error.status === 403, 'the project itself is read-only');
    await tc.setOpsParameter(project, 'env.BITBUCKET_API_TOKEN', 'ATATT-rotated', { password: true });
    assert.equal(store().buildType(ops)!.parameters.find((p) => p.name === 'env.BITBUCKET_API_TOKEN')?.value, 'ATATT-rotated');
    await tc.setTrustedAgentParameter(project, 'builds.trusted');
    assert.equal(await tc.trustedAgentParameter(project), 'builds.trusted');
    assert.deepEqual(
      store().buildType(ops)!.requirements?.map((r) => [r.name, r.type]),
      [['teamcity.agent.jvm.os.name', 'does-not-contain'], ['builds.trusted', 'exists']],
    );
    assert.equal(await tc.ensureOpsBuildType(project), ops, 'the configuration is still what the tab made');
  });

  it('says what to do when a read-only project has no subproject yet, or still holds the old operations build', async () => {
    await readOnly();
    await assert.rejects(tc.ensureOpsBuildType(project), /Could not create the subproject "Repo Access" \(AcmeBackend_RepoAccess\).*read-only.*create the subproject yourself/s);
    assert.equal(store().project(home), undefined);
    await fixture.rest.send('PUT', `app/rest/projects/id:${project}/versionedSettings/config`, { synchronizationMode: 'disabled' });
    await legacyInProject();
    await readOnly();
    await fixture.rest.send('POST', 'app/rest/projects', { id: home, name: 'Repo Access', parentProject: { id: project } }).catch(() => undefined);
    assert.equal(store().project(home), undefined, 'the sandbox refuses a new subproject of a read-only project too');
    store().data.projects.push({ id: home, name: 'Repo Access', parentId: project, parameters: [], sshKeys: {}, versionedSettings: { synchronizationMode: 'disabled' } });
    await assert.rejects(tc.ensureOpsBuildType(project), /is still in AcmeBackend.*Move it there yourself.*The management credential moves with it/s);
    assert.equal(store().buildType(ops)!.projectId, project, 'nothing moved');
  });
});
