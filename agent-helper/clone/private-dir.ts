import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A 0700 directory under the temp dir for key copies and helper scripts; files inside are 0600 or 0700. */
export class PrivateDir {
  private constructor(readonly path: string) {}

  static async create(): Promise<PrivateDir> {
    // mkdtemp creates the directory with mode 0700.
    return new PrivateDir(await mkdtemp(path.join(os.tmpdir(), 'repo-access-clone-')));
  }

  async write(name: string, text: string, mode: 0o600 | 0o700 = 0o600): Promise<string> {
    const file = path.join(this.path, name);
    await writeFile(file, text, { mode, flag: 'wx' });
    return file;
  }

  remove(): Promise<void> {
    return rm(this.path, { recursive: true, force: true });
  }
}
