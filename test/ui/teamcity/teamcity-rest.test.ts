import assert from 'node:assert/strict';
import { z } from 'zod/mini';
import { createTeamCity, opsBuildTypeId, TeamCityError, type OperationProgress, type TeamCity } from '../../../plugin-ui/teamcity';
import { startStack, type Stack } from '../../support/stack';
import { listAll } from '../../../plugin-ui/teamcity/paging';
import { createRest } from '../../../plugin-ui/teamcity/rest';
import { fetchRest, fetchTransport } from '../support/fetch-transport';

const project = 'AcmeBackend';

describe('TeamCity REST layer against the TeamCity sandbox', () => {
  let stack: Stack;
  let tc: TeamCity;
  before(async () => {
    stack = await startStack({ bitbucket: { git: false } });
    tc = createTeamCity(fetchTransport(stack.teamcity.url));
  });
  after(async () => stack?.close());

  it('stores a password parameter that is never read back', async () => {
    await tc.setParameter(project, 'env.BITBUCKET_API_TOKEN', 'ATATT-never-read-back', { password: true });
    await tc.setParameter(project, 'repoaccess.workspace', 'acme');
    const parameters = await tc.parameters(project);
    assert.deepEqual(parameters.get('env.BITBUCKET_API_TOKEN'), { name: 'env.BITBUCKET_API_TOKEN', value: null, password: true, inherited: false });
    assert.equal(parameters.get('repoaccess.workspace')?.value, 'acme');
    const raw = await (await fetch(`${stack.teamcity.url}/app/rest/projects/id:${project}/parameters`, { headers: { Accept: 'application/json' } })).text();
    assert.doesNotMatch(raw, /ATATT-never-read-back/);
    assert.equal((await tc.parameters('AcmeBackend_Services')).get('repoaccess.workspace')?.inherited, true, 'subprojects inherit it');
    await tc.deleteParameter(project, 'env.BITBUCKET_API_TOKEN');
    await tc.deleteParameter(project, 'env.BITBUCKET_API_TOKEN'); // already gone: fine
    assert.equal((await tc.parameters(project)).has('env.BITBUCKET_API_TOKEN'), false);
  });

  it('lists every item over TeamCity pages, one request a page, and stops after a full last page', async () => {
    const sub = 'AcmeBackend_Paged';
    const rest = fetchRest(stack.teamcity.url);
    await rest.send('POST', 'app/rest/projects', { id: sub, name: 'Paged', parentProject: { id: project } }, z.unknown(), 'create');
    for (let i = 0; i < 200; i++) {
      const body = { id: `${sub}_R${i}`, name: `r${i}`, vcsName: 'jetbrains.git', project: { id: sub }, properties: { property: [{ name: 'url', value: `https://bitbucket.org/acme/r${i}.git` }] } };
      await rest.send('POST', 'app/rest/vcs-roots', body, z.unknown(), 'create');
    }
    const requests: string[] = [];
    const counting = createRest({
      requestJSON: (endpoint, init) => (requests.push(endpoint), fetchTransport(stack.teamcity.url).requestJSON(endpoint, init)),
      requestText: fetchTransport(stack.teamcity.url).requestText,
    });
    const query = { path: 'app/rest/vcs-roots', locator: `project:(id:${sub})`, key: 'vcs-root', itemFields: 'id,properties(property(name,value))' };
    const roots = await listAll(counting, query, z.object({ id: z.string(), properties: z.object({ property: z.array(z.object({ name: z.string(), value: z.string() })) }) }), 'list');
    assert.equal(new Set(roots.map((r) => r.id)).size, 200);
    assert.ok(roots.every((r) => r.properties.property.some((p) => p.name === 'url')), 'properties come with the list (fields=)');
    // 100 + 100 (full, so TeamCity names a next page) + the empty third page.
    assert.equal(requests.length, 3, requests.join('\n'));
    assert.match(requests[1]!, /^app\/rest\/vcs-roots\?locator=project:\(id:AcmeBackend_Paged\),start:100,count:100&fields=/);
  });

  it('refuses a write without the CSRF token, in plain words', async () => {
    const noCsrf = createTeamCity(fetchTransport(stack.teamcity.url, { csrf: false }));
    await assert.rejects(noCsrf.setParameter(project, 'repoaccess.mode', 'oauth'), (error: unknown) => {
      assert.ok(error instanceof TeamCityError);
      assert.equal(error.status, 403);
      assert.match(error.message, /Could not save the setting repoaccess\.mode\. TeamCity refused the change/);
      return true;
    });
    assert.equal((await tc.parameters(project)).has('repoaccess.mode'), false, 'nothing was written');
  });

  it('creates the operations build configuration: one fixed step, its parameters, trusted Linux agents only', async () => {
    const id = await tc.ensureOpsBuildType('AcmeBackend_Services');
    assert.equal(id, opsBuildTypeId('AcmeBackend_Services'));
    const bt = stack.teamcity.store.buildType(id)!;
    assert.equal(bt.steps.length, 1);
    assert.match(bt.steps[0]!.properties['script.content']!, /\nexec "\$node" "\$REPO_ACCESS_TOOL\/repo-access\.js" operation\n# Runs the agent tool %teamcity\.tool\.repo-access%$/);
    assert.deepEqual(bt.parameters.map((p) => [p.name, p.value]), [
      ['repoaccess.operation', ''],
      ['env.REPO_ACCESS_OPERATION', '%repoaccess.operation%'],
      ['env.REPO_ACCESS_TOOL', '%teamcity.tool.repo-access%'],
    ]);
    assert.deepEqual(bt.requirements?.map((r) => [r.name, r.type, r.value]), [['teamcity.agent.jvm.os.name', 'does-not-contain', 'Windows'], ['repoaccess.trusted', 'exists', undefined]]);
    assert.equal(bt.settings.artifactRules, 'out/** => out');
    assert.equal(await tc.ensureOpsBuildType('AcmeBackend_Services'), id, 'a second call finds it as it was');
  });

  it('runs an operation spec: queues, reports progress, returns the finished build and its JSON document', async () => {
    await tc.setOpsParameter(project, 'env.BITBUCKET_AUTH', 'api-token');
    await tc.setOpsParameter(project, 'env.BITBUCKET_EMAIL', 'alice@example.com');
    await tc.setOpsParameter(project, 'env.BITBUCKET_API_TOKEN', 'ATATT-sandbox-alice-full', { password: true });
    const progress: OperationProgress[] = [];
    const run = await tc.runOperation(project, { v: 1, command: 'repos', workspace: 'acme' }, { onProgress: (p) => progress.push(p), pollMs: 100 });
    assert.equal(run.succeeded, true, run.problem ?? '');
    assert.equal(run.problem, null);
    assert.equal(run.build.state, 'finished');
    assert.equal(progress.at(-1)?.state, 'finished');
    const doc = await run.readJson('repos', z.object({ repositories: z.array(z.object({ slug: z.string() })) }));
    assert.ok(doc.repositories.some((r) => r.slug === 'core-api'));
    await assert.rejects(run.readJson('repos', z.object({ repositories: z.string() })), /out\/repos\.json: unexpected shape at repositories/);
    assert.doesNotMatch(await run.log(), /ATATT-sandbox-alice-full/);
  });

  it('a failed operation carries the helper problem, not the exit code', async () => {
    await tc.setOpsParameter(project, 'env.BITBUCKET_API_TOKEN', 'ATATT-sandbox-alice-expired', { password: true });
    const run = await tc.runOperation(project, { v: 1, command: 'check' }, { pollMs: 100 });
    assert.equal(run.succeeded, false);
    assert.doesNotMatch(run.problem ?? '', /Process exited/);
    assert.match(run.problem ?? '', /expired|revoked|401/i);
    await tc.setOpsParameter(project, 'env.BITBUCKET_API_TOKEN', 'ATATT-sandbox-alice-full', { password: true });
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const pending = tc.runOperation(project, { v: 1, command: 'check' }, { onProgress: (p) => p.state !== 'finished' && controller.abort(new Error('left the page')), signal: controller.signal, pollMs: 100 });
    await assert.rejects(pending, /left the page/);
    const queued = stack.teamcity.store.data.builds.at(-1)!;
    await stack.teamcity.waitForBuild(queued.id, 30_000);
  });
});
