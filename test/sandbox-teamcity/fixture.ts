import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTeamCitySandbox, type TeamCitySandbox, type TeamCitySandboxOptions } from '../../sandbox/teamcity/index';
import { teamcityRest, type TeamCityRest } from '../support/teamcity-rest';

export interface TeamCityFixture {
  sandbox: TeamCitySandbox;
  rest: TeamCityRest;
  dataDir: string;
  /** Stops the sandbox and starts it again on the same data folder (a new CSRF token); samePort keeps the URL. */
  restart(options?: { samePort?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** A TeamCity sandbox alone, in a temp data folder removed by close(). */
export async function startTeamCity(options: Omit<TeamCitySandboxOptions, 'dataDir'> = {}): Promise<TeamCityFixture> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tc-sandbox-test-'));
  const fixture: TeamCityFixture = {
    sandbox: await startTeamCitySandbox({ ...options, dataDir }),
    rest: undefined as unknown as TeamCityRest,
    dataDir,
    restart: async ({ samePort = false } = {}) => {
      const port = samePort ? Number(new URL(fixture.sandbox.url).port) : 0;
      await fixture.sandbox.close();
      fixture.sandbox = await startTeamCitySandbox({ ...options, dataDir, port });
      fixture.rest = await teamcityRest(fixture.sandbox.url);
    },
    close: async () => {
      await fixture.sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  fixture.rest = await teamcityRest(fixture.sandbox.url);
  return fixture;
}

/** Creates a build configuration with one command-line step per script and queues it; returns the finished build. */
export async function runScripts(
  tc: TeamCityFixture,
  scripts: string[],
  options: { id?: string; projectId?: string; artifactRules?: string; properties?: Array<{ name: string; value: string }>; parameters?: Array<{ name: string; value: string; type?: { rawValue: string } }> } = {},
) {
  const id = options.id ?? `AcmeBackend_Test${Math.random().toString(36).slice(2, 8)}`;
  await tc.rest.send('POST', 'app/rest/buildTypes', {
    id,
    name: id,
    project: { id: options.projectId ?? 'AcmeBackend' },
    steps: { step: scripts.map((script, i) => ({ name: `step ${i + 1}`, type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: script }, { name: 'use.custom.script', value: 'true' }] } })) },
    ...(options.artifactRules ? { settings: { property: [{ name: 'artifactRules', value: options.artifactRules }] } } : {}),
    ...(options.parameters ? { parameters: { property: options.parameters } } : {}),
  });
  const queued = await tc.rest.send<{ id: number; state: string }>('POST', 'app/rest/buildQueue', { buildType: { id }, properties: { property: options.properties ?? [] } });
  await tc.sandbox.waitForBuild(queued.id, 30_000);
  return tc.rest.get<Build>(`app/rest/builds/id:${queued.id}`);
}

export interface Build {
  id: number;
  state: string;
  status: string;
  statusText: string;
  percentageComplete?: number;
  'running-info'?: { percentageComplete: number; currentStageText: string };
  problemOccurrences: { count: number };
}
