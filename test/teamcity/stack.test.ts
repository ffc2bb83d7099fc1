import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startStack, type Stack } from '../support/stack';
import { teamcityRest, type TeamCityRest } from '../support/teamcity-rest';

const ZIP = path.resolve('dist/repo-access-teamcity.zip');

describe('sandboxes wired together (startStack)', () => {
  let stack: Stack;
  let rest: TeamCityRest;
  before(async () => {
    if (!existsSync(ZIP)) throw new Error(`${ZIP} is missing: run npm run build first`);
    stack = await startStack();
    rest = await teamcityRest(stack.teamcity.url);
  });
  after(() => stack?.close());

  it('points the seeded VCS roots at the Bitbucket sandbox', async () => {
    const root = await rest.get<{ properties: { property: Array<{ name: string; value: string }> } }>('app/rest/vcs-roots/id:AcmeBackend_WebFrontend');
    assert.equal(root.properties.property.find((p) => p.name === 'url')?.value, `${stack.bitbucket.gitHttpsUrl}/acme/web-frontend.git`);
  });

  it('lets a build reach Bitbucket with a credential stored as password parameters', async () => {
    await rest.send('POST', 'app/rest/projects/id:AcmeBackend/parameters', { name: 'env.BITBUCKET_EMAIL', value: 'alice@example.com' });
    await rest.send('POST', 'app/rest/projects/id:AcmeBackend/parameters', { name: 'env.BITBUCKET_API_TOKEN', value: 'ATATT-sandbox-alice-full', type: { rawValue: 'password' } });
    const script = [
      'node "%teamcity.tool.repo-access%/repo-access.js" --version',
      `node -e 'const a = Buffer.from(process.env.BITBUCKET_EMAIL + ":" + process.env.BITBUCKET_API_TOKEN).toString("base64");` +
        ` fetch(process.env.BITBUCKET_API_URL + "/user", { headers: { Authorization: "Basic " + a } }).then((r) => r.json()).then((u) => console.log("user=" + u.display_name))'`,
    ].join('\n');
    await rest.send('POST', 'app/rest/buildTypes', {
      id: 'AcmeBackend_Whoami',
      name: 'whoami',
      project: { id: 'AcmeBackend' },
      steps: { step: [{ type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: script }] } }] },
    });
    const queued = await rest.send<{ id: number }>('POST', 'app/rest/buildQueue', { buildType: { id: 'AcmeBackend_Whoami' } });
    const build = await stack.teamcity.waitForBuild(queued.id);
    const log = await rest.get<string>(`downloadBuildLog.html?buildId=${queued.id}`);
    assert.equal(build.status, 'SUCCESS', log);
    assert.match(log, /user=Alice Admin/);
    assert.ok(!log.includes('ATATT-sandbox-alice-full'));
  });
});
