import { strict as assert } from 'node:assert';
import { startTeamCity, type TeamCityFixture } from './fixture';
import { ed25519SshKey } from '../support/ed25519';

interface Property {
  name: string;
  value?: string;
  inherited?: boolean;
  type?: { rawValue: string };
}

const PASSWORD = 'sup3r-secret-token-value';

function opensshKey(passphrase?: string): string {
  return ed25519SshKey().toString('openssh', passphrase ? { passphrase, cipher: 'aes256-ctr' } : {});
}

describe('TeamCity sandbox REST', () => {
  let tc: TeamCityFixture;
  before(async () => {
    tc = await startTeamCity();
  });
  after(() => tc.close());

  describe('CSRF', () => {
    it('hands out the token and refuses writes without it or with a wrong one', async () => {
      const token = await (await fetch(`${tc.sandbox.url}/authenticationTest.html?csrf`)).text();
      assert.equal(token, tc.sandbox.csrfToken);
      const body = JSON.stringify({ name: 'csrf.probe', value: 'x' });
      for (const headers of [{}, { 'X-TC-CSRF-Token': 'not-the-token' }] as Array<Record<string, string>>) {
        const res = await tc.rest.raw('POST', 'app/rest/projects/id:AcmeBackend/parameters', { body, headers: { 'Content-Type': 'application/json', ...headers } });
        assert.equal(res.status, 403);
        assert.match(await res.text(), /CSRF/);
      }
      const del = await tc.rest.raw('DELETE', 'app/rest/buildTypes/id:AcmeBackend_Build');
      assert.equal(del.status, 403);
      const params = await tc.rest.get<{ property: Property[] }>('app/rest/projects/id:AcmeBackend/parameters');
      assert.ok(!params.property.some((p) => p.name === 'csrf.probe'), 'a refused write changed nothing');
      await tc.rest.get('app/rest/buildTypes/id:AcmeBackend_Build');
    });
  });

  describe('projects', () => {
    it('returns a project with its parent and subprojects', async () => {
      const project = await tc.rest.get<{ id: string; name: string; parentProjectId: string; projects: { project: Array<{ id: string }> } }>('app/rest/projects/id:AcmeBackend');
      assert.equal(project.name, 'Acme Backend');
      assert.equal(project.parentProjectId, '_Root');
      assert.deepEqual(project.projects.project.map((p) => p.id), ['AcmeBackend_Services']);
      const list = await tc.rest.get<{ project: Array<{ id: string }> }>('app/rest/projects?locator=affectedProject:(id:AcmeBackend)');
      assert.deepEqual(list.project.map((p) => p.id).sort(), ['AcmeBackend', 'AcmeBackend_Services']);
    });

    it('answers 404 in TeamCity words for an unknown project', async () => {
      const res = await tc.rest.raw('GET', 'app/rest/projects/id:Nope');
      assert.equal(res.status, 404);
      assert.match(await res.text(), /No project found by locator/);
    });
  });

  describe('parameters', () => {
    it('never returns a password parameter value, by any route', async () => {
      await tc.rest.send('POST', 'app/rest/projects/id:AcmeBackend/parameters', { name: 'env.BITBUCKET_API_TOKEN', value: PASSWORD, type: { rawValue: 'password' } });
      await tc.rest.send('PUT', 'app/rest/projects/id:AcmeBackend/parameters/env.BITBUCKET_EMAIL', 'alice@example.com');
      const texts = [
        JSON.stringify(await tc.rest.get('app/rest/projects/id:AcmeBackend/parameters')),
        JSON.stringify(await tc.rest.get('app/rest/projects/id:AcmeBackend/parameters/env.BITBUCKET_API_TOKEN')),
        JSON.stringify(await tc.rest.get('app/rest/projects/id:AcmeBackend')),
        JSON.stringify(await tc.rest.get('app/rest/projects/id:AcmeBackend_Services/parameters')),
        await (await tc.rest.raw('GET', 'app/rest/projects/id:AcmeBackend/parameters/env.BITBUCKET_API_TOKEN/value')).text(),
      ];
      for (const text of texts) assert.ok(!text.includes(PASSWORD), `password leaked in ${text.slice(0, 120)}`);
      const token = await tc.rest.get<Property>('app/rest/projects/id:AcmeBackend/parameters/env.BITBUCKET_API_TOKEN');
      assert.equal(token.type?.rawValue, 'password');
      assert.equal(token.value, undefined);
      const email = await tc.rest.get<Property>('app/rest/projects/id:AcmeBackend/parameters/env.BITBUCKET_EMAIL');
      assert.equal(email.value, 'alice@example.com');
    });

    it('replacing a password parameter by text keeps it a password', async () => {
      await tc.rest.send('PUT', 'app/rest/projects/id:AcmeBackend/parameters/env.BITBUCKET_API_TOKEN', 'another-secret-value');
      const token = await tc.rest.get<Property>('app/rest/projects/id:AcmeBackend/parameters/env.BITBUCKET_API_TOKEN');
      assert.equal(token.type?.rawValue, 'password');
      assert.equal(token.value, undefined);
    });

    it('shows parameters inherited from the parent project, and deletes own ones', async () => {
      await tc.rest.send('POST', 'app/rest/projects/id:AcmeBackend/parameters', { name: 'repoaccess.workspace', value: 'acme' });
      const sub = await tc.rest.get<{ property: Property[] }>('app/rest/projects/id:AcmeBackend_Services/parameters');
      assert.deepEqual(
        sub.property.find((p) => p.name === 'repoaccess.workspace'),
        { name: 'repoaccess.workspace', value: 'acme', inherited: true, href: '/app/rest/projects/id:AcmeBackend_Services/parameters/repoaccess.workspace' },
      );
      await tc.rest.send('DELETE', 'app/rest/projects/id:AcmeBackend/parameters/repoaccess.workspace');
      const res = await tc.rest.raw('GET', 'app/rest/projects/id:AcmeBackend/parameters/repoaccess.workspace');
      assert.equal(res.status, 404);
    });

    it('rejects a malformed parameter body with 400', async () => {
      const res = await tc.rest.raw('POST', 'app/rest/projects/id:AcmeBackend/parameters', {
        body: JSON.stringify({ value: 'no name' }),
        headers: { 'Content-Type': 'application/json', 'X-TC-CSRF-Token': tc.sandbox.csrfToken },
      });
      assert.equal(res.status, 400);
    });
  });

  describe('sshKeys', () => {
    it('uploads, lists (with the encrypted flag) and deletes private keys', async () => {
      await tc.rest.send('POST', 'app/rest/projects/id:AcmeBackend/sshKeys?fileName=repo-access-plain', opensshKey());
      await tc.rest.send('POST', 'app/rest/projects/id:AcmeBackend/sshKeys?fileName=repo-access-locked', opensshKey('passphrase'));
      const list = await tc.rest.get<{ sshKey: Array<{ name: string; encrypted: boolean }> }>('app/rest/projects/id:AcmeBackend/sshKeys');
      assert.deepEqual(list.sshKey, [
        { name: 'repo-access-plain', encrypted: false },
        { name: 'repo-access-locked', encrypted: true },
      ]);
      assert.ok(!JSON.stringify(list).includes('PRIVATE KEY'));
      const headers = { 'X-TC-CSRF-Token': tc.sandbox.csrfToken };
      const queryForm = await tc.rest.raw('DELETE', 'app/rest/projects/id:AcmeBackend/sshKeys?fileName=repo-access-plain', { headers });
      assert.equal(queryForm.status, 405, 'TeamCity deletes a key only by name in the path');
      await tc.rest.send('DELETE', 'app/rest/projects/id:AcmeBackend/sshKeys/repo-access-plain');
      const after = await tc.rest.get<{ sshKey: Array<{ name: string }> }>('app/rest/projects/id:AcmeBackend/sshKeys');
      assert.deepEqual(after.sshKey.map((k) => k.name), ['repo-access-locked']);
      const gone = await tc.rest.raw('DELETE', 'app/rest/projects/id:AcmeBackend/sshKeys/repo-access-plain', { headers });
      assert.equal(gone.status, 404);
    });

    it('refuses an upload that is not a private key, or has no fileName', async () => {
      const headers = { 'Content-Type': 'text/plain', 'X-TC-CSRF-Token': tc.sandbox.csrfToken };
      const notKey = await tc.rest.raw('POST', 'app/rest/projects/id:AcmeBackend/sshKeys?fileName=x', { body: 'ssh-ed25519 AAAA public', headers });
      assert.equal(notKey.status, 400);
      const noName = await tc.rest.raw('POST', 'app/rest/projects/id:AcmeBackend/sshKeys', { body: opensshKey(), headers });
      assert.equal(noName.status, 400);
    });
  });

  describe('vcs-roots', () => {
    it('lists the seeded Bitbucket roots of a project and its subprojects', async () => {
      const list = await tc.rest.get<{ 'vcs-root': Array<{ id: string }> }>('app/rest/vcs-roots?locator=affectedProject:(id:AcmeBackend)');
      assert.deepEqual(list['vcs-root'].map((r) => r.id).sort(), ['AcmeBackend_CoreApi', 'AcmeBackend_Services_DeployScripts', 'AcmeBackend_WebFrontend']);
      const root = await tc.rest.get<{ vcsName: string; project: { id: string }; properties: { property: Property[] } }>('app/rest/vcs-roots/id:AcmeBackend_CoreApi');
      assert.equal(root.vcsName, 'jetbrains.git');
      const props = Object.fromEntries(root.properties.property.map((p) => [p.name, p.value]));
      assert.equal(props.authMethod, 'PASSWORD');
      assert.equal(props.username, 'alice');
      assert.equal(props['secure:password'], undefined);
      const withFields = await tc.rest.get<{ 'vcs-root': Array<{ id: string; properties: { property: Property[] } }> }>(
        'app/rest/vcs-roots?locator=affectedProject:(id:AcmeBackend)&fields=vcs-root(id,properties(property))',
      );
      const apiToken = withFields['vcs-root'].find((r) => r.id === 'AcmeBackend_WebFrontend')!;
      assert.deepEqual(apiToken.properties.property.find((p) => p.name === 'username'), { name: 'username', value: 'x-bitbucket-api-token-auth' });
      assert.ok(!JSON.stringify(withFields).includes('ATATT-sandbox'), 'secure properties stay on the server');
    });

    it('pages VCS root lists by 100 with nextHref, honours count:/start: and fields= (nextHref only when asked for)', async () => {
      for (let i = 0; i < 150; i++) {
        const body = { id: `AcmeBackend_Many${i}`, name: `many-${i}`, vcsName: 'jetbrains.git', project: { id: 'AcmeBackend' }, properties: { property: [{ name: 'url', value: `https://bitbucket.org/acme/many-${i}.git` }] } };
        await tc.rest.send('POST', 'app/rest/vcs-roots', body);
      }
      type Page = { count: number; nextHref?: string; 'vcs-root': Array<{ id: string; properties?: unknown }> };
      const first = await tc.rest.get<Page>('app/rest/vcs-roots?locator=affectedProject:(id:AcmeBackend)');
      assert.equal(first.count, 100);
      assert.equal(first['vcs-root'].length, 100);
      assert.equal(first.nextHref, '/app/rest/vcs-roots?locator=affectedProject:(id:AcmeBackend),start:100,count:100');
      const second = await tc.rest.get<Page>(first.nextHref);
      assert.equal(second['vcs-root'].length, 53);
      assert.equal(second.nextHref, undefined);
      const ids = new Set([...first['vcs-root'], ...second['vcs-root']].map((r) => r.id));
      assert.equal(ids.size, 153);

      const fields = 'nextHref,vcs-root(id,properties(property(name,value)))';
      const narrow = await tc.rest.get<Page>(`app/rest/vcs-roots?locator=${encodeURIComponent('affectedProject:(id:AcmeBackend),count:60')}&fields=${encodeURIComponent(fields)}`);
      assert.deepEqual(Object.keys(narrow).sort(), ['nextHref', 'vcs-root']);
      assert.deepEqual(Object.keys(narrow['vcs-root'][0]!).sort(), ['id', 'properties']);
      assert.match(narrow.nextHref!, /start:60,count:60&fields=nextHref,vcs-root\(id,properties\(property\(name,value\)\)\)$/);
      const withoutNext = await tc.rest.get<Page>('app/rest/vcs-roots?locator=affectedProject:(id:AcmeBackend)&fields=vcs-root(id)');
      assert.equal(withoutNext.nextHref, undefined, 'a custom fields spec without nextHref gets none');

      const projects = await tc.rest.get<{ project: unknown[]; nextHref?: string }>('app/rest/projects');
      assert.equal(projects.nextHref, undefined, 'projects are not paged unless asked');
      const onePage = await tc.rest.get<{ project: unknown[]; nextHref?: string }>('app/rest/projects?locator=count:1');
      assert.deepEqual([onePage.project.length, onePage.nextHref], [1, '/app/rest/projects?locator=start:1,count:1']);
      for (let i = 0; i < 150; i++) await tc.rest.send('DELETE', `app/rest/vcs-roots/id:AcmeBackend_Many${i}`);
    });

    it('creates a root with a secure property it never returns, updates and deletes it', async () => {
      const created = await tc.rest.send<{ id: string }>('POST', 'app/rest/vcs-roots', {
        name: 'shared-lib',
        vcsName: 'jetbrains.git',
        project: { id: 'AcmeBackend' },
        properties: {
          property: [
            { name: 'url', value: 'https://bitbucket.org/acme/shared-lib.git' },
            { name: 'authMethod', value: 'PASSWORD' },
            { name: 'username', value: 'x-token-auth' },
            { name: 'secure:password', value: PASSWORD },
          ],
        },
      });
      assert.equal(created.id, 'AcmeBackend_SharedLib');
      assert.ok(!JSON.stringify(await tc.rest.get('app/rest/vcs-roots/id:AcmeBackend_SharedLib')).includes(PASSWORD));
      await tc.rest.send('PUT', 'app/rest/vcs-roots/id:AcmeBackend_SharedLib/properties/authMethod', 'TEAMCITY_SSH_KEY');
      await tc.rest.send('PUT', 'app/rest/vcs-roots/id:AcmeBackend_SharedLib/properties/teamcitySshKey', 'repo-access-locked');
      assert.equal(await tc.rest.get('app/rest/vcs-roots/id:AcmeBackend_SharedLib/properties/authMethod'), 'TEAMCITY_SSH_KEY');
      await tc.rest.send('DELETE', 'app/rest/vcs-roots/id:AcmeBackend_SharedLib');
      assert.equal((await tc.rest.raw('GET', 'app/rest/vcs-roots/id:AcmeBackend_SharedLib')).status, 404);
    });

    it('refuses to delete a root a build configuration uses', async () => {
      const res = await tc.rest.raw('DELETE', 'app/rest/vcs-roots/id:AcmeBackend_CoreApi', { headers: { 'X-TC-CSRF-Token': tc.sandbox.csrfToken } });
      assert.equal(res.status, 400);
      assert.match(await res.text(), /AcmeBackend_Build/);
    });
  });

  describe('buildTypes', () => {
    it('creates a build configuration, adds a step, artifact rules and a VCS root, lists and deletes it', async () => {
      await tc.rest.send('POST', 'app/rest/buildTypes', {
        id: 'AcmeBackend_RepoAccessOps',
        name: 'Repo Access operations',
        project: { id: 'AcmeBackend' },
        settings: { property: [{ name: 'artifactRules', value: 'out/** => out' }] },
      });
      const step = await tc.rest.send<{ id: string; type: string }>('POST', 'app/rest/buildTypes/id:AcmeBackend_RepoAccessOps/steps', {
        name: 'run',
        type: 'simpleRunner',
        properties: { property: [{ name: 'script.content', value: '%repoaccess.script%' }] },
      });
      assert.deepEqual([step.id, step.type], ['RUNNER_1', 'simpleRunner']);
      await tc.rest.send('PUT', 'app/rest/buildTypes/id:AcmeBackend_RepoAccessOps/steps/RUNNER_1/parameters/script.content', 'echo changed');
      const changed = await tc.rest.get<{ step: Array<{ properties: { property: Property[] } }> }>('app/rest/buildTypes/id:AcmeBackend_RepoAccessOps/steps');
      assert.deepEqual(changed.step[0]!.properties.property, [{ name: 'script.content', value: 'echo changed' }]);
      await tc.rest.send('PUT', 'app/rest/buildTypes/id:AcmeBackend_RepoAccessOps/steps/RUNNER_1/parameters/script.content', '%repoaccess.script%');
      await tc.rest.send('POST', 'app/rest/buildTypes/id:AcmeBackend_RepoAccessOps/vcs-root-entries', { id: 'AcmeBackend_WebFrontend', 'vcs-root': { id: 'AcmeBackend_WebFrontend' } });
      await tc.rest.send('POST', 'app/rest/buildTypes/id:AcmeBackend_RepoAccessOps/parameters', { name: 'repoaccess.script', value: 'true' });
      const bt = await tc.rest.get<{
        projectId: string;
        steps: { step: Array<{ properties: { property: Property[] } }> };
        settings: { property: Property[] };
        'vcs-root-entries': { 'vcs-root-entry': Array<{ 'vcs-root': { id: string } }> };
        parameters: { property: Property[] };
      }>('app/rest/buildTypes/id:AcmeBackend_RepoAccessOps');
      assert.equal(bt.projectId, 'AcmeBackend');
      assert.deepEqual(bt.steps.step[0]!.properties.property, [{ name: 'script.content', value: '%repoaccess.script%' }]);
      assert.deepEqual(bt.settings.property, [{ name: 'artifactRules', value: 'out/** => out' }]);
      assert.deepEqual(bt['vcs-root-entries']['vcs-root-entry'].map((e) => e['vcs-root'].id), ['AcmeBackend_WebFrontend']);
      assert.ok(bt.parameters.property.some((p) => p.name === 'repoaccess.script' && !p.inherited));

      const all = await tc.rest.get<{ buildType: Array<{ id: string }> }>('app/rest/buildTypes?locator=affectedProject:(id:AcmeBackend)');
      assert.deepEqual(all.buildType.map((b) => b.id).sort(), ['AcmeBackend_Build', 'AcmeBackend_RepoAccessOps', 'AcmeBackend_Services_Deploy']);
      const duplicate = await tc.rest.raw('POST', 'app/rest/buildTypes', {
        body: JSON.stringify({ id: 'AcmeBackend_RepoAccessOps', name: 'again', project: { id: 'AcmeBackend' } }),
        headers: { 'Content-Type': 'application/json', 'X-TC-CSRF-Token': tc.sandbox.csrfToken },
      });
      assert.equal(duplicate.status, 400);
      await tc.rest.send('DELETE', 'app/rest/buildTypes/id:AcmeBackend_RepoAccessOps');
      assert.equal((await tc.rest.raw('GET', 'app/rest/buildTypes/id:AcmeBackend_RepoAccessOps')).status, 404);
    });

    it('POST …/steps appends; PUT …/steps replaces the whole list in the order given', async () => {
      const step = (name: string) => ({ name, type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: `echo ${name}` }] } });
      await tc.rest.send('POST', 'app/rest/buildTypes', { id: 'AcmeBackend_Order', name: 'Order', project: { id: 'AcmeBackend' }, steps: { step: [step('build'), step('test')] } });
      await tc.rest.send('POST', 'app/rest/buildTypes/id:AcmeBackend_Order/steps', step('clone'));
      type Steps = { step: Array<{ id: string; name: string }> };
      const appended = await tc.rest.get<Steps>('app/rest/buildTypes/id:AcmeBackend_Order/steps');
      assert.deepEqual(appended.step.map((s) => s.name), ['build', 'test', 'clone']);
      const [build, test, clone] = appended.step;
      await tc.rest.send('PUT', 'app/rest/buildTypes/id:AcmeBackend_Order/steps', { step: [clone, build, test] });
      const reordered = await tc.rest.get<Steps>('app/rest/buildTypes/id:AcmeBackend_Order/steps');
      assert.deepEqual(reordered.step.map((s) => s.name), ['clone', 'build', 'test']);
      await tc.rest.send('DELETE', 'app/rest/buildTypes/id:AcmeBackend_Order');
    });
  });
});
