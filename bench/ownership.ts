import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTeamCity, type Transport } from '../plugin-ui/teamcity';
import { environmentOf } from '../plugin-ui/repositories/vcs/bitbucket-urls';
import { loadServerFacts } from '../plugin-ui/ownership/server-facts';
import { serverReport, type ServerFinding } from '../plugin-ui/ownership/server-report';
import { startTeamCitySandbox } from '../sandbox/teamcity/index';
import { tcDate } from '../sandbox/teamcity/model';
import { openBrowser } from '../test/support/browser';
import { bundlePage } from './page-bundle';
import { fetchTransport } from '../test/ui/support/fetch-transport';

const PROJECTS = 200;
const ROOTS = 2000;
const BUILD_TYPES = 500;
const BUILDS = 1500;
const TARGET_FIRST_ROWS = 1000;


const AUTH: Array<Record<string, string>> = [
  { authMethod: 'PASSWORD', username: 'alice' },
  { authMethod: 'PASSWORD', username: 'bob@acme.example' },
  { authMethod: 'PASSWORD', username: 'x-token-auth' },
  { authMethod: 'TEAMCITY_SSH_KEY', teamcitySshKey: 'repoaccess-acme-1' },
];

/** The server-wide report over 200 projects, 2,000 VCS roots and 500 build configurations: REST requests and first rows in Chromium. */
export async function run(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ownership-bench-'));
  const sandbox = await startTeamCitySandbox({ dataDir: dir });
  const browser = await openBrowser();
  try {
    const data = sandbox.store.data;
    for (let p = 0; p < PROJECTS; p++) data.projects.push({ id: `Bench${p}`, name: `Bench ${p}`, parentId: '_Root', parameters: [], sshKeys: {} });
    for (let r = 0; r < ROOTS; r++) {
      const projectId = `Bench${r % PROJECTS}`;
      data.vcsRoots.push({ id: `${projectId}_R${r}`, name: `repo ${r}`, vcsName: 'jetbrains.git', projectId, properties: { url: `https://bitbucket.org/acme/repo-${r}.git`, ...AUTH[r % AUTH.length]! } });
    }
    for (let b = 0; b < BUILD_TYPES; b++) {
      const projectId = `Bench${b % PROJECTS}`;
      const roots = [0, 1, 2, 3].map((k) => `Bench${(b + k * BUILD_TYPES) % PROJECTS}_R${b + k * BUILD_TYPES}`).filter((id) => data.vcsRoots.some((r) => r.id === id));
      data.buildTypes.push({ id: `${projectId}_B${b}`, name: `build ${b}`, projectId, parameters: [], settings: {}, steps: [], vcsRootEntries: roots.map((vcsRootId) => ({ vcsRootId, checkoutRules: '' })) });
    }
    const first = data.nextBuildId;
    for (let i = 0; i < BUILDS; i++) {
      const start = tcDate(new Date(Date.now() - (i % 40) * 86_400_000));
      const bt = data.buildTypes[data.buildTypes.length - BUILD_TYPES + (i % BUILD_TYPES)]!;
      data.builds.push({ id: first + i, number: String(i), buildTypeId: bt.id, state: 'finished', status: 'SUCCESS', statusText: 'Success', properties: [], percentageComplete: 100, currentStageText: '', problems: [], queuedDate: start, startDate: start, finishDate: start });
    }
    data.nextBuildId = first + BUILDS;
    sandbox.store.save();

    const inner = fetchTransport(sandbox.url);
    let requests = 0;
    const transport: Transport = {
      requestJSON: (endpoint, init) => (requests++, inner.requestJSON(endpoint, init)),
      requestText: (endpoint, init) => (requests++, inner.requestText(endpoint, init)),
    };
    const t0 = performance.now();
    const facts = await loadServerFacts(createTeamCity(transport));
    const loaded = performance.now() - t0;
    const findings: ServerFinding[] = serverReport(facts, environmentOf({ workspace: 'acme', mode: null, gitSsh: 'git@ssh.bitbucket.org', gitHttps: 'https://bitbucket.org', concurrency: 8 }));
    const items = facts.projects.length + facts.vcsRoots.length + facts.buildTypes.length + facts.recentBuilds.length;
    const per100 = requests / (items / 100);
    // One request per page of 100 of each list: each list's last page rounds up.
    const budget = [facts.projects.length, facts.vcsRoots.length, facts.buildTypes.length, facts.recentBuilds.length].reduce((sum, n) => sum + Math.ceil(n / 100), 0);

    const { page } = browser;
    await page.setContent('<!doctype html><html><body style="font:13px sans-serif"></body></html>');
    await page.addScriptTag({ path: await bundlePage('ownership', dir) });
    const measure = () => page.evaluate((f) => (window as unknown as { ownershipBench(f: unknown): { firstRows: number; rows: number } }).ownershipBench(f), findings);
    await measure(); // warm-up, not reported
    const rendered = await measure();

    console.log(`server-wide ownership: ${facts.projects.length} projects, ${facts.vcsRoots.length} VCS roots, ${facts.buildTypes.length} build configurations, ${facts.recentBuilds.length} builds in 30 days (sandbox)`);
    console.log(
      `REST requests: ${requests} for ${items} items (${per100.toFixed(2)} per 100)   target <= ${budget} (one per 100 items of each list, last page rounded up)   ${requests <= budget ? 'ok' : 'MISSED'}   (read in ${loaded.toFixed(0)} ms)`,
    );
    console.log(`first rows after the data arrives: ${rendered.firstRows.toFixed(1)} ms for ${rendered.rows} rows   target < ${TARGET_FIRST_ROWS} ms   ${rendered.firstRows < TARGET_FIRST_ROWS ? 'ok' : 'MISSED'}`);
  } finally {
    await browser.close();
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run();
