import assert from 'node:assert/strict';
import fc from 'fast-check';
import { httpsUrl, ID_PATTERN, MAX_ID, sshUrl, vcsRootIds } from '../../../plugin-ui/repositories/vcs/ids';
import { cloneScript } from '../../../plugin-ui/repositories/clone-step/step';
import { auditSpec, provisionSpec, registerSpec, revokeSpec } from '../../../plugin-ui/repositories/provision/script';
import { rootProperties } from '../../../plugin-ui/repositories/vcs/roots';

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
    assert.equal(sshUrl('git@ssh.bitbucket.org', 'acme/api'), 'git@ssh.bitbucket.org:acme/api.git');
    assert.equal(sshUrl('git@altssh.bitbucket.org:443', 'acme/api'), 'ssh://git@altssh.bitbucket.org:443/acme/api.git');
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

describe('operation specs and the clone step', () => {
  it('provisions: keygen sealed to the tab, one register per project and one for the repositories', () => {
    assert.deepEqual(provisionSpec({ workspace: 'acme', recipient: 'R', label: 'k1', scope: { projects: ['CORE'], slugs: ['a', 'b'] }, concurrency: 2 }), {
      v: 1,
      command: 'provision',
      workspace: 'acme',
      selections: [{ project: 'CORE' }, { repos: ['a', 'b'] }],
      label: 'k1',
      recipient: 'R',
      concurrency: 2,
    });
  });

  it('revokes by the recorded fingerprint (label as the expectation), registers again and audits in the same places', () => {
    const scope = { projects: [], slugs: ['a'] };
    const fingerprint = `SHA256:${'a'.repeat(43)}`;
    assert.deepEqual(revokeSpec({ workspace: 'acme', fingerprint, label: 'k1', scope, concurrency: 8 }), { v: 1, command: 'revoke', workspace: 'acme', selections: [{ repos: ['a'] }], fingerprint, label: 'k1', concurrency: 8 });
    assert.deepEqual(registerSpec({ workspace: 'acme', publicKey: 'ssh-ed25519 AAAA k1', label: 'k1', scope, concurrency: 8 }), { v: 1, command: 'register', workspace: 'acme', selections: [{ repos: ['a'] }], label: 'k1', publicKey: 'ssh-ed25519 AAAA k1', concurrency: 8 });
    assert.deepEqual(auditSpec({ workspace: 'acme', scope, concurrency: 8 }), { v: 1, command: 'audit', workspace: 'acme', selections: [{ repos: ['a'] }], concurrency: 8 });
  });

  it('clones every repository fresh into repos/<slug> with the helper, after the Node check', () => {
    const script = cloneScript(['acme/api', 'acme/web']);
    assert.match(script, /^set -e\nnode="\$\{REPO_ACCESS_NODE:-node\}"\n/);
    assert.match(script, /\nrm -rf repos\/api\nrm -rf repos\/web\n/);
    assert.match(script, /"\$node" "%teamcity\.tool\.repo-access%\/repo-access\.js" clone --repo acme\/web --dest repos\/web --depth 1$/);
  });
});
