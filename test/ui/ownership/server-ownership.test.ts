import assert from 'node:assert/strict';
import { z } from 'zod/mini';
import { createTeamCity, type TeamCity, type Transport } from '../../../plugin-ui/teamcity';
import { environmentOf } from '../../../plugin-ui/repositories/vcs/bitbucket-urls';
import { loadServerFacts, saveServiceAccounts, teamcityDate } from '../../../plugin-ui/ownership/server-facts';
import { dependsOn, people, serverReport, stoppingByProject, toCsv, toJson } from '../../../plugin-ui/ownership/server-report';
import { moveSshHost } from '../../../plugin-ui/ownership/ssh-host';
import { startTeamCity, type TeamCityFixture } from '../../sandbox-teamcity/fixture';
import { fetchRest, fetchTransport } from '../support/fetch-transport';

/** Counts the GET requests that reach TeamCity, by path. */
function counting(inner: Transport): { transport: Transport; gets: string[] } {
  const gets: string[] = [];
  const note = (endpoint: string, init?: RequestInit) => {
    if ((init?.method ?? 'GET') === 'GET') gets.push(endpoint);
  };
  return {
    gets,
    transport: {
      requestJSON: (endpoint, init) => (note(endpoint, init), inner.requestJSON(endpoint, init)),
      requestText: (endpoint, init) => (note(endpoint, init), inner.requestText(endpoint, init)),
    },
  };
}

describe('server-wide ownership against the TeamCity sandbox', function () {
  this.timeout(60_000);
  let fixture: TeamCityFixture;
  let tc: TeamCity;
  const env = environmentOf({ workspace: 'acme', mode: null, gitSsh: 'git@ssh.bitbucket.org', gitHttps: 'https://bitbucket.org', concurrency: 8 });

  before(async () => {
    fixture = await startTeamCity();
    tc = createTeamCity(fetchTransport(fixture.sandbox.url));
  });
  after(async () => fixture?.close());

  it("finds the leaving person's credentials in three projects, with the builds that would stop and their last use", async () => {
    const report = serverReport(await loadServerFacts(tc), env);
    assert.ok(people(report).includes('dave') && people(report).includes('dave@acme.example'));
    const dave = dependsOn(report, ['dave', 'dave@acme.example']);
    assert.deepEqual(dave.map((f) => f.id).sort(), ['Analytics_Etl', 'CloudOps:clone:env.BITBUCKET_AUTH', 'Payments_Gateway']);
    assert.deepEqual(new Set(dave.map((f) => f.projectName)), new Set(['Payments', 'Analytics', 'CloudOps']));
    const gateway = dave.find((f) => f.id === 'Payments_Gateway')!;
    // Seeded: Release ran 3 and 45 days ago: one build in the window, the last one 3 days ago.
    assert.deepEqual([gateway.verdict, gateway.recentBuilds], ['retired', 1]);
    assert.ok(gateway.lastUsed && gateway.lastUsed > teamcityDate(new Date(Date.now() - 4 * 86_400_000)));
    assert.equal(dave.find((f) => f.id === 'Analytics_Etl')?.recentBuilds, 2);
    const stops = stoppingByProject(dave, new Map([['Payments', 'Payments'], ['Analytics', 'Analytics']]));
    assert.deepEqual(stops.find((g) => g.project === 'Payments')?.buildTypes, ['Release']);

    const connection = report.find((f) => f.subject === 'connection');
    assert.equal(connection?.name, `Bitbucket Cloud connection "Dave's Bitbucket Cloud"`);
    const moving = report.filter((f) => f.sshHostMove !== null).map((f) => f.id);
    assert.ok(moving.includes('CloudOps_Terraform'));
  });

  it('shows a marked service account as shared, never as a person', async () => {
    let report = serverReport(await loadServerFacts(tc), env);
    assert.equal(report.find((f) => f.id === 'Analytics_Dashboards')?.verdict, 'personal');
    assert.equal(dependsOn(report, ['ci-bot@acme.example']).length, 1);
    await saveServiceAccounts(tc, ['ci-bot@acme.example']);
    report = serverReport(await loadServerFacts(tc), env);
    const bot = report.find((f) => f.id === 'Analytics_Dashboards')!;
    assert.equal(bot.verdict, 'service-account');
    assert.match(bot.explanation, /seat/);
    assert.deepEqual(dependsOn(report, ['ci-bot@acme.example']), []);
    assert.ok(!people(report).includes('ci-bot@acme.example'));
  });

  it('exports CSV and JSON for auditors without secrets, a formula never starting a cell', async () => {
    const report = serverReport(await loadServerFacts(tc), env);
    const csv = toCsv(report);
    assert.equal(csv.split('\r\n').length, report.length + 2);
    assert.match(csv.split('\r\n')[0]!, /^subject,id,name,project,kind,verdict,owner/);
    const json = JSON.parse(toJson(report, new Date(0))) as { credentials: Array<{ id: string; verdict: string }> };
    assert.equal(json.credentials.length, report.length);
    for (const secret of ['sandbox-dave-app-password', 'ATATT-sandbox', 'sandbox-dave-consumer-secret']) {
      assert.ok(!csv.includes(secret) && !JSON.stringify(json).includes(secret), secret);
    }
    const tricky = toCsv([{ ...report[0]!, owner: '=HYPERLINK("x")' }]);
    assert.ok(tricky.includes(`"'=HYPERLINK(""x"")"`));
  });

  it('moves a root off git@bitbucket.org to ssh.bitbucket.org in one step, changing nothing else', async () => {
    const before = (await fetchRest(fixture.sandbox.url).get('app/rest/vcs-roots/id:CloudOps_Terraform', z.object({ properties: z.object({ property: z.array(z.object({ name: z.string(), value: z.string() })) }) }), 'read')).properties.property;
    const report = serverReport(await loadServerFacts(tc), env);
    const url = await moveSshHost(tc, report.find((f) => f.id === 'CloudOps_Terraform')!);
    assert.equal(url, 'git@ssh.bitbucket.org:acme/ops-terraform.git');
    const after = serverReport(await loadServerFacts(tc), env).find((f) => f.id === 'CloudOps_Terraform')!;
    assert.equal(after.sshHostMove, null);
    const stored = fixture.sandbox.store.vcsRoot('CloudOps_Terraform')!.properties;
    assert.deepEqual(
      Object.entries(stored).filter(([name]) => name !== 'url'),
      before.filter((p) => p.name !== 'url').map((p) => [p.name, p.value]),
    );
    await assert.rejects(moveSshHost(tc, after), /already/);
  });

  it('reads a server of 200 projects, 2,000 VCS roots and 500 build configurations at one request per 100 items, queueing nothing', async () => {
    const data = fixture.sandbox.store.data;
    for (let p = 0; p < 200; p++) data.projects.push({ id: `Scale${p}`, name: `Scale ${p}`, parentId: '_Root', parameters: [], sshKeys: {} });
    for (let r = 0; r < 2000; r++)
      data.vcsRoots.push({ id: `Scale${r % 200}_Root${r}`, name: `root ${r}`, vcsName: 'jetbrains.git', projectId: `Scale${r % 200}`, properties: { url: `https://bitbucket.org/acme/r${r}.git`, authMethod: 'PASSWORD', username: `user${r % 7}` } });
    for (let b = 0; b < 500; b++)
      data.buildTypes.push({ id: `Scale${b % 200}_Bt${b}`, name: `bt ${b}`, projectId: `Scale${b % 200}`, parameters: [], settings: {}, steps: [], vcsRootEntries: [{ vcsRootId: `Scale${b % 200}_Root${b}`, checkoutRules: '' }] });
    const buildsBefore = data.builds.length;
    const { transport, gets } = counting(fetchTransport(fixture.sandbox.url));
    const facts = await loadServerFacts(createTeamCity(transport));
    const items = facts.projects.length + facts.vcsRoots.length + facts.buildTypes.length + facts.recentBuilds.length;
    assert.ok(facts.vcsRoots.length >= 2000 && facts.buildTypes.length >= 500 && facts.projects.length >= 200);
    // Every page asks for fields=; a full last page costs one more (empty) request, so at most ceil(n/100)+1 per list.
    assert.ok(gets.every((g) => g.includes('fields=')), gets.join('\n'));
    assert.ok(gets.length <= Math.ceil(items / 100) + 4, `${gets.length} requests for ${items} items`);
    assert.equal(data.builds.length, buildsBefore);
  });
});
