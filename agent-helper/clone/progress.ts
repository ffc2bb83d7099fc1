const PHASES: Record<string, string> = {
  'Receiving objects': 'receiving objects',
  'Resolving deltas': 'resolving deltas',
  'Updating files': 'checking out files',
};

/**
 * Reads git's `--progress` output (carriage-return updates on stderr) and reports each phase in
 * steps of `step` percent, so a long clone shows progress in a TeamCity build without flooding it.
 * Like git itself, it stays silent for the first `delayMs`: a quick clone reports nothing.
 */
export function gitProgress(
  report: (phase: string, percent: number) => void,
  options: { step?: number; delayMs?: number; now?: () => number } = {},
): (chunk: string) => void {
  const { step = 20, delayMs = 1000, now = Date.now } = options;
  const started = now();
  const last = new Map<string, number>();
  return (chunk) => {
    if (now() - started < delayMs) return;
    for (const match of chunk.matchAll(/(Receiving objects|Resolving deltas|Updating files):\s+(\d+)%/g)) {
      const phase = PHASES[match[1] ?? ''] ?? '';
      const percent = Number(match[2]);
      const previous = last.get(phase);
      if (previous === 100 || (previous !== undefined && percent < previous + step && percent !== 100)) continue;
      last.set(phase, percent);
      report(phase, percent);
    }
  };
}
