import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { createReporter } from '../../agent-helper/output/reporter';

/** A stream that says it is a terminal and keeps what was written. */
function terminal(): NodeJS.WriteStream & { text(): string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & { text(): string };
  let written = '';
  stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
  Object.assign(stream, { isTTY: true, columns: 120, rows: 40, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, text: () => written });
  return stream;
}

describe('reporter: the expected finish where the rate budget sets the pace', () => {
  const finish = new Date('2026-12-02T17:05:12Z');

  it('on the terminal progress bar', async () => {
    const stderr = terminal();
    const reporter = createReporter({ json: false, command: 'register', env: {}, stderr, stdout: new PassThrough() as unknown as NodeJS.WriteStream });
    reporter.progress('acme/a: added', { done: 1, total: 3000, finish });
    reporter.result({}, 'done');
    await new Promise((resolve) => setImmediate(resolve));
    assert.match(stderr.text(), /1\/3000 done by 17:05:12 UTC acme\/a: added/);
  });

  it('in the TeamCity build log (progressMessage), and not when the budget does not bind', () => {
    const stdout = terminal();
    const reporter = createReporter({ json: false, command: 'register', env: { TEAMCITY_VERSION: '2025.03' }, stdout, stderr: new PassThrough() as unknown as NodeJS.WriteStream });
    reporter.progress('acme/a: added', { done: 1, total: 3000, finish });
    reporter.progress('acme/b: added', { done: 2, total: 3000 });
    assert.match(stdout.text(), /##teamcity\[progressMessage 'acme\/a: added \(1\/3000, expected finish 17:05:12 UTC\)'\]/);
    assert.match(stdout.text(), /##teamcity\[progressMessage 'acme\/b: added \(2\/3000\)'\]/);
  });
});
