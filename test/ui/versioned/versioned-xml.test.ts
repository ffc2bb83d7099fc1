import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SettingsPlan } from '../../../plugin-ui/versioned/kotlin';
import { renderXml } from '../../../plugin-ui/versioned/xml';
import { zipFiles } from '../../../plugin-ui/versioned/zip';
import { seedData } from '../../../sandbox/teamcity/seed';
import { Store } from '../../../sandbox/teamcity/store';
import { applyVersionedFiles } from '../../../sandbox/teamcity/versioned-sync-xml';
import { parseXml } from '../../../sandbox/teamcity/xml';
import { readZip } from '../../../sandbox/teamcity/zip';

// The generated XML files read back by the sandbox's sync stand-in: the files (through the zip), not the plan, carry the change.
describe('versioned settings: XML round trip', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vs-xml-'));
    store = new Store(dir, () => seedData());
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const script = 'set -e\necho "$HOME" <&1 \\ done ]]> & \'q\'';
  const plan: SettingsPlan = {
    roots: [
      { id: 'AcmeBackend_core_api', name: 'acme/core-api & <co>', url: 'git@ssh.bitbucket.org:acme/core-api.git', branch: 'refs/heads/main', auth: { kind: 'uploaded-key', keyName: 'repoaccess-k1' } },
      { id: 'AcmeBackend_web', name: 'acme/web', url: 'https://bitbucket.org/acme/web.git', branch: 'refs/heads/main', auth: { kind: 'password', userName: 'x-token-auth', reference: '%env.BITBUCKET_ACCESS_TOKEN%' } },
    ],
    builds: [
      {
        buildTypeId: 'AcmeBackend_Build',
        projectId: 'AcmeBackend',
        removeRootIds: ['AcmeBackend_CoreApi'],
        addRoots: [{ rootId: 'AcmeBackend_core_api', checkoutRules: '+:. => repos/core-api' }],
        entriesAfter: [{ rootId: 'AcmeBackend_core_api', checkoutRules: '+:. => repos/core-api' }],
        cloneStep: { name: 'Clone with Repo Access', script },
      },
    ],
    parameters: [{ name: 'env.BITBUCKET_API_TOKEN', value: 'credentialsJSON:0d1e', password: true }],
  };

  const files = () => renderXml(plan, 'AcmeBackend');
  const viaZip = async () => [...(await readZip(Buffer.from(zipFiles(files()))))].map(([name, entry]) => ({ path: name, text: entry.data.toString('utf8') }));

  it('names new files after the roots and keeps edits of existing files under repo-access-merge/', () => {
    assert.deepEqual(
      files().map((f) => [f.path, f.merge]),
      [
        ['.teamcity/AcmeBackend/vcsRoots/AcmeBackend_core_api.xml', false],
        ['.teamcity/AcmeBackend/vcsRoots/AcmeBackend_web.xml', false],
        ['repo-access-merge/.teamcity/AcmeBackend/project-config.xml', true],
        ['repo-access-merge/.teamcity/AcmeBackend/buildTypes/AcmeBackend_Build.xml', true],
      ],
    );
    const root = files()[0]!.text;
    assert.match(root, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<vcs-root xmlns:xsi=.* type="jetbrains\.git">\n {2}<name>acme\/core-api &amp; &lt;co&gt;<\/name>/);
    assert.match(files()[3]!.text, /<!-- Merge into \.teamcity\/AcmeBackend\/buildTypes\/AcmeBackend_Build\.xml: replace the <vcs-entry-ref> elements .* \(this takes out AcmeBackend_CoreApi\)/);
  });

  it('escapes names, rules and scripts so the sync reads them back byte for byte; the build checks out the new root only', async () => {
    assert.deepEqual(applyVersionedFiles(store, 'AcmeBackend', await viaZip()), ['vcsRoot AcmeBackend_core_api', 'vcsRoot AcmeBackend_web', 'parameter env.BITBUCKET_API_TOKEN', 'buildType AcmeBackend_Build']);
    const build = store.buildType('AcmeBackend_Build')!;
    assert.equal(build.steps[0]!.name, 'Clone with Repo Access');
    assert.equal(build.steps[0]!.properties['script.content'], script);
    assert.deepEqual(build.vcsRootEntries, [{ vcsRootId: 'AcmeBackend_core_api', checkoutRules: '+:. => repos/core-api' }]);
    assert.ok(build.requirements?.some((r) => r.type === 'does-not-contain' && r.name === 'teamcity.agent.jvm.os.name' && r.value === 'Windows'));
    const key = store.vcsRoot('AcmeBackend_core_api')!;
    assert.equal(key.name, 'acme/core-api & <co>');
    assert.deepEqual({ ...key.properties }, { branch: 'refs/heads/main', url: 'git@ssh.bitbucket.org:acme/core-api.git', authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: 'repoaccess-k1' });
    assert.equal(store.vcsRoot('AcmeBackend_web')!.properties['secure:password'], '%env.BITBUCKET_ACCESS_TOKEN%');
    assert.deepEqual(store.project('AcmeBackend')!.parameters, [{ name: 'env.BITBUCKET_API_TOKEN', value: 'credentialsJSON:0d1e', rawType: "password display='hidden'" }]);
  });

  it('a build file naming a root that is in neither TeamCity nor the files is refused, nothing applied', () => {
    const broken = files().filter((f) => !f.path.endsWith('AcmeBackend_core_api.xml'));
    const before = JSON.stringify(store.data);
    assert.throws(() => applyVersionedFiles(store, 'AcmeBackend', broken), /no VCS root AcmeBackend_core_api/);
    assert.equal(JSON.stringify(store.data), before);
  });

  it('the sandbox reader refuses what is not well-formed', () => {
    assert.throws(() => parseXml('<a><b></a>'), /<\/a> closes <b>/);
    assert.throws(() => parseXml('<a x="1" x="2"/>'), /attribute x twice/);
    assert.throws(() => parseXml('<a>&nbsp;</a>'), /unknown entity/);
    assert.deepEqual(parseXml('<?xml version="1.0"?><!-- c --><a t=\'&#xA;&quot;\'><![CDATA[<x>]]>&amp;</a>'), { name: 'a', attributes: { t: '\n"' }, children: [], text: '<x>&' });
  });
});
