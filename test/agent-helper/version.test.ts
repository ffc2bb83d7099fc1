import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { requireBuilt } from '../support/built';

describe('bundled helper', () => {
  it('prints the package version with plain node', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    assert.equal(execFileSync(process.execPath, [requireBuilt('helper'), '--version'], { encoding: 'utf8' }).trim(), version);
  });
});
