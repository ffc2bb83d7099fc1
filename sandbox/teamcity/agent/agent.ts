import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isPassword, tcDate, type Build, type Parameter } from '../model';
import type { Store } from '../store';
import { publishArtifacts } from './artifacts';
import { BuildLog } from './build-log';
import { CheckoutError, checkoutVcsRoots } from './checkout';
import { agentPath } from './agent-path';
import { agentParameters, buildEnvironment, buildParameters, valuesOf } from './build-parameters';
import { unmetRequirements } from './requirements';
import { addProblem, applyServiceMessage, type StatusOverride } from './messages';
import { resolveReferences } from './parameters';
import { runScript } from './run-script';
import { installAgentTool } from './tool';

export interface AgentOptions {
  store: Store;
  /** Environment of the agent machine (e.g. where Bitbucket is); also visible as `env.X` parameters. */
  agentEnv: Record<string, string>;
  /** The plugin zip whose agent tool builds run; missing → `%teamcity.tool.repo-access%` stays unresolved. */
  pluginZip: string | undefined;
  workDir: string;
  /** The agent's own parameters (buildAgent.properties), e.g. `repoaccess.trusted`. */
  properties?: Record<string, string>;
  /** What `teamcity.agent.jvm.os.name` reports (default Linux). */
  os?: string;
  /** false: an agent without Node on PATH (TeamCity agents do not ship it). Default true. */
  nodeOnPath?: boolean;
}

// A build no agent may run stays queued (Build Agent docs: queued builds go to compatible agents only); the wording is TeamCity's UI text, unconfirmed for REST.
const NO_COMPATIBLE_AGENT = 'There are no compatible agents which can run this build';

const INTERRUPTED = 'The build was interrupted: the agent stopped while it ran';

/** Runs queued builds one at a time, as a single TeamCity agent would. */
export class Agent {
  /** 'changed' (build): a build's state, wait reason, progress or problems changed. */
  readonly events = new EventEmitter();
  private loop: Promise<void> | undefined;
  private child: { buildId: number; process: ChildProcess } | undefined;
  private closed = false;
  private toolStamp = '';
  private readonly reported: Parameter[];

  constructor(private readonly options: AgentOptions) {
    this.reported = agentParameters({ agentEnv: options.agentEnv, properties: options.properties ?? {}, os: options.os ?? 'Linux' });
    for (const build of options.store.data.builds.filter((b) => b.state === 'running')) {
      this.finish(build, 'FAILURE', INTERRUPTED);
    }
    options.store.save();
  }

  notify(): void {
    if (this.loop || this.closed) return;
    this.loop = this.drain().finally(() => {
      this.loop = undefined;
      if (!this.closed && this.nextQueued()) this.notify();
    });
  }

  cancel(buildId: number): void {
    if (this.child?.buildId === buildId) killGroup(this.child.process);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.child) killGroup(this.child.process);
    await this.loop;
  }

  /** The first queued build this agent can run; the others keep waiting, as on a server without a compatible agent. */
  private nextQueued(): Build | undefined {
    const { store } = this.options;
    const values = new Map(this.reported.map((p) => [p.name, p.value]));
    for (const build of store.data.builds.filter((b) => b.state === 'queued')) {
      const unmet = unmetRequirements(store.buildType(build.buildTypeId)?.requirements ?? [], values);
      if (unmet.length === 0) return build;
      if (build.waitReason !== NO_COMPATIBLE_AGENT) {
        build.waitReason = NO_COMPATIBLE_AGENT;
        store.save();
        this.events.emit('changed', build);
      }
    }
    return undefined;
  }

  private async drain(): Promise<void> {
    for (let build = this.nextQueued(); build && !this.closed; build = this.nextQueued()) {
      try {
        await this.run(build);
      } catch (error) {
        this.finish(build, 'FAILURE', `The sandbox agent failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private async toolDir(): Promise<string | undefined> {
    const zip = this.options.pluginZip;
    if (!zip || !existsSync(zip)) return undefined;
    const dir = path.join(this.options.workDir, 'tools', 'repo-access');
    const stamp = `${statSync(zip).mtimeMs}`;
    if (stamp !== this.toolStamp || !existsSync(dir)) {
      await installAgentTool(zip, dir);
      this.toolStamp = stamp;
    }
    return dir;
  }

  private async run(build: Build): Promise<void> {
    const { store } = this.options;
    const buildType = store.buildType(build.buildTypeId);
    build.state = 'running';
    build.startDate = tcDate();
    build.status = 'SUCCESS';
    store.save();
    this.events.emit('changed', build);
    if (!buildType) return this.finish(build, 'FAILURE', `Build configuration ${build.buildTypeId} no longer exists`);

    // The checkout directory stays between builds; the build script sees what earlier builds left there
    // ("Build Checkout Directory": incremental patches to the last checked-out state; cleaned only when unused for days).
    const checkoutDir = path.join(this.options.workDir, 'work', buildType.id);
    mkdirSync(checkoutDir, { recursive: true });
    const tempDir = path.join(this.options.workDir, 'temp', String(build.id));
    mkdirSync(tempDir, { recursive: true });

    const params = buildParameters({ store, agent: this.reported, build, buildType, checkoutDir, toolDir: await this.toolDir() });
    const PATH = agentPath({ nodeOnPath: this.options.nodeOnPath ?? true, workDir: this.options.workDir });
    const secrets = [...params.values()].filter(isPassword).map((p) => p.value);
    const log = new BuildLog(path.join(store.buildDir(build.id), 'build.log'), secrets);
    log.line(`Build ${buildType.name} #${build.number} started on the sandbox agent`);
    let statusOverride: StatusOverride = {};
    const publishRules: string[] = [];
    // The build configuration's "Execution timeout" (settings executionTimeoutMin), as TeamCity applies it.
    const timeoutMin = Number(buildType.settings.executionTimeoutMin ?? 0);
    let timedOut = false;
    const timer =
      timeoutMin > 0
        ? setTimeout(() => {
            timedOut = true;
            if (this.child?.buildId === build.id) killGroup(this.child.process);
          }, timeoutMin * 60_000)
        : undefined;

    try {
      const initial = valuesOf(params);
      await checkoutVcsRoots({
        store,
        buildType,
        checkoutDir,
        tempDir,
        baseEnv: buildEnvironment(params, PATH),
        knownHostsPath: this.options.agentEnv.BITBUCKET_KNOWN_HOSTS,
        resolve: (text) => resolveReferences(text, initial).text,
        log,
        addSecret: (value) => log.addSecret(value),
        onChild: (child) => (this.child = child ? { buildId: build.id, process: child } : undefined),
      }).catch((error: unknown) => {
        if (!(error instanceof CheckoutError)) throw error;
        addProblem(build, log, 'TC_VCS_CHECKOUT', error.message);
      });
      for (const [index, step] of buildType.steps.entries()) {
        if (this.closed || build.canceled || timedOut || hasFailed(build)) break;
        build.percentageComplete = Math.round((index / buildType.steps.length) * 100);
        const stepName = `Step ${index + 1}/${buildType.steps.length}: ${step.name || step.id}`;
        build.currentStageText = stepName;
        log.open(`${stepName} (${step.type})`);
        if (step.type !== 'simpleRunner') {
          addProblem(build, log, 'TC_RUNNER', `Runner type '${step.type}' is not supported by the sandbox agent`);
          log.close();
          break;
        }
        const values = valuesOf(params);
        const script = resolveReferences(step.properties['script.content'] ?? '', values);
        if (script.unresolved.length) {
          addProblem(build, log, 'TC_UNRESOLVED', `Unresolved parameter reference(s) in ${stepName}: ${script.unresolved.map((n) => `%${n}%`).join(', ')}`);
          log.close();
          break;
        }
        const scriptFile = path.join(tempDir, `custom_script_${step.id}.sh`);
        writeFileSync(scriptFile, script.text, { mode: 0o700 });
        const exitCode = await runScript({
          scriptFile,
          env: buildEnvironment(params, PATH),
          cwd: checkoutDir,
          log,
          onStart: (child) => (this.child = { buildId: build.id, process: child }),
          onMessage: (message) => {
            if (message.name === 'publishArtifacts' && message.value) publishRules.push(message.value);
            const update = applyServiceMessage(build, log, message, params);
            if (update) statusOverride = { ...statusOverride, ...update };
            this.events.emit('changed', build);
          },
        });
        this.child = undefined;
        if (this.closed) addProblem(build, log, 'TC_AGENT_STOPPED', INTERRUPTED);
        else if (timedOut) addProblem(build, log, 'TC_EXECUTION_TIMEOUT', `Execution timeout of ${timeoutMin} minute(s) exceeded`);
        else if (build.canceled) log.line('The build was canceled', 'W');
        else if (exitCode !== 0) addProblem(build, log, 'TC_EXIT_CODE', `Process exited with code ${exitCode} (Step: ${step.name || step.id})`);
        log.close();
      }
      // TeamCity publishes artifacts per the settings and per ##teamcity[publishArtifacts '…'] messages.
      const rules = [buildType.settings.artifactRules ?? '', ...publishRules].filter(Boolean).join('\n');
      if (rules && !build.canceled) {
        const resolved = resolveReferences(rules, valuesOf(params)).text;
        log.open('Publishing artifacts');
        for (const artifact of publishArtifacts(resolved, checkoutDir, path.join(store.buildDir(build.id), 'artifacts'))) log.line(artifact);
        log.close();
      }
    } finally {
      clearTimeout(timer);
      rmSync(tempDir, { recursive: true, force: true });
    }

    const failed = hasFailed(build);
    const status = statusOverride.status ?? (failed ? 'FAILURE' : 'SUCCESS');
    const defaultText = build.canceled ? 'Canceled' : failed ? build.problems.map((p) => p.description).join('; ') || 'Failure' : 'Success';
    const text = statusOverride.text?.replace('{build.status.text}', defaultText) ?? defaultText;
    log.line(`Build finished: ${status}, ${text}`);
    this.finish(build, build.canceled ? 'UNKNOWN' : status, text);
  }

  private finish(build: Build, status: Build['status'], statusText: string): void {
    build.state = 'finished';
    build.status = status;
    build.statusText = statusText;
    build.percentageComplete = 100;
    build.finishDate = tcDate();
    this.options.store.save();
    this.events.emit('changed', build);
  }
}

const hasFailed = (build: Build) => build.problems.length > 0 || build.status === 'FAILURE';

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
