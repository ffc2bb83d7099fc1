import assert from 'node:assert/strict';
import { gitProgress } from '../../agent-helper/clone/progress';

describe('clone progress from git --progress output', () => {
  it('reports each phase in steps, 100% once, and nothing during the first second', () => {
    let clock = 0;
    const seen: string[] = [];
    const feed = gitProgress((phase, percent) => seen.push(`${phase} ${percent}`), { now: () => clock });
    feed('Receiving objects:   5% (1/20)\r');
    assert.deepEqual(seen, [], 'quiet while the clone is young');
    clock = 1500;
    const receiving = Array.from({ length: 101 }, (_, i) => `Receiving objects: ${String(i).padStart(3)}% (${i}/100), 1.00 MiB | 5 MiB/s\r`).join('');
    feed(receiving);
    feed('Receiving objects: 100% (100/100), 21.00 MiB | 50 MiB/s, done.\nResolving deltas: 100% (3/3), done.\n');
    assert.deepEqual(seen, [
      'receiving objects 0',
      'receiving objects 20',
      'receiving objects 40',
      'receiving objects 60',
      'receiving objects 80',
      'receiving objects 100',
      'resolving deltas 100',
    ]);
  });
});
