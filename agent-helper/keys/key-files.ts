import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { usageError } from '../errors';

/**
 * Creates every file or none: each is opened with 'wx' (an existing file is never overwritten, even in a
 * race), private ones mode 0600; on a failure the files made so far are removed again.
 */
export function createFiles(files: Array<{ path: string; text: string; mode: number }>): void {
  for (const file of files) {
    if (existsSync(file.path)) throw usageError(`${file.path} already exists; choose another --out or remove it first`);
  }
  const made: string[] = [];
  try {
    for (const file of files) {
      writeFileSync(file.path, file.text, { flag: 'wx', mode: file.mode });
      made.push(file.path);
    }
  } catch (error) {
    for (const path of made) unlinkSync(path);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw usageError(`${(error as NodeJS.ErrnoException).path ?? 'a key file'} already exists; choose another --out or remove it first`);
    throw usageError(`cannot write the key files (${code ?? 'error'}); check that the directory of --out exists and is writable`);
  }
}

/** A passphrase file's content without its trailing newline; empty means no passphrase. */
export function readPassphraseFile(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw usageError(`--passphrase-file ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'}); pass a readable file`);
  }
  const passphrase = text.replace(/\r?\n$/, '');
  return passphrase === '' ? undefined : passphrase;
}
