import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

describe('bundled helper', () => {
  it('prints the package version with plain node', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    assert.equal(execFileSync(process.execPath, ['dist/agent/repo-access.js', '--version'], { encoding: 'utf8' }).trim(), version);
  });
});
