// Assembles dist/repo-access-teamcity.zip from webpack's output and the Java shim (run by `npm run build`).
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shim = path.join(root, 'build/shim');
const dist = path.join(root, 'dist');
// Fixed timestamps keep the zip byte-for-byte reproducible.
const mtime = new Date('2026-01-01T00:00:00Z');
const CLASSPATH_JARS = ['/usr/share/java/servlet-api.jar', '/usr/share/java/org.jetbrains.annotations-common.jar'];

function fail(message: string): never {
  console.error(`build/package: ${message}`);
  process.exit(1);
}

function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

function zipToBuffer(add: (zip: yazl.ZipFile) => void): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  add(zip);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/**
 * Compiles the shim against the stand-ins (-implicit:none: their classes are never written, so never packaged),
 * or, when TEAMCITY_SERVER_API_CLASSPATH names the real server-api jars, against those instead.
 */
function compileShim(): string {
  const realApi = process.env.TEAMCITY_SERVER_API_CLASSPATH;
  for (const jar of CLASSPATH_JARS) if (!existsSync(jar)) fail(`${jar} is missing: apt-get install libservlet-api-java libjetbrains-annotations-java`);
  const out = mkdtempSync(path.join(os.tmpdir(), 'repo-access-shim-'));
  const sources = files(path.join(shim, 'src')).map((f) => path.join(shim, 'src', f));
  const api = realApi ? ['-cp', [...CLASSPATH_JARS, realApi].join(path.delimiter)] : ['-cp', CLASSPATH_JARS.join(path.delimiter), '-sourcepath', path.join(shim, 'stubs')];
  try {
    execFileSync('javac', ['--release', '17', '-implicit:none', '-Xlint:all', ...(realApi ? [] : ['-Werror']), '-d', out, ...api, ...sources], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    rmSync(out, { recursive: true, force: true });
    fail('javac failed (JDK 17 needed: apt-get install openjdk-17-jdk-headless)');
  }
  return out;
}

async function main(): Promise<void> {
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const helper = path.join(dist, 'agent/repo-access.js');
  const bundle = path.join(dist, 'ui/bundle.js');
  for (const file of [helper, bundle]) if (!existsSync(file)) fail(`${path.relative(root, file)} is missing: run webpack first (npm run build)`);

  const classes = compileShim();
  try {
    const jar = await zipToBuffer((zip) => {
      zip.addBuffer(Buffer.from('Manifest-Version: 1.0\r\nCreated-By: repo-access build/package.ts\r\n\r\n'), 'META-INF/MANIFEST.MF', { mtime });
      for (const f of files(classes)) zip.addFile(path.join(classes, f), f, { mtime });
      for (const f of files(path.join(shim, 'resources'))) zip.addFile(path.join(shim, 'resources', f), f, { mtime });
      // bundle.js and the chunks of the lazily loaded sections, which it fetches from beside itself.
      for (const f of readdirSync(path.join(dist, 'ui')).filter((name) => name.endsWith('.js'))) zip.addFile(path.join(dist, 'ui', f), `buildServerResources/${f}`, { mtime });
    });
    const agentZip = await zipToBuffer((zip) => {
      zip.addFile(path.join(root, 'build/descriptors/agent-teamcity-plugin.xml'), 'teamcity-plugin.xml', { mtime });
      zip.addFile(helper, 'repo-access.js', { mtime, mode: 0o100755 });
      // The helper is one CommonJS file; this keeps node from reading it as ESM under a "type": "module" folder.
      zip.addBuffer(Buffer.from('{"type":"commonjs"}\n'), 'package.json', { mtime });
    });
    const descriptor = readFileSync(path.join(root, 'build/descriptors/teamcity-plugin.xml'), 'utf8').replace('@VERSION@', version);
    const plugin = path.join(dist, 'repo-access-teamcity.zip');
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(descriptor), 'teamcity-plugin.xml', { mtime });
    zip.addBuffer(jar, 'server/repo-access-server.jar', { mtime });
    zip.addBuffer(agentZip, 'agent/repo-access.zip', { mtime });
    zip.end();
    await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(plugin)).on('close', resolve).on('error', reject));
    console.log(`build/package: ${path.relative(root, plugin)} (jar ${jar.length} B, agent tool ${agentZip.length} B)`);
  } finally {
    rmSync(classes, { recursive: true, force: true });
  }
}

await main();
