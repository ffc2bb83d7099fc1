import path from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles a bench page (`bench/<name>-page.tsx`, React bundled in production mode) into dir; returns the file. */
export async function bundlePage(name: string, dir: string): Promise<string> {
  const filename = `${name}-bench.js`;
  const compiler = webpack({
    mode: 'production',
    target: 'web',
    entry: path.join(root, `bench/${name}-page.tsx`),
    output: { path: dir, filename },
    module: { rules: [{ test: /\.tsx?$/, loader: 'esbuild-loader', options: { target: 'es2022', jsx: 'transform' } }] },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    devtool: false,
    // The page is injected as one script: lazily imported modules must be inside it, not in chunks it cannot fetch.
    plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error || stats?.hasErrors()) reject(error ?? new Error(stats?.toString('errors-only')));
      else resolve();
    }),
  );
  return path.join(dir, filename);
}
