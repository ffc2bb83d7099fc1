import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { helperCommand, operationScript, shellArg } from '../../plugin-ui/teamcity';

describe('operations build scripts', () => {
  it('quotes arguments so sh passes them through unchanged (after TeamCity turns %% into %)', () => {
    const args = ['plain-slug', "it's", 'a b', '$(touch /tmp/x)', '100%', '`id`'];
    const script = `printf '%s\\n' ${args.map(shellArg).join(' ')}`.replace(/%%/g, '%');
    assert.deepEqual(execFileSync('sh', ['-c', script], { encoding: 'utf8' }).split('\n').slice(0, -1), args);
    assert.equal(shellArg('100%'), "'100%%'", 'a literal % is not taken for a parameter reference');
  });

  it('writes the JSON document under out/ and stops at the first failing line', () => {
    assert.equal(helperCommand(['repos', '--workspace', 'acme'], 'repos'), 'node "%teamcity.tool.repo-access%/repo-access.js" repos --workspace acme --json-out out/repos.json');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ra-script-'));
    try {
      const run = spawnSync('sh', ['-c', operationScript(['echo first', 'false', 'echo never'])], { encoding: 'utf8', cwd: dir });
      assert.equal(run.status, 1);
      assert.equal(run.stdout, 'first\n');
      assert.ok(existsSync(path.join(dir, 'out')), 'out/ is there for --json-out');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
