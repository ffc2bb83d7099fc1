import assert from 'node:assert/strict';
import { buildCatalog, type Repository } from '../../../plugin-ui/repositories/picker/model';
import type { ProvisionOutcome } from '../../../plugin-ui/repositories/provision/provision';
import { initialWorkflowState, workflowReducer, type WorkflowAction, type WorkflowState } from '../../../plugin-ui/repositories/workflow-state';
import type { PlannedRoot } from '../../../plugin-ui/versioned/kotlin';

const repo = (fullName: string): Repository => ({ slug: fullName.split('/')[1]!, fullName, name: fullName, project: null, isPrivate: true, mainbranch: 'main' });
const listing = (...names: string[]) => ({ catalog: buildCatalog(names.map(repo)), buildId: 7, fromCache: false });
const run = (...actions: WorkflowAction[]): WorkflowState => actions.reduce(workflowReducer, initialWorkflowState);
const outcome = (label: string): ProvisionOutcome => ({
  record: { label, fingerprint: 'SHA256:x', publicKey: 'ssh-ed25519 AAAA', created: '2026-12-06T00:00:00Z', projects: [], repos: ['acme/a'] },
  results: [{ repo: 'acme/a', status: 'added', error: null, project: null }],
  buildId: 3,
  complete: true,
  settings: { workspace: 'acme', mode: 'access-key', gitSsh: 'git@ssh.bitbucket.org', gitHttps: 'https://bitbucket.org', concurrency: 8 },
});
const plannedRoot = (id: string): PlannedRoot => ({ id, name: id, url: `git@ssh.bitbucket.org:acme/${id}.git`, branch: 'refs/heads/main', auth: { kind: 'uploaded-key', keyName: 'k' } });

describe('workflow state (reducer)', () => {
  it('a new listing keeps only the selected repositories it still lists', () => {
    const state = run({ type: 'listed', listing: listing('acme/a', 'acme/b') }, { type: 'selected', selection: new Set(['acme/a', 'acme/b']) }, { type: 'listed', listing: listing('acme/b', 'acme/c') });
    assert.deepEqual([...state.selection], ['acme/b']);
    assert.deepEqual(state.listing?.catalog.repos.map((r) => r.fullName), ['acme/b', 'acme/c']);
  });

  it('provisioning clears the last outcome and roots; the new key becomes the one whose roots go into builds', () => {
    const before = run({ type: 'provisioned', outcome: outcome('k1') }, { type: 'roots-written', roots: [{ repo: 'acme/a', id: 'P_a', status: 'created' }] });
    assert.equal(before.keyLabel, 'k1');
    const again = workflowReducer(before, { type: 'provisioning' });
    assert.deepEqual([again.provisioned, again.roots, again.keyLabel], [null, [], 'k1']);
    assert.equal(workflowReducer(again, { type: 'provisioned', outcome: outcome('k2') }).keyLabel, 'k2');
  });

  it('toggles build configurations and clears the last note when adding again', () => {
    const chosen = run({ type: 'build-toggled', buildTypeId: 'B1' }, { type: 'build-toggled', buildTypeId: 'B2' }, { type: 'build-toggled', buildTypeId: 'B1' });
    assert.deepEqual([...chosen.chosenBuilds], ['B2']);
    const noted = workflowReducer(chosen, { type: 'builds-changed', note: 'B2: acme/a attached' });
    assert.equal(noted.buildNote, 'B2: acme/a attached');
    assert.equal(workflowReducer(noted, { type: 'adding-to-builds' }).buildNote, null);
  });

  it('planned builds replace their own earlier plan and keep the planned roots and other builds', () => {
    const change = (buildTypeId: string, rootId: string) => ({ buildTypeId, removeRootIds: [], addRoots: [{ rootId, checkoutRules: '' }] });
    const state = run(
      { type: 'roots-planned', plan: { roots: [plannedRoot('a')], builds: [], parameters: [] } },
      { type: 'builds-planned', builds: [change('B1', 'a'), change('B2', 'a')] },
      { type: 'builds-planned', builds: [change('B1', 'b')] },
    );
    assert.deepEqual(state.plan?.roots.map((r) => r.id), ['a']);
    assert.deepEqual(state.plan?.builds.map((b) => [b.buildTypeId, b.addRoots[0]?.rootId]), [['B2', 'a'], ['B1', 'b']]);
    const planned = workflowReducer(initialWorkflowState, { type: 'builds-planned', builds: [change('B3', 'c')] });
    assert.deepEqual([planned.plan?.roots, planned.plan?.builds.length], [[], 1], 'builds planned before any root get an empty plan to go in');
  });

  it('never changes the state it was given', () => {
    const state = run({ type: 'build-toggled', buildTypeId: 'B1' });
    workflowReducer(state, { type: 'build-toggled', buildTypeId: 'B1' });
    assert.deepEqual([...state.chosenBuilds], ['B1']);
  });

  it('parameters planned with builds join the plan, a parameter planned again replacing its earlier value', () => {
    const first = workflowReducer(initialWorkflowState, { type: 'builds-planned', builds: [], parameters: [{ name: 'repoaccess.node', value: '', password: false }] });
    const again = workflowReducer(first, { type: 'builds-planned', builds: [], parameters: [{ name: 'repoaccess.node', value: '/opt/node/bin/node', password: false }, { name: 'env.REPO_ACCESS_NODE', value: '%repoaccess.node%', password: false }] });
    assert.deepEqual(again.plan?.parameters.map((p) => [p.name, p.value]), [['repoaccess.node', '/opt/node/bin/node'], ['env.REPO_ACCESS_NODE', '%repoaccess.node%']]);
  });
});
