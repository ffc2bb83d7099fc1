import yauzl from 'yauzl';

export interface ZipEntry {
  data: Buffer;
  /** Unix permission bits (0 when the zip carries none). */
  mode: number;
}

/** Reads a whole (small) zip into memory: entry name → content and unix mode. Folders are left out. */
export async function readZip(source: string | Buffer): Promise<Map<string, ZipEntry>> {
  const zip = typeof source === 'string' ? await yauzl.openPromise(source, { lazyEntries: true }) : await yauzl.fromBufferPromise(source, { lazyEntries: true });
  const entries = new Map<string, ZipEntry>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      entries.set(entry.fileName, { data: Buffer.concat(chunks), mode: (entry.externalFileAttributes >>> 16) & 0o7777 });
    }
  } finally {
    zip.close();
  }
  return entries;
}
