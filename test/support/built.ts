import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The one policy for tests (and benches) that use what `npm run build` makes: they never build it themselves, they
// fail at once with one line when it is missing or older than its sources (`npm test` builds before it runs mocha).

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const ARTEFACTS = {
  helper: { file: 'dist/agent/repo-access.js', sources: ['agent-helper'] },
  ui: { file: 'dist/ui/bundle.js', sources: ['plugin-ui'] },
  zip: { file: 'dist/repo-access-teamcity.zip', sources: ['agent-helper', 'plugin-ui', 'build/descriptors', 'build/shim/src', 'build/shim/resources', 'build/package.ts'] },
} as const;

export type Artefact = keyof typeof ARTEFACTS;

// Only code goes into the artefacts: a README or USAGE.md edit does not make them stale.
const CODE = /\.(ts|tsx|js|json|java|xml|jsp)$/;

function newest(file: string): number {
  const stat = statSync(file);
  if (!stat.isDirectory()) return CODE.test(file) ? stat.mtimeMs : 0;
  return Math.max(0, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

/** The absolute path of a built artefact; throws "… run npm run build first" when it is missing or stale. */
export function requireBuilt(artefact: Artefact): string {
  const { file, sources } = ARTEFACTS[artefact];
  const full = path.join(root, file);
  if (!existsSync(full)) throw new Error(`${file} is missing: run npm run build first`);
  const stale = sources.find((source) => newest(path.join(root, source)) > statSync(full).mtimeMs);
  if (stale) throw new Error(`${file} is older than ${stale}: run npm run build first`);
  return full;
}
