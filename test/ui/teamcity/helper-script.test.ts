import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { helperCommand, nodeCheck, NO_NODE_PROBLEM, shellArg } from '../../../plugin-ui/teamcity';

describe('build step scripts', () => {
  it('quotes arguments so sh passes them through unchanged (after TeamCity turns %% into %)', () => {
    const args = ['plain-slug', "it's", 'a b', '$(touch /tmp/x)', '100%', '`id`'];
    const script = `printf '%s\\n' ${args.map(shellArg).join(' ')}`.replace(/%%/g, '%');
    assert.deepEqual(execFileSync('sh', ['-c', script], { encoding: 'utf8' }).split('\n').slice(0, -1), args);
    assert.equal(shellArg('100%'), "'100%%'", 'a literal % is not taken for a parameter reference');
  });

  it('runs the helper with the Node that the check picked, the tool path written literally', () => {
    assert.equal(helperCommand(['clone', '--repo', 'acme/api']), '"$node" "%teamcity.tool.repo-access%/repo-access.js" clone --repo acme/api');
  });

  const check = (env: Record<string, string>) => spawnSync('sh', ['-c', [...nodeCheck, 'echo "node ok: $node"'].join('\n')], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });

  it('stops with one build problem naming what to install when there is no Node', () => {
    const run = check({ REPO_ACCESS_NODE: '/nonexistent/node' });
    assert.equal(run.status, 0, 'the build problem fails the build; no second "exit code" problem');
    assert.equal(run.stdout, `##teamcity[buildProblem identity='repo-access-node' description='${NO_NODE_PROBLEM}']\n`);
    assert.match(NO_NODE_PROBLEM, /Node\.js 20 or later.*repoaccess\.node/);
  });

  it('goes on with a Node of 20 or later, from PATH or repoaccess.node', () => {
    assert.equal(check({}).stdout, 'node ok: node\n');
    assert.equal(check({ REPO_ACCESS_NODE: process.execPath }).stdout, `node ok: ${process.execPath}\n`);
  });
});
