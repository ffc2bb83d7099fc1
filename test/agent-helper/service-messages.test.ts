import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { escapeServiceValue, serviceMessage } from '../../agent-helper/output/service-messages';

/** TeamCity's reading of an escaped value, written independently of the escaper. */
function unescape(value: string): string {
  const simple: Record<string, string> = { '|': '|', "'": "'", n: '\n', r: '\r', '[': '[', ']': ']' };
  let out = '';
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i]!;
    if (char !== '|') {
      out += char;
      continue;
    }
    const next = value[i + 1]!;
    if (next === '0' && value[i + 2] === 'x') {
      out += String.fromCharCode(parseInt(value.slice(i + 3, i + 7), 16));
      i += 6;
    } else {
      assert.ok(next in simple, `unknown escape |${next}`);
      out += simple[next];
      i += 1;
    }
  }
  return out;
}

describe('TeamCity service messages', () => {
  it('escapes | \' [ ] newlines and non-ASCII as TeamCity documents', () => {
    assert.equal(escapeServiceValue("a|b'c[d]e\nf\rg"), "a||b|'c|[d|]e|nf|rg");
    assert.equal(escapeServiceValue('Zürich ✓'), 'Z|0x00fcrich |0x2713');
    assert.equal(serviceMessage('progressMessage', "repo 'x'"), "##teamcity[progressMessage 'repo |'x|'']");
    assert.equal(serviceMessage('blockOpened', { name: 'register', description: '[1/2]' }), "##teamcity[blockOpened name='register' description='|[1/2|]']");
  });

  it('round-trips any string and leaves no raw quote, bracket, newline or non-ASCII (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const escaped = escapeServiceValue(text);
        assert.equal(unescape(escaped), text);
        assert.ok([...escaped].every((c) => c.charCodeAt(0) <= 0x7f && c !== '\n' && c !== '\r'));
        assert.doesNotMatch(escaped.replace(/\|./g, ''), /['[\]|]/);
      }),
      { numRuns: 500 },
    );
  });
});
