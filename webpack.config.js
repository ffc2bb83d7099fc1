import path from 'node:path';
import webpack from 'webpack';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
// Classic JSX (React.createElement): TeamCityAPI exposes React, not react/jsx-runtime.
const tsRule = { test: /\.tsx?$/, loader: 'esbuild-loader', options: { target: 'es2022', jsx: 'transform' } };
const resolve = { extensions: ['.ts', '.tsx', '.js'] };

const helper = {
  name: 'helper',
  target: 'node20',
  entry: './agent-helper/cli.ts',
  output: { path: path.join(root, 'dist/agent'), filename: 'repo-access.js', chunkFormat: 'commonjs', compareBeforeEmit: false },
  module: { rules: [tsRule] },
  resolve,
  devtool: false,
  optimization: { minimize: true },
  plugins: [
    // The bundle is CommonJS; inside this "type": "module" checkout node needs to be told so.
    {
      apply: (compiler) =>
        compiler.hooks.thisCompilation.tap('commonjs-marker', (compilation) =>
          compilation.hooks.processAssets.tap({ name: 'commonjs-marker', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () =>
            compilation.emitAsset('package.json', new webpack.sources.RawSource('{"type":"commonjs"}\n')),
          ),
        ),
    },
  ],
};

// The UI runs inside TeamCity's page: React comes from window.TeamCityAPI, never from our bundle.
const ui = {
  name: 'ui',
  target: 'web',
  entry: './plugin-ui/index.tsx',
  // Lazy sections are chunks beside bundle.js (TeamCity serves the plugin's resources from one folder); 'auto' finds that
  // folder from bundle.js's own URL, and uniqueName keeps our chunk registry apart from TeamCity's own webpack runtime.
  output: { path: path.join(root, 'dist/ui'), filename: 'bundle.js', chunkFilename: '[name].[contenthash:8].js', publicPath: 'auto', uniqueName: 'repoAccess', clean: true, compareBeforeEmit: false },
  module: { rules: [tsRule] },
  resolve,
  externalsType: 'window',
  externals: {
    react: ['TeamCityAPI', 'React'],
    'react-dom': ['TeamCityAPI', 'ReactDOM'],
    'react-dom/client': ['TeamCityAPI', 'ReactDOMClient'],
    '@jetbrains/teamcity-api': 'TeamCityAPI',
  },
  devtool: false,
};

export default (env = {}) => {
  const all = { helper, ui };
  return env.only ? [all[env.only]] : [helper, ui];
};
