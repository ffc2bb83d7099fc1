import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderKotlin, type SettingsPlan } from '../../../plugin-ui/versioned/kotlin';
import { seedData } from '../../../sandbox/teamcity/seed';
import { Store } from '../../../sandbox/teamcity/store';
import { applyVersionedSettings } from '../../../sandbox/teamcity/versioned-sync';

// The generated Kotlin read back by the sandbox's sync stand-in: the text, not the plan object, carries the change.
describe('versioned settings: Kotlin round trip', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vs-kotlin-'));
    store = new Store(dir, () => seedData());
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const plan: SettingsPlan = {
    roots: [{ id: 'AcmeBackend_core_api', name: 'acme/core-api', url: 'git@ssh.bitbucket.org:acme/core-api.git', branch: 'refs/heads/main', auth: { kind: 'uploaded-key', keyName: 'repoaccess-k1' } }],
    builds: [
      {
        buildTypeId: 'AcmeBackend_Build',
        removeRootIds: ['AcmeBackend_CoreApi'],
        addRoots: [{ rootId: 'AcmeBackend_core_api', checkoutRules: '+:. => repos/core-api' }],
        cloneStep: { name: 'Clone with Repo Access', script: 'set -e\necho "$HOME" \\ done' },
      },
    ],
    parameters: [{ name: 'env.BITBUCKET_API_TOKEN', value: 'credentialsJSON:0d1e', password: true }],
  };

  it('escapes quotes, backslashes, $ and newlines so the script comes back byte for byte', () => {
    const text = renderKotlin(plan, 'test');
    assert.match(text, /scriptContent = "set -e\\necho \\"\\\$HOME\\" \\\\ done"/);
    applyVersionedSettings(store, 'AcmeBackend', text);
    const build = store.buildType('AcmeBackend_Build')!;
    assert.equal(build.steps[0]!.properties['script.content'], plan.builds[0]!.cloneStep!.script);
    assert.deepEqual(build.vcsRootEntries, [{ vcsRootId: 'AcmeBackend_core_api', checkoutRules: '+:. => repos/core-api' }]);
    assert.deepEqual(
      { ...store.vcsRoot('AcmeBackend_core_api')!.properties },
      { url: 'git@ssh.bitbucket.org:acme/core-api.git', branch: 'refs/heads/main', authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: 'repoaccess-k1', username: '' },
    );
    assert.deepEqual(store.project('AcmeBackend')!.parameters, [{ name: 'env.BITBUCKET_API_TOKEN', value: 'credentialsJSON:0d1e', rawType: "password display='hidden'" }]);
  });

  it('a root() naming no GitVcsRoot object in the text is refused, nothing applied', () => {
    const text = renderKotlin(plan, 'test').replace(/object AcmeBackend_core_api[\s\S]*?\n\}\)\n/, '');
    const before = JSON.stringify(store.data);
    assert.throws(() => applyVersionedSettings(store, 'AcmeBackend', text), /no such GitVcsRoot object/);
    assert.equal(JSON.stringify(store.data), before);
  });
});
