import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod/mini';
import { BitbucketClient } from '../../agent-helper/bitbucket/client';
import { RepoAccessError } from '../../agent-helper/errors';

/** A hostile API (issue 10, item 6): its `next` links try to move the Authorization header to another host. */
describe('next-page links stay on the API origin', () => {
  let server: Server;
  let origin: string;
  let next: (origin: string) => string;
  const seen: Array<{ url: string; authorization: string | undefined }> = [];

  before(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
      const first = req.url?.startsWith('/2.0/items');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ values: [first ? 1 : 2], ...(first ? { next: next(origin) } : {}) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (seen.length = 0));

  const client = (): BitbucketClient =>
    new BitbucketClient({ mode: 'access-token', token: 'ATCTT-secret' }, { apiUrl: `${origin}/2.0`, oauthTokenUrl: `${origin}/token` }, { retryBudgetMs: 1000 });

  it('a `//other-host/…` path is requested on the API origin, not resolved to another host', async () => {
    next = (o) => `${o}//evil.example/x?page=2`;
    assert.deepEqual(await client().paginate({ path: '/items', schema: z.number(), what: 'listing items' }), [1, 2]);
    assert.deepEqual(seen.map((r) => r.url), ['/2.0/items?pagelen=100', '//evil.example/x?page=2']);
    assert.ok(seen.every((r) => r.authorization === 'Bearer ATCTT-secret'));
  });

  it('a link to another origin is refused before anything is sent there', async () => {
    next = () => 'https://evil.example/2.0/items?page=2';
    await assert.rejects(client().paginate({ path: '/items', schema: z.number(), what: 'listing items' }), (e: unknown) => e instanceof RepoAccessError && e.exitCode === 4 && /points to https:\/\/evil\.example/.test(e.message));
    assert.equal(seen.length, 1);
  });
});
