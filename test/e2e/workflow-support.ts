import type { Page } from 'playwright-core';
import { z } from 'zod/mini';
import { createTeamCity, type TeamCity } from '../../plugin-ui/teamcity';
import type { Stack } from '../support/stack';
import { fetchRest, fetchTransport } from '../ui/support/fetch-transport';

/**
 * Access-key mode with Alice's API token as the management credential on the operations build (what the
 * Connection section saves), and the sandbox's git endpoints as an admin confirms them in the tab.
 */
export async function configureAccessKeyMode(stack: Stack, projectId: string): Promise<TeamCity> {
  const tc = createTeamCity(fetchTransport(stack.teamcity.url));
  await tc.setParameter(projectId, 'repoaccess.mode', 'access-key');
  await tc.setParameter(projectId, 'repoaccess.workspace', 'acme');
  await tc.setParameter(projectId, 'repoaccess.gitSsh', stack.bitbucket.gitSsh ?? '');
  await tc.setParameter(projectId, 'repoaccess.gitHttps', stack.bitbucket.gitHttpsUrl);
  await tc.setOpsParameter(projectId, 'env.BITBUCKET_AUTH', 'api-token');
  await tc.setOpsParameter(projectId, 'env.BITBUCKET_EMAIL', 'alice@example.com');
  await tc.setOpsParameter(projectId, 'env.BITBUCKET_API_TOKEN', 'ATATT-sandbox-alice-full', { password: true });
  return tc;
}

/**
 * HTTPS mode with the sandbox's workspace access token as the clone credential on the project, and a build
 * configuration `buildTypeId` whose one step reads the sources (a clone step must come before it).
 */
export async function configureAccessTokenMode(stack: Stack, projectId: string, buildTypeId: string, token: string): Promise<TeamCity> {
  const tc = createTeamCity(fetchTransport(stack.teamcity.url));
  await tc.setParameter(projectId, 'repoaccess.mode', 'access-token');
  await tc.setParameter(projectId, 'repoaccess.workspace', 'acme');
  await tc.setParameter(projectId, 'env.BITBUCKET_AUTH', 'access-token');
  await tc.setParameter(projectId, 'env.BITBUCKET_ACCESS_TOKEN', token, { password: true });
  const usesSources = { name: 'Run the tests', type: 'simpleRunner', properties: { property: [{ name: 'script.content', value: 'cat repos/shared-lib/README.md' }, { name: 'use.custom.script', value: 'true' }] } };
  await fetchRest(stack.teamcity.url).send('POST', 'app/rest/buildTypes', { id: buildTypeId, name: 'Integration tests', project: { id: projectId }, steps: { step: [usesSources] } }, z.unknown(), 'create');
  return tc;
}

export interface Exchange {
  method: string;
  url: string;
  request: string;
  response: string;
}

/** Every request the page makes and every answer it gets, bodies included, for the secret scan. */
export function recordTraffic(page: Page): { settle(): Promise<Exchange[]> } {
  const pending: Array<Promise<Exchange>> = [];
  page.on('requestfinished', (request) => {
    pending.push(
      (async () => {
        const response = await request.response();
        const body = response ? await response.text().catch(() => '') : '';
        return { method: request.method(), url: request.url(), request: request.postData() ?? '', response: body };
      })(),
    );
  });
  return { settle: () => Promise.all(pending) };
}

/** Queues a build, waits for it, returns its status and log. */
export async function runBuild(stack: Stack, tc: TeamCity, buildTypeId: string): Promise<{ id: number; status: string; log: string }> {
  const queued = await tc.queueBuild(buildTypeId);
  const done = await stack.teamcity.waitForBuild(queued.id, 90_000);
  return { id: queued.id, status: done.status, log: await tc.buildLog(queued.id) };
}

/** The base64 lines of an OpenSSH private key: any one of them appearing elsewhere is a leak. */
export function keyLines(privateKey: string): string[] {
  return privateKey.split('\n').filter((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line));
}
