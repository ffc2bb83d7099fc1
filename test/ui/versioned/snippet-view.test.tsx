import { installDom } from '../support/dom';
import assert from 'node:assert/strict';
import React from 'react';
import { cleanup, fireEvent, render, waitFor, within } from '@testing-library/react';
import yauzl from 'yauzl';
import { RepoAccessProvider } from '../../../plugin-ui/project/context';
import { createTeamCity } from '../../../plugin-ui/teamcity';
import type { SettingsPlan } from '../../../plugin-ui/versioned/kotlin';
import { SnippetView, ZIP_FILE } from '../../../plugin-ui/versioned/SnippetView';
import { startTeamCity, type TeamCityFixture } from '../../sandbox-teamcity/fixture';
import { fetchTransport } from '../support/fetch-transport';

const screen = () => within(document.body);

const plan: SettingsPlan = {
  roots: [{ id: 'AcmeBackend_core_api', name: 'acme/core-api', url: 'git@ssh.bitbucket.org:acme/core-api.git', branch: 'refs/heads/main', auth: { kind: 'uploaded-key', keyName: 'repoaccess-k1' } }],
  builds: [{ buildTypeId: 'AcmeBackend_Build', removeRootIds: ['AcmeBackend_CoreApi'], addRoots: [{ rootId: 'AcmeBackend_core_api', checkoutRules: '' }], entriesAfter: [{ rootId: 'AcmeBackend_core_api', checkoutRules: '' }] }],
  parameters: [],
};

async function entries(blob: Blob): Promise<Map<string, string>> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(await blob.arrayBuffer()), { lazyEntries: true });
  const found = new Map<string, string>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    found.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
  }
  zip.close();
  return found;
}

describe('the settings to commit: copy and download', () => {
  let fixture: TeamCityFixture;
  let removeDom: () => void;
  const downloads: Array<{ name: string; blob: Blob }> = [];
  const saved = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
  before(async () => {
    removeDom = installDom();
    fixture = await startTeamCity();
    // jsdom has no object URLs: keep each blob and the file name the link asks for.
    const blobs = new Map<string, Blob>();
    URL.createObjectURL = (blob: Blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, blob);
      return url;
    };
    URL.revokeObjectURL = () => undefined;
    const click = (window as unknown as { HTMLAnchorElement: typeof HTMLAnchorElement }).HTMLAnchorElement.prototype;
    click.click = function (this: HTMLAnchorElement) {
      downloads.push({ name: this.download, blob: blobs.get(this.href)! });
    };
  });
  afterEach(() => {
    cleanup();
    downloads.length = 0;
  });
  after(async () => {
    URL.createObjectURL = saved.create;
    URL.revokeObjectURL = saved.revoke;
    removeDom();
    await fixture?.close();
  });

  const show = (format: 'kotlin' | 'xml') =>
    render(
      <RepoAccessProvider value={{ projectId: 'AcmeBackend', tc: createTeamCity(fetchTransport(fixture.sandbox.url)) }}>
        <SnippetView plan={plan} format={format} buildTypes={async () => []} />
      </RepoAccessProvider>,
    );

  it('XML: shows each file under its path and downloads them as a zip', async () => {
    show('xml');
    const text = (screen().getByLabelText('Settings to commit') as HTMLTextAreaElement).value;
    assert.match(text, /^==> \.teamcity\/AcmeBackend\/vcsRoots\/AcmeBackend_core_api\.xml <==\n<\?xml/);
    assert.match(text, /==> repo-access-merge\/\.teamcity\/AcmeBackend\/buildTypes\/AcmeBackend_Build\.xml \(merge into the existing file\) <==/);
    assert.equal(screen().queryByRole('button', { name: /^Download RepoAccess\.kts/ }), null, 'no Kotlin file for an XML project');
    fireEvent.click(screen().getByRole('button', { name: 'Download zip' }));
    await waitFor(() => assert.equal(downloads.length, 1));
    assert.equal(downloads[0]!.name, ZIP_FILE);
    const files = await entries(downloads[0]!.blob);
    assert.deepEqual([...files.keys()], ['.teamcity/AcmeBackend/vcsRoots/AcmeBackend_core_api.xml', 'repo-access-merge/.teamcity/AcmeBackend/buildTypes/AcmeBackend_Build.xml']);
    assert.match(files.get('.teamcity/AcmeBackend/vcsRoots/AcmeBackend_core_api.xml')!, /<param name="teamcitySshKey" value="repoaccess-k1" \/>/);
  });

  it('Kotlin: the .kts file alone, or the same in a zip under .teamcity/', async () => {
    show('kotlin');
    const text = (screen().getByLabelText('Settings to commit') as HTMLTextAreaElement).value;
    assert.match(text, /^\/\/ Repo Access for TeamCity/);
    fireEvent.click(screen().getByRole('button', { name: 'Download RepoAccess.kts' }));
    fireEvent.click(screen().getByRole('button', { name: 'Download zip' }));
    await waitFor(() => assert.equal(downloads.length, 2));
    assert.equal(downloads[0]!.name, 'RepoAccess.kts');
    assert.equal(await downloads[0]!.blob.text(), text);
    assert.deepEqual([...(await entries(downloads[1]!.blob))], [['.teamcity/RepoAccess.kts', text]]);
  });
});
