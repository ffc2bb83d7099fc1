import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ProgressBar } from './progress-bar';
import { serviceMessage } from './service-messages';

export interface ReporterOptions {
  json: boolean;
  /** Also write the JSON document to this file (mode 0600), e.g. for a TeamCity artifact. */
  jsonOut?: string;
  command: string;
  env?: Record<string, string | undefined>;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

export interface Counts {
  done: number;
  total: number;
  /** When the rest is expected to be done, where Bitbucket's request budget sets the pace. */
  finish?: Date;
}

/** 17:05:12 UTC: build logs and agents run in UTC more often than not. */
export const clockTime = (date: Date): string => `${date.toISOString().slice(11, 19)} UTC`;

export interface Reporter {
  /** A step or per-repository progress line; with counts, a progress bar on a terminal. */
  progress(text: string, counts?: Counts): void;
  /** Something failed (one repository, one step): stderr line, and buildProblem under TeamCity. */
  problem(text: string): void;
  /** Groups the following output in the TeamCity build log until the returned function is called. */
  block(name: string, description?: string): () => void;
  /** The command's outcome: one JSON document (--json, --json-out) or the human text. */
  result(doc: object, human?: string): void;
}

export function createReporter(options: ReporterOptions): Reporter {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const underTeamCity = env.TEAMCITY_VERSION !== undefined && env.TEAMCITY_VERSION !== '';
  // stdout stays one JSON document under --json; TeamCity reads service messages from both streams.
  const messages = options.json ? stderr : stdout;
  const bar = !underTeamCity && !options.json && stderr.isTTY ? new ProgressBar(stderr) : undefined;
  const teamcity = (name: string, value: string | Record<string, string>): void => {
    if (underTeamCity) messages.write(`${serviceMessage(name, value)}\n`);
  };

  return {
    progress(text, counts) {
      const finish = counts?.finish ? `, expected finish ${clockTime(counts.finish)}` : '';
      teamcity('progressMessage', counts ? `${text} (${counts.done}/${counts.total}${finish})` : text);
      // Off a terminal the result lists every repository anyway: only uncounted steps are worth a line.
      if (underTeamCity || options.json) return;
      if (bar && counts) bar.update(text, counts.done, counts.total, counts.finish && `done by ${clockTime(counts.finish)}`);
      else if (bar) bar.log(text);
      else if (!counts) stderr.write(`${text}\n`);
    },
    problem(text) {
      teamcity('buildProblem', { description: text.slice(0, 4000) });
      if (bar) bar.log(text);
      else stderr.write(`${text}\n`);
    },
    block(name, description) {
      teamcity('blockOpened', description === undefined ? { name } : { name, description });
      return () => teamcity('blockClosed', { name });
    },
    result(doc, human) {
      bar?.stop();
      const json = JSON.stringify(doc);
      if (options.jsonOut !== undefined) writePrivateFile(options.jsonOut, `${json}\n`);
      if (options.json) stdout.write(`${json}\n`);
      else stdout.write(`${human ?? JSON.stringify(doc, null, 2)}\n`);
    },
  };
}

/**
 * A new temp file beside FILE (created exclusively, so never through a symlink planted there), then renamed
 * over FILE: a symlink at FILE is replaced, not followed, and readers never see half a document.
 */
function writePrivateFile(file: string, text: string): void {
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { mode: 0o600, flag: 'wx' });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
