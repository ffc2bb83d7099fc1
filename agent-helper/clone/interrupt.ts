import os from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Runs `work` with SIGINT/SIGTERM turned into an abort: `work` stops its children, `cleanup` runs
 * (success, failure or signal alike), and after a signal the process exits 128+n as a shell would.
 */
export async function runInterruptible<T>(work: (signal: AbortSignal) => Promise<T>, cleanup: () => Promise<void>): Promise<T> {
  const controller = new AbortController();
  let received: (typeof SIGNALS)[number] | undefined;
  const onSignal = (signal: (typeof SIGNALS)[number]) => {
    received ??= signal;
    controller.abort();
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  try {
    return await work(controller.signal);
  } finally {
    await cleanup();
    for (const signal of SIGNALS) process.off(signal, onSignal);
    if (received) process.exit(128 + os.constants.signals[received]);
  }
}
