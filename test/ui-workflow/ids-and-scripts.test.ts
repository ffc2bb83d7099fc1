import assert from 'node:assert/strict';
import fc from 'fast-check';
import { httpsUrl, ID_PATTERN, MAX_ID, sshUrl, vcsRootIds } from '../../plugin-ui/features/vcs/ids';
import { cloneScript } from '../../plugin-ui/features/clone-step/step';
import { provisionScript, revokeScript } from '../../plugin-ui/features/provision/script';
import { rootProperties } from '../../plugin-ui/features/vcs/roots';

const settings = { workspace: 'acme', mode: 'access-key' as const, gitSsh: 'git@127.0.0.1:2222', gitHttps: 'http://127.0.0.1:9000', concurrency: 8 };

describe('VCS root ids and URLs', () => {
  it('makes valid TeamCity ids, readable first and hashed as the fallback', () => {
    assert.deepEqual(vcsRootIds('AcmeBackend', 'acme/core_api')[0], 'AcmeBackend_core_api');
    const dash = vcsRootIds('AcmeBackend', 'acme/core-api');
    const underscore = vcsRootIds('AcmeBackend', 'acme/core_api');
    assert.equal(dash[0], underscore[0], 'the readable ids collide…');
    assert.notEqual(dash[1], underscore[1], '…so the fallbacks differ');
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,240}$/), fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,250}$/), (project, slug) => {
        for (const id of vcsRootIds(project, `acme/${slug}`)) {
          assert.match(id, ID_PATTERN);
          assert.ok(id.length <= MAX_ID);
        }
      }),
    );
  });

  it('writes SSH and HTTPS clone URLs from the configured endpoints', () => {
    assert.equal(sshUrl('git@bitbucket.org', 'acme/api'), 'ssh://git@bitbucket.org/acme/api.git');
    assert.equal(sshUrl('git@127.0.0.1:2222', 'acme/api'), 'ssh://git@127.0.0.1:2222/acme/api.git');
    assert.throws(() => sshUrl('not a host!', 'acme/api'), /repoaccess\.gitSsh/);
    assert.equal(httpsUrl('https://bitbucket.org/', 'acme/api'), 'https://bitbucket.org/acme/api.git');
  });

  it('sets each mode\'s git username and refers to the stored secret instead of copying it', () => {
    assert.deepEqual(rootProperties('acme/api', settings, { kind: 'ssh-key', keyName: 'k1' }, 'refs/heads/main'), {
      url: 'ssh://git@127.0.0.1:2222/acme/api.git',
      branch: 'refs/heads/main',
      authMethod: 'TEAMCITY_SSH_KEY',
      teamcitySshKey: 'k1',
      username: '',
    });
    const token = rootProperties('acme/api', settings, { kind: 'https', mode: 'access-token' }, 'refs/heads/main');
    assert.deepEqual([token.authMethod, token.username, token['secure:password']], ['PASSWORD', 'x-token-auth', '%env.BITBUCKET_ACCESS_TOKEN%']);
    assert.equal(rootProperties('acme/api', settings, { kind: 'https', mode: 'api-token' }, 'b').username, 'x-bitbucket-api-token-auth');
    assert.throws(() => rootProperties('acme/api', settings, { kind: 'https', mode: 'oauth' }, 'b'), /two hours/);
  });
});

describe('build scripts', () => {
  it('provisions with keygen sealed to the tab, then one register per project and one for the repositories', () => {
    const script = provisionScript({ workspace: 'acme', sealTo: 'BPUB_KEY-x', label: "it's 100%", comment: 'c', scope: { projects: ['CORE'], slugs: ['a', 'b'] }, concurrency: 2 });
    const lines = script.split('\n');
    assert.equal(lines[0], 'set -e');
    assert.match(lines[2] ?? '', /repo-access\.js" keygen --out out\/key --seal-to BPUB_KEY-x --comment c --json-out out\/keygen\.json$/);
    assert.match(lines[3] ?? '', /register --workspace acme --key out\/key\.pub --project CORE --label 'it'\\''s 100%%' --concurrency 2 --json-out out\/register-project-CORE\.json \|\| failed=1$/);
    assert.match(lines[4] ?? '', /register .* --repo a b --label .* --json-out out\/register\.json \|\| failed=1$/);
    assert.equal(lines.at(-1), 'exit "${failed:-0}"');
    assert.doesNotMatch(script, /ATATT|PRIVATE KEY/);
  });

  it('revokes by label in the same places', () => {
    assert.match(revokeScript({ workspace: 'acme', label: 'k1', scope: { projects: [], slugs: ['a'] }, concurrency: 8 }), /revoke --workspace acme --label k1 --repo a --concurrency 8 --json-out out\/revoke-0\.json/);
  });

  it('clones every repository fresh into repos/<slug> with the helper', () => {
    const script = cloneScript(['acme/api', 'acme/web']);
    assert.match(script, /^set -e\nrm -rf repos\/api\nrm -rf repos\/web\n/);
    assert.match(script, /"%teamcity\.tool\.repo-access%\/repo-access\.js" clone --repo acme\/web --dest repos\/web --depth 1$/);
  });
});
