import assert from 'node:assert/strict';
import { crc32 as nodeCrc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { crc32, zipFiles } from '../../../plugin-ui/versioned/zip';

/** Every entry of the zip as yauzl reads it: name → text, with its stored CRC and sizes. */
async function unzip(bytes: Uint8Array): Promise<Map<string, { text: string; crc: number; size: number; method: number }>> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(bytes), { lazyEntries: true, strictFileNames: true, validateEntrySizes: true });
  const found = new Map<string, { text: string; crc: number; size: number; method: number }>();
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      found.set(entry.fileName, { text: Buffer.concat(chunks).toString('utf8'), crc: entry.crc32, size: entry.uncompressedSize, method: entry.compressionMethod });
    }
  } finally {
    zip.close();
  }
  return found;
}

describe('the zip writer behind "Download zip"', () => {
  it('computes CRC-32 as zlib does', () => {
    for (const text of ['', 'a', 'The quick brown fox jumps over the lazy dog', 'żółw ]]> \u{1F600}'.repeat(50)]) {
      const bytes = new TextEncoder().encode(text);
      assert.equal(crc32(bytes), nodeCrc32(bytes), JSON.stringify(text.slice(0, 20)));
    }
  });

  it('writes a zip yauzl reads back: names (UTF-8, in folders), contents, sizes and CRCs', async () => {
    const files = [
      { path: '.teamcity/AcmeBackend/vcsRoots/AcmeBackend_core_api.xml', text: '<?xml version="1.0" encoding="UTF-8"?>\n<vcs-root type="jetbrains.git" />\n' },
      { path: 'repo-access-merge/.teamcity/AcmeBackend/buildTypes/AcmeBackend_Build.xml', text: 'script: set -e\necho "ünïcödé"\n' },
      { path: 'empty.txt', text: '' },
    ];
    const read = await unzip(zipFiles(files, new Date(2026, 0, 28, 17, 30, 4)));
    assert.deepEqual([...read.keys()], files.map((f) => f.path));
    for (const file of files) {
      const entry = read.get(file.path)!;
      const bytes = new TextEncoder().encode(file.text);
      assert.equal(entry.text, file.text);
      assert.equal(entry.size, bytes.length);
      assert.equal(entry.crc, nodeCrc32(bytes));
      assert.equal(entry.method, 0, 'stored');
    }
  });

  it('an empty list is an empty zip', async () => {
    assert.equal((await unzip(zipFiles([]))).size, 0);
  });
});
