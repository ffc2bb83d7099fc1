import { getBuild, queueBuild, readArtifactText, readBuildLog } from './builds';
import { artifactDir, operationParam, trustedAgentParam } from './names';
import type { OperationSpec } from '../../agent-helper/contract';
import { byId, type Rest } from './rest';
import { parseWith, type Schema } from './schema';
import type { Build } from './rest-shapes';
import { TeamCityError } from './transport';
import { z } from 'zod/mini';

export interface OperationProgress {
  readonly buildId: number;
  readonly state: 'queued' | 'running' | 'finished';
  /** 0–100 when TeamCity estimates it. */
  readonly percent: number | null;
  /** The build's current stage: the helper's latest progress message. */
  readonly text: string | null;
}

export interface OperationOptions {
  /** Called on each change of the build's state, percentage or stage text. */
  readonly onProgress?: (progress: OperationProgress) => void;
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
  /** Parses out/<name>.json, a JSON document the operation wrote. */
  readJson<T>(name: string, schema: Schema<T>): Promise<T>;
  /** The whole build log. */
  log(): Promise<string>;
}

/** TeamCity's wait reason for a build no connected agent may run. */
const NO_AGENT = /no compatible agents/i;

/**
 * Runs `spec` as a build of the operations build configuration `buildTypeId` (checked just before by
 * ensureOpsBuildType): queues it with the spec as its one property, reports progress until it finishes.
 */
export async function runOperation(
  rest: Rest,
  buildTypeId: string,
  spec: OperationSpec,
  options: OperationOptions = {},
): Promise<OperationResult> {
  let build = await queueBuild(rest, buildTypeId, { [operationParam]: JSON.stringify(spec) });
  let last = '';
  for (;;) {
    if (build.state === 'queued' && NO_AGENT.test(build.waitReason ?? '')) {
      await rest.send('POST', `app/rest/buildQueue/${byId(build.id)}`, { comment: 'No trusted agent for Repo Access', readdIntoQueue: false }, z.unknown(), 'cancel the queued build');
      throw new TeamCityError(
        `No agent can run the Repo Access operations build: it runs only on agents that are not Windows and are marked trusted in their buildAgent.properties (${trustedAgentParam}=true, or the agent parameter chosen under Connection). Mark the agents allowed to hold the management credential, then try again.`,
        null,
      );
    }
    const progress = progressOf(build);
    const key = JSON.stringify(progress);
    if (key !== last) options.onProgress?.(progress);
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
