import assert from 'node:assert/strict';
import { classify, inSubtree, migrationCandidates, movedSshUrl, type VcsRootFacts } from '../../../plugin-ui/ownership/classify';
import { bitbucketRepository } from '../../../plugin-ui/repositories/vcs/bitbucket-urls';

const env = { workspace: 'acme', bitbucketHosts: ['bitbucket.org', '127.0.0.1'], ownKeyPrefix: 'repoaccess-' };
const root = (over: Partial<VcsRootFacts>): VcsRootFacts => ({
  id: 'R',
  name: 'R',
  projectId: 'P',
  url: 'https://bitbucket.org/acme/api.git',
  authMethod: 'PASSWORD',
  username: '',
  teamcitySshKey: '',
  ...over,
});
const parents = new Map<string, string | null>([
  ['P', '_Root'],
  ['P_Sub', 'P'],
  ['Other', '_Root'],
]);

describe('ownership classification', () => {
  it('recognizes Bitbucket clone URLs in every form, and nothing else', () => {
    assert.equal(bitbucketRepository('https://alice@bitbucket.org/acme/API.git', env), 'acme/api');
    assert.equal(bitbucketRepository('git@bitbucket.org:acme/web.git', env), 'acme/web');
    assert.equal(bitbucketRepository('ssh://git@127.0.0.1:2222/acme/web.git', env), 'acme/web');
    assert.equal(bitbucketRepository('http://localhost:9/acme/web.git', env), 'acme/web', 'the configured workspace marks a sandbox URL');
    assert.equal(bitbucketRepository('https://github.com/acme-inc/web.git', env), null);
    assert.equal(bitbucketRepository('https://bitbucket.org/acme/web/src/main', env), null);
    assert.equal(bitbucketRepository('not a url', env), null);
  });

  it('flags git over SSH on bitbucket.org with the URL to change to, and nothing else', () => {
    assert.equal(movedSshUrl('git@bitbucket.org:acme/web.git'), 'git@ssh.bitbucket.org:acme/web.git');
    assert.equal(movedSshUrl('ssh://git@bitbucket.org/acme/web.git'), 'ssh://git@ssh.bitbucket.org/acme/web.git');
    assert.equal(movedSshUrl('ssh://git@bitbucket.org:22/acme/web.git'), 'ssh://git@ssh.bitbucket.org/acme/web.git');
    for (const url of ['https://bitbucket.org/acme/web.git', 'git@ssh.bitbucket.org:acme/web.git', 'ssh://git@altssh.bitbucket.org:443/acme/web.git', 'ssh://git@127.0.0.1:2222/acme/web.git']) {
      assert.equal(movedSshUrl(url), null, url);
    }
    const findings = classify({
      env,
      parents,
      stored: [{ projectId: 'P', auth: 'oauth', email: '', username: '' }],
      buildTypes: [],
      vcsRoots: [
        root({ id: 'old', name: 'old', url: 'git@bitbucket.org:acme/web.git', authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: 'repoaccess-k' }),
        root({ id: 'new', name: 'new', url: 'ssh://git@ssh.bitbucket.org/acme/web.git', authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: 'repoaccess-k' }),
        root({ id: 'https', name: 'https', username: 'x-token-auth' }),
      ],
    });
    const flag = new Map(findings.map((f) => [f.id, f.sshHostMove]));
    assert.match(flag.get('old') ?? '', /^Git over SSH moves off bitbucket\.org by 2026-11-12: change this root's URL to git@ssh\.bitbucket\.org:acme\/web\.git/);
    assert.deepEqual([flag.get('new'), flag.get('https'), flag.get('P:env.BITBUCKET_AUTH')], [null, null, null]);
  });

  it('classifies each git authentication by its username rule', () => {
    const findings = classify({
      env,
      parents,
      stored: [],
      buildTypes: [],
      vcsRoots: [
        root({ id: 'app', name: 'app', username: 'alice' }),
        root({ id: 'api', name: 'api', username: 'bob@example.com' }),
        root({ id: 'api2', name: 'api2', username: 'x-bitbucket-api-token-auth' }),
        root({ id: 'tok', name: 'tok', username: 'x-token-auth' }),
        root({ id: 'key', name: 'key', authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: 'repoaccess-P-1' }),
        root({ id: 'foreign', name: 'foreign', authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: 'alice-laptop' }),
        root({ id: 'conn', name: 'conn', authMethod: 'ACCESS_TOKEN' }),
        root({ id: 'gh', name: 'gh', url: 'https://github.com/x/y.git', username: 'alice' }),
      ],
    });
    const byId = new Map(findings.map((f) => [f.id, f]));
    assert.equal(byId.has('gh'), false, 'non-Bitbucket roots are not reported');
    assert.deepEqual([byId.get('app')?.kind, byId.get('app')?.verdict, byId.get('app')?.owner], ['app-password', 'retired', 'alice']);
    assert.match(byId.get('app')?.explanation ?? '', /2026-07-28/);
    assert.deepEqual([byId.get('api')?.kind, byId.get('api')?.verdict, byId.get('api')?.owner], ['api-token', 'personal', 'bob@example.com']);
    assert.deepEqual([byId.get('api2')?.kind, byId.get('api2')?.verdict, byId.get('api2')?.owner], ['api-token', 'personal', null]);
    assert.deepEqual([byId.get('tok')?.verdict, byId.get('key')?.verdict, byId.get('key')?.kind], ['non-personal', 'non-personal', 'access-key']);
    assert.equal(byId.get('foreign')?.verdict, 'unknown');
    assert.equal(byId.get('conn')?.verdict, 'personal');
    assert.deepEqual(
      findings.map((f) => f.verdict),
      ['retired', 'personal', 'personal', 'personal', 'unknown', 'non-personal', 'non-personal'],
      'worst first',
    );
  });

  it('lists dependent build configurations of roots and of stored credentials in subprojects', () => {
    const findings = classify({
      env,
      parents,
      vcsRoots: [root({ id: 'app', username: 'alice' })],
      stored: [
        { projectId: 'P', auth: 'api-token', email: 'alice@example.com', username: '', accountName: 'Alice Admin' },
        { projectId: 'Other', auth: 'oauth', email: '', username: '' },
        { projectId: 'P_Sub', auth: 'ssh-key', email: '', username: '' },
      ],
      buildTypes: [
        { id: 'B1', name: 'Build', projectId: 'P', vcsRootIds: ['app'], usesHelper: false },
        { id: 'B2', name: 'Deploy', projectId: 'P_Sub', vcsRootIds: [], usesHelper: true },
        { id: 'B3', name: 'Elsewhere', projectId: 'Other', vcsRootIds: ['app'], usesHelper: true },
      ],
    });
    const app = findings.find((f) => f.id === 'app');
    assert.deepEqual(app?.dependents.map((d) => d.id), ['B1', 'B3']);
    const stored = findings.find((f) => f.id === 'P:env.BITBUCKET_AUTH');
    assert.deepEqual([stored?.kind, stored?.verdict, stored?.owner], ['api-token', 'personal', 'Alice Admin (alice@example.com)']);
    assert.deepEqual(stored?.dependents.map((d) => d.id), ['B2']);
    assert.equal(findings.find((f) => f.id === 'Other:env.BITBUCKET_AUTH')?.verdict, 'non-personal');
    assert.equal(findings.length, 3, 'an unknown stored mode is not reported');
  });

  it('walks parents without looping forever', () => {
    const loop = new Map<string, string | null>([
      ['A', 'B'],
      ['B', 'A'],
    ]);
    assert.equal(inSubtree('A', 'C', loop), false);
    assert.equal(inSubtree('P_Sub', 'P', parents), true);
    assert.equal(inSubtree('P', 'P_Sub', parents), false);
  });

  it('migrates exactly the repositories of personal and retired roots', () => {
    const findings = classify({
      env,
      parents,
      stored: [],
      buildTypes: [],
      vcsRoots: [
        root({ id: 'a', url: 'https://bitbucket.org/acme/one.git', username: 'alice' }),
        root({ id: 'b', url: 'https://bitbucket.org/acme/one.git', username: 'bob@example.com' }),
        root({ id: 'c', url: 'https://bitbucket.org/acme/two.git', username: 'x-token-auth' }),
        root({ id: 'd', url: 'git@bitbucket.org:acme/three.git', username: 'carol' }),
      ],
    });
    const candidates = migrationCandidates(findings);
    assert.deepEqual(candidates.repositories, ['acme/one', 'acme/three']);
    assert.deepEqual([...candidates.vcsRootIds].sort(), ['a', 'b', 'd']);
  });
});
