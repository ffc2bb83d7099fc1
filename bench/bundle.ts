import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import webpack, { type Configuration } from 'webpack';
import { requireBuilt } from '../test/support/built';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targetGzip = 40 * 1024;

const sizes = (code: Buffer) => ({ raw: code.length, gzip: gzipSync(code, { level: 9 }).length });
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The same UI entry built with React and ReactDOM inside the bundle, as it would be without TeamCityAPI's. */
async function bundleWithReact(): Promise<Buffer> {
  const configModule: { default: (env: { only: string }) => Configuration[] } = await import(pathToFileURL(path.join(root, 'webpack.config.js')).href);
  const [ui] = configModule.default({ only: 'ui' });
  const out = mkdtempSync(path.join(os.tmpdir(), 'repo-access-bundle-bench-'));
  try {
    const config: Configuration = { ...ui, mode: 'production', context: root, output: { ...ui?.output, path: out }, externals: { '@jetbrains/teamcity-api': 'TeamCityAPI' } };
    await new Promise<void>((resolve, reject) =>
      webpack(config, (error, stats) => (error || stats?.hasErrors() ? reject(error ?? new Error(stats?.toString('errors-only'))) : resolve())),
    );
    return readFileSync(path.join(out, 'bundle.js'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Prints the UI bundle's size (raw and gzip) against the 40 KB gzip target and a React-bundled baseline. */
export async function run(): Promise<void> {
  const bundlePath = requireBuilt('ui');
  const ours = sizes(readFileSync(bundlePath));
  const baseline = sizes(await bundleWithReact());
  console.log('UI bundle (dist/ui/bundle.js), React from TeamCityAPI:');
  console.log(`  ours               raw ${kb(ours.raw).padStart(9)}   gzip ${kb(ours.gzip).padStart(8)}   target ≤ ${kb(targetGzip)} gzip: ${ours.gzip <= targetGzip ? 'met' : 'MISSED'}`);
  console.log(`  with React inside  raw ${kb(baseline.raw).padStart(9)}   gzip ${kb(baseline.gzip).padStart(8)}   (same entry, react/react-dom bundled)`);
  console.log(`  externals save     ${kb(baseline.gzip - ours.gzip)} gzip (${Math.round((1 - ours.gzip / baseline.gzip) * 100)}%)`);
  for (const chunk of readdirSync(path.dirname(bundlePath)).filter((f) => f !== 'bundle.js' && f.endsWith('.js'))) {
    const size = sizes(readFileSync(path.join(path.dirname(bundlePath), chunk)));
    console.log(`  lazy ${chunk.padEnd(22)} raw ${kb(size.raw).padStart(9)}   gzip ${kb(size.gzip).padStart(8)}   (fetched when its section opens)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
