import assert from 'node:assert/strict';
import { z } from 'zod/mini';
import { createTeamCity, opsBuildTypeId, TeamCityError, type OperationProgress, type TeamCity } from '../../plugin-ui/teamcity';
import { startStack, type Stack } from '../support/stack';
import { fetchTransport } from './support/fetch-transport';

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
    await tc.rest.send('POST', 'app/rest/projects', { id: sub, name: 'Paged', parentProject: { id: project } }, z.unknown(), 'create');
    for (let i = 0; i < 200; i++) {
      const body = { id: `${sub}_R${i}`, name: `r${i}`, vcsName: 'jetbrains.git', project: { id: sub }, properties: { property: [{ name: 'url', value: `https://bitbucket.org/acme/r${i}.git` }] } };
      await tc.rest.send('POST', 'app/rest/vcs-roots', body, z.unknown(), 'create');
    }
    const requests: string[] = [];
    const counting = createTeamCity({
      requestJSON: (endpoint, init) => (requests.push(endpoint), fetchTransport(stack.teamcity.url).requestJSON(endpoint, init)),
      requestText: fetchTransport(stack.teamcity.url).requestText,
    });
    const query = { path: 'app/rest/vcs-roots', locator: `project:(id:${sub})`, key: 'vcs-root', itemFields: 'id,properties(property(name,value))' };
    const roots = await counting.list(query, z.object({ id: z.string(), properties: z.object({ property: z.array(z.object({ name: z.string(), value: z.string() })) }) }), 'list');
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

  it('creates the operations build configuration once and repairs it', async () => {
    const id = await createTeamCity(fetchTransport(stack.teamcity.url)).ensureOpsBuildType('AcmeBackend_Services');
    assert.equal(id, opsBuildTypeId('AcmeBackend_Services'));
    const steps = await tc.rest.get(`app/rest/buildTypes/id:${id}/steps`, z.object({ step: z.array(z.object({ id: z.string() })) }), 'read steps');
    assert.equal(steps.step.length, 1);
    await tc.rest.remove(`app/rest/buildTypes/id:${id}/steps/${steps.step[0]!.id}`, 'delete the step');
    await createTeamCity(fetchTransport(stack.teamcity.url)).ensureOpsBuildType('AcmeBackend_Services');
    const again = await tc.rest.get(`app/rest/buildTypes/id:${id}/steps`, z.object({ step: z.array(z.object({ id: z.string() })) }), 'read steps');
    assert.equal(again.step.length, 1);
    assert.equal(await tc.rest.text(`app/rest/buildTypes/id:${id}/settings/artifactRules`, 'read rules'), 'out/** => out');
  });

  it('runs an operation: queues, reports progress, returns the finished build and its JSON artifact', async () => {
    const script = [
      'set -e',
      'mkdir -p out',
      `echo "##teamcity[progressMessage 'Counting %demo.greeting%']"`,
      'sleep 1',
      `printf '{"count": 3, "greeting": "%s"}' '%demo.greeting%' > out/demo.json`,
    ].join('\n');
    const progress: OperationProgress[] = [];
    const run = await tc.runOperation(project, script, { 'demo.greeting': 'hello' }, (p) => progress.push(p), { pollMs: 100 });
    assert.equal(run.succeeded, true);
    assert.equal(run.problem, null);
    assert.equal(run.build.state, 'finished');
    assert.ok(progress.some((p) => p.state === 'running' && p.text === 'Counting hello'), JSON.stringify(progress));
    assert.equal(progress.at(-1)?.state, 'finished');
    assert.deepEqual(await run.readJson('demo', z.object({ count: z.number(), greeting: z.string() })), { count: 3, greeting: 'hello' });
    await assert.rejects(run.readJson('demo', z.object({ count: z.string() })), /out\/demo\.json: unexpected shape at count/);
    assert.match(await run.log(), /Counting hello/);
  });

  it('a failed operation carries the helper problem, not the exit code', async () => {
    const script = `echo "##teamcity[buildProblem description='Bitbucket refused the API token (401): it is expired or revoked.']" >&2\nexit 3`;
    const run = await tc.runOperation(project, script, {}, undefined, { pollMs: 100 });
    assert.equal(run.succeeded, false);
    assert.equal(run.problem, 'Bitbucket refused the API token (401): it is expired or revoked.');
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const pending = tc.runOperation(project, 'sleep 2', {}, (p) => p.state !== 'finished' && controller.abort(new Error('left the page')), { signal: controller.signal, pollMs: 100 });
    await assert.rejects(pending, /left the page/);
  });
});
