// Bundles the host runtime (the sandbox's window.TeamCityAPI, React included) on demand: never part of `npm run build`.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const CACHE_DIR = path.join(os.tmpdir(), 'repo-access-host-runtime');

/** What the bundle is made of: this folder's sources and the React it bundles. */
function inputsHash(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(here).sort()) hash.update(name).update(readFileSync(path.join(here, name)));
  for (const pkg of ['react', 'react-dom']) hash.update(readFileSync(path.join(root, 'node_modules', pkg, 'package.json')));
  return hash.digest('hex').slice(0, 16);
}

async function compile(outDir: string): Promise<void> {
  // Loaded here: most sandbox runs never serve the page and need not load webpack.
  const { default: webpack } = await import('webpack');
  const compiler = webpack({
    mode: 'production',
    target: 'web',
    context: root,
    entry: path.join(here, 'index.ts'),
    output: { path: outDir, filename: 'host-runtime.js' },
    // Classic JSX (React.createElement), as the plugin's UI is compiled.
    module: { rules: [{ test: /\.tsx?$/, loader: 'esbuild-loader', options: { target: 'es2022', jsx: 'transform' } }] },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    devtool: false,
    // Never shipped: skipping minification saves most of the build time.
    optimization: { minimize: false },
    performance: { hints: false },
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error || stats?.hasErrors()) reject(error ?? new Error(`host runtime: ${stats?.toString('errors-only') ?? 'build failed'}`));
      else resolve();
    }),
  );
}

let pending: Promise<string> | undefined;

/**
 * The host runtime script's path, built once per content of its sources into a cache in the temp folder. Concurrent
 * builders (parallel test workers) each write a private folder and rename the result into place.
 */
export function buildHostRuntime(): Promise<string> {
  pending ??= (async () => {
    const file = path.join(CACHE_DIR, `${inputsHash()}.js`);
    if (existsSync(file)) return file;
    mkdirSync(CACHE_DIR, { recursive: true });
    const work = mkdtempSync(path.join(CACHE_DIR, 'build-'));
    try {
      await compile(work);
      renameSync(path.join(work, 'host-runtime.js'), file);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return file;
  })();
  pending.catch(() => (pending = undefined));
  return pending;
}
