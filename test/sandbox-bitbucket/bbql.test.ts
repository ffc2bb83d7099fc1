import assert from 'node:assert/strict';
import { BbqlError, evaluate, parseBbql, type Value } from '../../sandbox/bitbucket/bbql';

const repo: Record<string, Value> = { name: 'Web Frontend', slug: 'web-frontend', 'project.key': 'WEB', is_private: true, created_on: '2025-03-07T09:00:00.000+00:00' };
const matches = (q: string): boolean => evaluate(parseBbql(q), (f) => repo[f]);

describe('BBQL parser and evaluator', () => {
  it('compares with =, != and case-insensitive ~ / !~', () => {
    assert.equal(matches('slug = "web-frontend"'), true);
    assert.equal(matches('slug = "web"'), false);
    assert.equal(matches('slug != "web"'), true);
    assert.equal(matches('name ~ "FRONT"'), true);
    assert.equal(matches('name !~ "front"'), false);
    assert.equal(matches('project.key = "WEB"'), true);
    assert.equal(matches('is_private = true'), true);
    assert.equal(matches('is_private = false'), false);
  });

  it('joins with AND / OR, AND binding tighter, and honours parentheses', () => {
    assert.equal(matches('project.key = "WEB" AND name ~ "front"'), true);
    assert.equal(matches('project.key = "CORE" AND name ~ "front"'), false);
    assert.equal(matches('project.key = "CORE" OR name ~ "front"'), true);
    assert.equal(matches('slug = "x" AND slug = "y" OR slug = "web-frontend"'), true);
    assert.equal(matches('slug = "x" AND (slug = "y" OR slug = "web-frontend")'), false);
    assert.equal(matches('slug = "web-frontend" and project.key = "WEB"'), true);
  });

  it('supports IN / NOT IN, escaped quotes and dates', () => {
    assert.equal(matches('project.key IN ("CORE", "WEB")'), true);
    assert.equal(matches('project.key NOT IN ("CORE", "WEB")'), false);
    assert.equal(evaluate(parseBbql('name = "say \\"hi\\""'), () => 'say "hi"'), true);
    assert.equal(matches('created_on > 2025-03-01'), true);
    assert.equal(matches('created_on < 2025-03-01T00:00:00Z'), false);
  });

  for (const bad of ['name ~', 'name "x"', '= "x"', 'name = "x" AND', '(name = "x"', 'name = "x")', 'name = "unterminated', 'name = x', 'name ~ 3', 'a = "1" b = "2"', 'name NOT = "x"', 'slug IN "x"']) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parseBbql(bad), BbqlError);
    });
  }
});
