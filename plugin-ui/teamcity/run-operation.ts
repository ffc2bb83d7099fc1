import { getBuild, queueBuild, readArtifactText, readBuildLog } from './builds';
import { artifactDir, scriptParam } from './names';
import type { Rest } from './rest';
import { parseWith, type Schema } from './schema';
import type { Build } from './schemas';
import { TeamCityError } from './transport';

export interface OperationProgress {
  readonly buildId: number;
  readonly state: 'queued' | 'running' | 'finished';
  /** 0–100 when TeamCity estimates it. */
  readonly percent: number | null;
  /** The build's current stage: the helper's latest progress message. */
  readonly text: string | null;
}

export interface OperationOptions {
  /** Stops waiting (the build itself keeps running). */
  readonly signal?: AbortSignal;
  readonly pollMs?: number;
}

export interface OperationResult {
  /** The finished build. */
  readonly build: Build;
  readonly succeeded: boolean;
  /** Why it failed, in the helper's words (its build problem / status text); null when it succeeded. */
  readonly problem: string | null;
  /** Parses out/<name>.json, the JSON document a command wrote with `--json-out out/<name>.json`. */
  readJson<T>(name: string, schema: Schema<T>): Promise<T>;
  /** The whole build log. */
  log(): Promise<string>;
}

/**
 * Runs `script` (see helper-script.ts) as a build of the operations build configuration `buildTypeId`:
 * queues it with `params` as extra build parameters, reports progress until it finishes, and returns it.
 */
export async function runOperation(
  rest: Rest,
  buildTypeId: string,
  script: string,
  params: Record<string, string> = {},
  onProgress: (progress: OperationProgress) => void = () => {},
  options: OperationOptions = {},
): Promise<OperationResult> {
  let build = await queueBuild(rest, buildTypeId, { ...params, [scriptParam]: script });
  let last = '';
  for (;;) {
    const progress = progressOf(build);
    const key = JSON.stringify(progress);
    if (key !== last) onProgress(progress);
    last = key;
    if (build.state === 'finished') break;
    await sleep(options.pollMs ?? 400, options.signal);
    build = await getBuild(rest, build.id);
  }
  const finished = build;
  const succeeded = finished.status === 'SUCCESS';
  return {
    build: finished,
    succeeded,
    problem: succeeded ? null : problemOf(finished),
    readJson: async (name, schema) => {
      const text = await readArtifactText(rest, finished.id, `${artifactDir}/${name}.json`);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new TeamCityError(`Build #${finished.id} left ${artifactDir}/${name}.json that is not JSON.`, null);
      }
      return parseWith(schema, value, `Build #${finished.id} left ${artifactDir}/${name}.json`);
    },
    log: () => readBuildLog(rest, finished.id),
  };
}

/** The failure in the helper's words: TeamCity's generic exit-code problem only when there is nothing better. */
function problemOf(build: Build): string {
  const text = build.statusText?.replace(/ \(new\)/g, '').trim() ?? '';
  const specific = text.replace(/(?:;\s*)?Process exited with code \d+(?: \(Step: [^)]*\))?/g, '').replace(/^;\s*/, '').trim();
  return specific || text || `Build #${build.id} failed.`;
}

function progressOf(build: Build): OperationProgress {
  const state = build.state === 'queued' || build.state === 'running' ? build.state : 'finished';
  const percent = build['running-info']?.percentageComplete ?? build.percentageComplete ?? null;
  return { buildId: build.id, state, percent: state === 'finished' ? 100 : percent, text: build['running-info']?.currentStageText ?? null };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
