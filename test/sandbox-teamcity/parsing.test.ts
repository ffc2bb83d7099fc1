import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { publishArtifacts } from '../../sandbox/teamcity/agent/artifacts';
import { resolveReferences } from '../../sandbox/teamcity/agent/parameters';
import { parseServiceMessage } from '../../sandbox/teamcity/agent/service-messages';
import { parseLocator } from '../../sandbox/teamcity/locator';

describe('TeamCity sandbox parsing', () => {
  it('parses service messages with TeamCity escapes, single-value and attribute forms', () => {
    assert.deepEqual(parseServiceMessage("##teamcity[progressMessage 'a |'b|' |[c|] ||d|ne|0x00e9']"), {
      name: 'progressMessage',
      value: "a 'b' [c] |d\ne\u00e9",
      attributes: {},
    });
    assert.deepEqual(parseServiceMessage("  ##teamcity[buildProblem description='x = y' identity='id.1']"), {
      name: 'buildProblem',
      attributes: { description: 'x = y', identity: 'id.1' },
    });
    assert.equal(parseServiceMessage('##teamcity[broken'), undefined);
    assert.equal(parseServiceMessage('plain text'), undefined);
  });

  it('resolves references recursively, keeps %% literal and reports unresolved and cyclic ones', () => {
    const values = new Map([
      ['a', 'A%b%'],
      ['b', 'B'],
      ['loop', '%loop%'],
    ]);
    assert.deepEqual(resolveReferences('%a% 50%% %b%', values), { text: 'AB 50% B', unresolved: [] });
    assert.deepEqual(resolveReferences('%missing% %loop%', values).unresolved.sort(), ['loop', 'missing']);
    assert.deepEqual(resolveReferences("printf '%s'", values), { text: "printf '%s'", unresolved: [] });
  });

  it('parses nested locators', () => {
    assert.deepEqual(parseLocator('affectedProject:(id:Acme),count:10'), { affectedProject: 'id:Acme', count: '10' });
    assert.deepEqual(parseLocator('buildType:(id:X,project:(id:Y)),state:running'), { buildType: 'id:X,project:(id:Y)', state: 'running' });
    assert.deepEqual(parseLocator('Acme'), { id: 'Acme' });
  });

  it('publishes artifacts by rules: folders, globs, targets and exclusions', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'artifacts-test-'));
    try {
      const checkout = path.join(dir, 'checkout');
      for (const f of ['out/a.json', 'out/deep/b.json', 'out/c.log', 'report.txt', 'other/x.json']) {
        mkdirSync(path.dirname(path.join(checkout, f)), { recursive: true });
        writeFileSync(path.join(checkout, f), f);
      }
      const published = publishArtifacts('out => results\n-:**/*.log\n**/*.json => json\nreport.txt', checkout, path.join(dir, 'artifacts'));
      assert.deepEqual(published.sort(), ['json/other/x.json', 'json/out/a.json', 'json/out/deep/b.json', 'report.txt', 'results/a.json', 'results/deep/b.json']);
      assert.deepEqual(readdirSync(path.join(dir, 'artifacts')).sort(), ['json', 'report.txt', 'results']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
