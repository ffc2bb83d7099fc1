import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser } from '../test/support/browser';
import { bundlePage } from './page-bundle';

const COUNT = 5000;
const TYPED = 'service-12';
const ROUNDS = 3;
const TARGET_FIRST_RENDER = 100;
const TARGET_KEYSTROKE = 16;


const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

interface Result {
  firstRender: number;
  keystrokes: number[];
  rows: number;
}

/** First render of 5,000 repositories and time per filter keystroke, windowed vs. every row mounted. */
export async function run(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'picker-bench-'));
  const browser = await openBrowser();
  try {
    const script = await bundlePage('picker', dir);
    const { page } = browser;
    await page.setContent('<!doctype html><html><body style="font:13px sans-serif"></body></html>');
    await page.addScriptTag({ path: script });
    const measure = (windowed: boolean) =>
      page.evaluate(
        ([count, windowed, typed, rounds]) =>
          (window as unknown as { pickerBench(c: number, w: boolean, t: string, r: number): Promise<Result> }).pickerBench(count, windowed, typed, rounds),
        [COUNT, windowed, TYPED, ROUNDS] as const,
      );
    await measure(true); // warm-up: JIT and style caches, not reported
    const windowed = await measure(true);
    const baseline = await measure(false);
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(12);
    const line = (label: string, a: number, b: number, target: number) =>
      console.log(`${label.padEnd(30)}${fmt(a)}${fmt(b)}   < ${target} ms   ${a < target ? 'ok' : 'MISSED'}`);
    console.log(`repository picker, ${COUNT.toLocaleString('en')} repositories in 41 groups; typing and deleting "${TYPED}" ${ROUNDS}× (${windowed.keystrokes.length} keystrokes)`);
    console.log(`${''.padEnd(30)}${'windowed'.padStart(12)}${'no window'.padStart(12)}   target`);
    line('first render + layout', windowed.firstRender, baseline.firstRender, TARGET_FIRST_RENDER);
    line('filter keystroke, median', percentile(windowed.keystrokes, 50), percentile(baseline.keystrokes, 50), TARGET_KEYSTROKE);
    line('filter keystroke, p95', percentile(windowed.keystrokes, 95), percentile(baseline.keystrokes, 95), TARGET_KEYSTROKE);
    console.log(`${'rows mounted (unfiltered)'.padEnd(30)}${String(windowed.rows).padStart(12)}${String(baseline.rows).padStart(12)}`);
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run();
