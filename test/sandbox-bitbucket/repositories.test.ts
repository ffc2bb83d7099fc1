import assert from 'node:assert/strict';
import { defaultFixture, Fixture, generateFixture } from '../../sandbox/bitbucket/fixture';
import { startBitbucketSandbox, type BitbucketSandbox } from '../../sandbox/bitbucket/index';
import { ALICE, api, BOB, ed25519PublicKey } from './helpers';

describe('bitbucket sandbox: repositories', () => {
  describe('250 generated repositories', () => {
    let sb: BitbucketSandbox;
    before(async () => {
      sb = await startBitbucketSandbox({ git: false, fixture: generateFixture({ workspace: 'bulk', repositories: 250, projects: 4 }) });
    });
    after(() => sb.close());

    it('pages by 10 by default, with next absent on the last page, each repository once', async () => {
      const first = await api(sb, '/repositories/bulk', { auth: ALICE });
      assert.equal(first.status, 200);
      assert.equal(first.body.pagelen, 10);
      assert.equal(first.body.page, 1);
      assert.equal(first.body.size, 250);
      assert.equal(first.body.values.length, 10);
      const seen = new Set<string>();
      let url: string | undefined = `${sb.apiUrl}/repositories/bulk?pagelen=100`;
      let pages = 0;
      while (url && pages < 10) {
        const page = await api(sb, url, { auth: ALICE });
        assert.equal(page.status, 200);
        for (const r of page.body.values) seen.add(r.full_name);
        url = page.body.next;
        pages++;
        if (url) assert.match(url, /pagelen=100/);
      }
      assert.equal(pages, 3);
      assert.equal(seen.size, 250);
    });

    it('answers 400 "Invalid pagelen" above 100 and for junk', async () => {
      for (const v of ['101', '-1', 'abc']) {
        const res = await api(sb, `/repositories/bulk?pagelen=${v}`, { auth: ALICE });
        assert.equal(res.status, 400, v);
        assert.deepEqual(res.body, { type: 'error', error: { message: 'Invalid pagelen' } });
      }
      assert.equal((await api(sb, '/repositories/bulk?pagelen=100', { auth: ALICE })).body.values.length, 100);
    });

    it('filters by project with q= and keeps q in next', async () => {
      const res = await api(sb, `/repositories/bulk?q=${encodeURIComponent('project.key = "P002"')}&pagelen=50`, { auth: ALICE });
      assert.equal(res.status, 200);
      assert.equal(res.body.size, 63);
      assert.ok(res.body.values.every((r: { project: { key: string } }) => r.project.key === 'P002'));
      assert.equal(new URL(res.body.next).searchParams.get('q'), 'project.key = "P002"');
    });
  });

  describe('default fixture', () => {
    let sb: BitbucketSandbox;
    before(async () => {
      sb = await startBitbucketSandbox({ git: false });
    });
    after(() => sb.close());

    it('returns the repository shape', async () => {
      const res = await api(sb, '/repositories/acme/core-api', { auth: ALICE });
      assert.equal(res.status, 200);
      const r = res.body;
      assert.equal(r.type, 'repository');
      assert.equal(r.slug, 'core-api');
      assert.equal(r.full_name, 'acme/core-api');
      assert.match(r.uuid, /^\{[0-9a-f-]{36}\}$/);
      assert.equal(r.is_private, true);
      assert.deepEqual({ type: r.project.type, key: r.project.key, name: r.project.name }, { type: 'project', key: 'CORE', name: 'Core Platform' });
      assert.equal(r.workspace.slug, 'acme');
      assert.deepEqual(r.mainbranch, { type: 'branch', name: 'main' });
      assert.deepEqual(r.links.clone, [
        { name: 'https', href: `${sb.gitHttpsUrl}/acme/core-api.git` },
        { name: 'ssh', href: 'git@127.0.0.1:acme/core-api.git' },
      ]);
      assert.match(r.created_on, /^\d{4}-/);
      assert.match(r.updated_on, /^\d{4}-/);
    });

    it('leaves project out for a repository outside any project', async () => {
      const res = await api(sb, '/repositories/acme/sandbox-playground', { auth: ALICE });
      assert.equal(res.status, 200);
      assert.equal('project' in res.body, false);
    });

    it('keeps HTML in names as data', async () => {
      const res = await api(sb, `/repositories/acme?q=${encodeURIComponent('name ~ "<img"')}`, { auth: ALICE });
      assert.equal(res.body.values.length, 1);
      assert.equal(res.body.values[0].name, '<img src=x onerror=alert(1)> & "quotes"');
    });

    it('answers 404 with an error envelope for an unknown repository or workspace', async () => {
      const repo = await api(sb, '/repositories/acme/does-not-exist', { auth: ALICE });
      assert.equal(repo.status, 404);
      assert.equal(repo.body.type, 'error');
      assert.match(repo.body.error.message, /no longer exists/);
      const ws = await api(sb, '/repositories/nope', { auth: ALICE });
      assert.equal(ws.status, 404);
      assert.equal(ws.body.type, 'error');
    });

    for (const [q, slugs] of [
      ['slug = "core-api"', ['core-api']],
      ['name ~ "DATA"', ['data-pipeline', 'data-warehouse']],
      ['project.key = "OPS" AND name ~ "ops"', ['ops-terraform', 'ops-ansible']],
      ['project.key = "OPS" OR slug = "core-api"', ['core-api', 'ops-terraform', 'ops-ansible', 'deploy-scripts']],
      ['is_private = false', ['public-docs']],
    ] as const) {
      it(`filters q=${q}`, async () => {
        const res = await api(sb, `/repositories/acme?pagelen=100&q=${encodeURIComponent(q)}`, { auth: ALICE });
        assert.equal(res.status, 200);
        assert.deepEqual(res.body.values.map((r: { slug: string }) => r.slug), slugs);
      });
    }

    for (const q of ['name ~', 'nonsense = "x"', 'slug = "a" AND']) {
      it(`answers 400 for the bad query ${JSON.stringify(q)}`, async () => {
        const res = await api(sb, `/repositories/acme?q=${encodeURIComponent(q)}`, { auth: ALICE });
        assert.equal(res.status, 400);
        assert.equal(res.body.type, 'error');
        assert.match(res.body.error.message, /Invalid (query|field)/);
      });
    }

    it('sorts with sort= and filters with role=', async () => {
      const sorted = await api(sb, '/repositories/acme?pagelen=100&sort=-slug', { auth: ALICE });
      const slugs = sorted.body.values.map((r: { slug: string }) => r.slug);
      assert.deepEqual(slugs, [...slugs].sort().reverse());
      assert.equal((await api(sb, '/repositories/acme?role=admin', { auth: ALICE })).body.size, 14);
      assert.equal((await api(sb, '/repositories/acme?role=admin', { auth: BOB })).body.size, 0);
      assert.equal((await api(sb, '/repositories/acme?role=member', { auth: BOB })).body.size, 14);
      assert.equal((await api(sb, '/repositories/acme?role=boss', { auth: BOB })).status, 400);
    });

    it('shows only public repositories without credentials', async () => {
      const res = await api(sb, '/repositories/acme');
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.values.map((r: { slug: string }) => r.slug), ['public-docs']);
      assert.equal((await api(sb, '/repositories/acme/core-api')).status, 404);
    });
  });
});

describe('bitbucket sandbox: fixtures', () => {
  it('generates fixtures of 5000 repositories with the standard credentials', () => {
    const f = generateFixture({ workspace: 'huge', repositories: 5000, projects: 7 });
    assert.equal(f.repositories.length, 5000);
    assert.equal(new Set(f.repositories.map((r) => r.slug)).size, 5000);
    assert.deepEqual(new Set(f.repositories.map((r) => r.project)).size, 7);
    assert.ok(f.credentials.apiTokens.some((t) => t.token === 'ATATT-sandbox-alice-full'));
    assert.ok(f.credentials.oauthConsumers.some((c) => c.key === 'sandbox-oauth-key'));
    assert.ok(f.credentials.accessTokens.some((t) => t.token === 'ATCTT-sandbox-workspace'));
  });

  it('the default fixture has the seeds the git endpoints need', () => {
    const f = defaultFixture();
    const seed = (slug: string) => f.repositories.find((r) => r.slug === slug)?.seed;
    assert.equal(seed('big-history'), 'large');
    assert.equal(seed('with-submodule'), 'submodule');
    assert.equal(seed('shared-lib'), 'small');
    assert.deepEqual(f.projects.map((p) => p.key), ['CORE', 'WEB', 'OPS', 'DATA']);
  });

  it('rejects a fixture whose references do not resolve', () => {
    const f = generateFixture({ workspace: 'w', repositories: 2, projects: 1 });
    const bad = { ...f, repositories: [...f.repositories, { ...f.repositories[0]!, project: 'NOPE' }], deployKeys: [{ repository: 'missing', key: 'junk', label: 'x' }] };
    const res = Fixture.safeParse(bad);
    assert.equal(res.success, false);
    const messages = res.error!.issues.map((i) => i.message).join('\n');
    assert.match(messages, /appears twice/);
    assert.match(messages, /unknown project NOPE/);
    assert.match(messages, /unknown repository missing/);
  });

  it('seeds deploy keys from the fixture and accepts {uuid} for workspace and repository', async () => {
    const key = ed25519PublicKey('seeded');
    const f = generateFixture({ workspace: 'w', repositories: 3, projects: 1 });
    f.deployKeys.push({ repository: 'repo-1', key, label: 'seeded' }, { project: 'P001', key, label: 'project-seeded' });
    const sb = await startBitbucketSandbox({ git: false, fixture: Fixture.parse(f) });
    try {
      const list = await api(sb, `/repositories/${encodeURIComponent(f.workspace.uuid)}/${encodeURIComponent(f.repositories[0]!.uuid)}/deploy-keys`, { auth: ALICE });
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.values.map((k: { label: string; comment: string }) => [k.label, k.comment]), [['seeded', 'seeded']]);
      assert.equal(sb.state.accessKeysFor('w', 'repo-1').length, 2);
      assert.equal(sb.state.accessKeysFor('w', 'repo-2').length, 1);
    } finally {
      await sb.close();
    }
  });
});
