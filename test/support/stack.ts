import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBitbucketSandbox, type BitbucketSandbox, type BitbucketSandboxOptions } from '../../sandbox/bitbucket/index';
import { startTeamCitySandbox, type TeamCitySandbox } from '../../sandbox/teamcity/index';
import { defaultFixture } from '../../sandbox/bitbucket/fixture';
import { keyHealthDeployKeys } from '../../sandbox/demo/key-health';
import { requireBuilt } from './built';

export interface StackOptions {
  /** Options for the Bitbucket sandbox (fixture, latency, faults, …); its dataDir is set by the stack. */
  bitbucket?: Omit<BitbucketSandboxOptions, 'dataDir'>;
  /** The plugin zip the TeamCity agent runs (default: the built one, see requireBuilt). */
  pluginZip?: string;
  /** Added to the agent's environment (after the Bitbucket sandbox's BITBUCKET_* variables). */
  agentEnv?: Record<string, string>;
  /** The agent's buildAgent.properties, OS, Node on PATH; default: a Linux agent marked trusted for Repo Access. */
  agent?: { properties?: Record<string, string>; os?: string; nodeOnPath?: boolean };
  /** Seeds the key health demo of `npm start` (a drifted and a stale key in AcmeBackend) into both sandboxes. */
  keyHealth?: boolean;
}

export interface Stack {
  bitbucket: BitbucketSandbox;
  teamcity: TeamCitySandbox;
  /** Temp folder holding both sandboxes' data; removed by close(). */
  dataDir: string;
  close(): Promise<void>;
}

/** Both sandboxes wired together (the TeamCity agent's environment points at the Bitbucket sandbox). */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'repo-access-stack-'));
  let bitbucket: BitbucketSandbox | undefined;
  try {
    const fixture = options.bitbucket?.fixture ?? defaultFixture();
    const withKeys = options.keyHealth ? { ...fixture, deployKeys: [...fixture.deployKeys, ...keyHealthDeployKeys()] } : fixture;
    bitbucket = await startBitbucketSandbox({ ...options.bitbucket, fixture: withKeys, dataDir: path.join(dataDir, 'bitbucket') });
    const teamcity = await startTeamCitySandbox({
      dataDir: path.join(dataDir, 'teamcity'),
      agentEnv: { ...bitbucket.env, ...options.agentEnv },
      pluginZip: options.pluginZip ?? requireBuilt('zip'),
      agent: { properties: { 'repoaccess.trusted': 'true' }, ...options.agent },
      seed: { gitHttpsUrl: bitbucket.gitHttpsUrl, ...(bitbucket.gitSsh ? { gitSsh: bitbucket.gitSsh } : {}), keyHealth: options.keyHealth ?? false },
    });
    const bb = bitbucket;
    return {
      bitbucket: bb,
      teamcity,
      dataDir,
      close: async () => {
        await teamcity.close();
        await bb.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await bitbucket?.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
