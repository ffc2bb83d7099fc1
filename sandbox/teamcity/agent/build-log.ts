import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** A build's log file, in TeamCity's downloadBuildLog layout, with password values masked as TeamCity does. */
export class BuildLog {
  private depth = 0;

  constructor(
    readonly file: string,
    private readonly secrets: string[],
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
  }

  addSecret(value: string): void {
    if (value) this.secrets.push(value);
  }

  mask(text: string): string {
    return this.secrets.reduce((t, secret) => (secret.length >= 3 ? t.split(secret).join('*******') : t), text);
  }

  line(text: string, kind: 'i' | 'W' | 'E' = 'i'): void {
    const time = new Date().toISOString().slice(11, 19);
    appendFileSync(this.file, `[${time}]${kind}: ${'  '.repeat(this.depth)}${this.mask(text)}\n`);
  }

  open(name: string): void {
    this.line(name);
    this.depth++;
  }

  close(): void {
    this.depth = Math.max(0, this.depth - 1);
  }
}
