import { helperCommand, nodeCheck, NOT_WINDOWS, shellArg, type TeamCity } from '../../teamcity';
import { bitbucketRepository, environmentOf } from '../vcs/bitbucket-urls';
import type { WorkflowSettings } from '../../project/settings';
import { propertyOf } from '../vcs/roots';
import { stepsOf, vcsRootEntriesOf, type BuildType } from './build-types';

export const CLONE_STEP_NAME = 'Clone with Repo Access';

/** Where each repository lands in the checkout directory. */
export const destFor = (fullName: string): string => `repos/${fullName.split('/').pop() ?? fullName}`;

/**
 * The step's script: the agent tool clones each repository with the project's stored credential
 * (env.BITBUCKET_* parameters become its environment), over HTTPS; nothing of it is written to the checkout.
 */
export function cloneScript(repos: readonly string[]): string {
  return ['set -e', ...nodeCheck, ...repos.map((repo) => `rm -rf ${shellArg(destFor(repo))}`), ...repos.map((repo) => helperCommand(['clone', '--repo', repo, '--dest', destFor(repo), '--depth', '1']))].join('\n');
}

/** Adds the step, or replaces the script of the one already there (idempotent), and makes it the first step. */
export async function ensureCloneStep(tc: TeamCity, buildType: BuildType, repos: readonly string[]): Promise<'added' | 'updated' | 'unchanged'> {
  const script = cloneScript(repos);
  // The step is an sh script: keep the build off Windows agents.
  await tc.ensureRequirement(buildType.id, NOT_WINDOWS);
  const existing = stepsOf(buildType).find((s) => s.name === CLONE_STEP_NAME);
  let outcome: 'added' | 'updated' | 'unchanged';
  let stepId: string;
  if (existing?.id) {
    stepId = existing.id;
    const current = existing.properties?.property?.find((p) => p.name === 'script.content')?.value;
    outcome = current === script ? 'unchanged' : 'updated';
    if (outcome === 'updated') await tc.setStepProperty(buildType.id, stepId, 'script.content', script);
  } else {
    stepId = await tc.addStep(buildType.id, { name: CLONE_STEP_NAME, type: 'simpleRunner', properties: { 'script.content': script, 'use.custom.script': 'true' } });
    outcome = 'added';
  }
  // POST appends, but the sources must be there before the steps that use them.
  const moved = stepId !== '' && (await tc.moveStepFirst(buildType.id, stepId));
  return outcome === 'unchanged' && moved ? 'updated' : outcome;
}

export interface AttachOutcome {
  status: 'attached' | 'present';
  /** Roots of the same repository this one took the place of: detached from the build, not deleted. */
  replaced: string[];
}

/** The build's other VCS root entries that check out the same Bitbucket repository as `rootId`. */
export async function sameRepositoryEntries(tc: TeamCity, buildType: BuildType, rootId: string, fullName: string, settings: WorkflowSettings): Promise<Array<{ rootId: string; checkoutRules: string }>> {
  const env = environmentOf(settings);
  const found: Array<{ rootId: string; checkoutRules: string }> = [];
  for (const entry of vcsRootEntriesOf(buildType)) {
    if (entry.rootId === rootId) continue;
    const root = await tc.vcsRoot(entry.rootId);
    if (root && bitbucketRepository(propertyOf(root, 'url'), env)?.toLowerCase() === fullName.toLowerCase()) found.push(entry);
  }
  return found;
}

/**
 * The access-key way: TeamCity itself checks the repository out through its VCS root with the uploaded key. A root the
 * build already has for the same repository (an app password, say) gives its place and checkout rules to this one,
 * and stays in the project unattached; otherwise the build would still check out through the old one first.
 */
export async function attachVcsRoot(tc: TeamCity, buildType: BuildType, rootId: string, fullName: string, settings: WorkflowSettings): Promise<AttachOutcome> {
  const entries = vcsRootEntriesOf(buildType);
  const sameRepository = await sameRepositoryEntries(tc, buildType, rootId, fullName, settings);
  const present = entries.some((e) => e.rootId === rootId);
  if (!present) {
    const checkoutRules = sameRepository[0]?.checkoutRules ?? `+:. => ${destFor(fullName)}`;
    await tc.attachRoot(buildType.id, rootId, checkoutRules);
  }
  for (const old of sameRepository) await tc.detachRoot(buildType.id, old.rootId);
  return { status: present ? 'present' : 'attached', replaced: sameRepository.map((e) => e.rootId) };
}
