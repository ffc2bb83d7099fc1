import { installDom } from './support/dom';
import assert from 'node:assert/strict';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { useLoad } from '../../plugin-ui/ui/load';

/** A promise settled from outside, to order results by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('useLoad', () => {
  let removeDom: () => void;
  before(() => {
    removeDom = installDom();
  });
  afterEach(cleanup);
  after(() => removeDom());

  it('loads, and shows a changed load\'s result only: the overtaken one is aborted and ignored', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const signals: AbortSignal[] = [];
    const loads = {
      first: (signal: AbortSignal) => (signals.push(signal), first.promise),
      second: (signal: AbortSignal) => (signals.push(signal), second.promise),
    };
    const { result, rerender } = renderHook(({ load }) => useLoad(load), { initialProps: { load: loads.first } });
    assert.deepEqual([result.current.state, result.current.value], ['loading', undefined]);
    rerender({ load: loads.second });
    assert.equal(signals[0]?.aborted, true);
    await act(async () => second.resolve('second'));
    await act(async () => first.resolve('first'));
    assert.deepEqual([result.current.state, result.current.value], ['ready', 'second']);
  });

  it('reload runs the latest load even when called through an earlier render\'s reload', async () => {
    const { result, rerender } = renderHook(({ n }) => useLoad(n === 1 ? loadOne : loadTwo), { initialProps: { n: 1 } });
    await waitFor(() => assert.equal(result.current.value, 1));
    const earlyReload = result.current.reload;
    rerender({ n: 2 });
    await act(() => earlyReload());
    assert.deepEqual([result.current.state, result.current.value], ['ready', 2]);
  });

  it('a failed reload keeps the last value, reports the error and rejects', async () => {
    let fail = false;
    const load = async () => {
      if (fail) throw new Error('TeamCity said no');
      return 'ok';
    };
    const { result } = renderHook(() => useLoad(load));
    await waitFor(() => assert.equal(result.current.state, 'ready'));
    fail = true;
    await act(() => assert.rejects(result.current.reload(), /TeamCity said no/));
    assert.deepEqual([result.current.state, result.current.value, result.current.error], ['failed', 'ok', 'TeamCity said no']);
  });

  it('aborts the running load on unmount', () => {
    let seen: AbortSignal | undefined;
    const load = (signal: AbortSignal) => ((seen = signal), new Promise<never>(() => {}));
    const { unmount } = renderHook(() => useLoad(load));
    unmount();
    assert.equal(seen?.aborted, true);
  });
});

const loadOne = async () => 1;
const loadTwo = async () => 2;
