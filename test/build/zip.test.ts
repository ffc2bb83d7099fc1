import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { readZip, type ZipEntry } from '../../sandbox/teamcity/zip';
import { installAgentTool } from '../../sandbox/teamcity/agent/tool';
import { requireBuilt } from '../support/built';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

function parseXml(data: Buffer): Document {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(data.toString('utf8'), 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  assert.equal(error, undefined, `not well-formed XML: ${error?.textContent ?? ''}`);
  return doc;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const SERVLET_JAR = '/usr/share/java/servlet-api.jar';

const listJava = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.java'))
    .map((e) => path.join(e.parentPath, e.name));

describe('plugin zip (dist/repo-access-teamcity.zip)', () => {
  let ZIP: string;
  let plugin: Map<string, ZipEntry>;
  let jar: Map<string, ZipEntry>;
  let agent: Map<string, ZipEntry>;
  let tmp: string;

  before(async function () {
    ZIP = requireBuilt('zip');
    plugin = await readZip(ZIP);
    jar = await readZip(plugin.get('server/repo-access-server.jar')!.data);
    agent = await readZip(plugin.get('agent/repo-access.zip')!.data);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'zip-test-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('has the layout TeamCity expects', () => {
    assert.deepEqual([...plugin.keys()].sort(), ['agent/repo-access.zip', 'server/repo-access-server.jar', 'teamcity-plugin.xml']);
    assert.deepEqual([...agent.keys()].sort(), ['package.json', 'repo-access.js', 'teamcity-plugin.xml']);
  });

  it('describes the server plugin for TeamCity 2024.07+', () => {
    const doc = parseXml(plugin.get('teamcity-plugin.xml')!.data);
    const root = doc.documentElement;
    assert.equal(root.localName, 'teamcity-plugin');
    assert.equal(root.getAttributeNS(XSI, 'noNamespaceSchemaLocation'), 'urn:schemas-jetbrains-com:teamcity-plugin-v1-xml');
    assert.equal(doc.querySelector('info > name')?.textContent, 'repo-access');
    assert.equal(doc.querySelector('info > version')?.textContent, version);
    assert.ok(doc.querySelector('info > display-name')?.textContent);
    assert.equal(doc.querySelector('requirements')?.getAttribute('min-build'), '160569');
    const deployment = doc.querySelector('deployment');
    assert.equal(deployment?.getAttribute('use-separate-classloader'), 'true');
    assert.equal(deployment?.getAttribute('allow-runtime-reload'), 'true');
  });

  it('describes the agent part as a tool', () => {
    const doc = parseXml(agent.get('teamcity-plugin.xml')!.data);
    assert.equal(doc.documentElement.localName, 'teamcity-agent-plugin');
    assert.equal(doc.documentElement.getAttributeNS(XSI, 'noNamespaceSchemaLocation'), 'urn:schemas-jetbrains-com:teamcity-agent-plugin-v1-xml');
    assert.equal(doc.documentElement.getElementsByTagName('tool-deployment').length, 1);
  });

  it('ships the shim, its Spring registration, the JSP and the UI bundle in the jar, and no stand-ins', () => {
    const classes = [...jar.keys()].filter((n) => n.endsWith('.class'));
    assert.deepEqual(classes, ['org/repoaccess/teamcity/RepoAccessTab.class']);
    assert.ok(!classes.some((n) => n.startsWith('jetbrains/')), 'TeamCity stand-ins must stay out of the jar');

    const spring = parseXml(jar.get('META-INF/build-server-plugin-repo-access.xml')!.data);
    assert.equal(spring.documentElement.localName, 'beans');
    assert.equal(spring.documentElement.getAttribute('default-autowire'), 'constructor');
    assert.deepEqual([...spring.getElementsByTagName('bean')].map((b) => b.getAttribute('class')), ['org.repoaccess.teamcity.RepoAccessTab']);

    const jsp = jar.get('buildServerResources/repoAccessTab.jsp')!.data.toString('utf8');
    assert.match(jsp, /^<%@ include file="\/include-internal.jsp" %>/);
    assert.match(jsp, /<div id="repo-access-root" data-project-id="<c:out value='\$\{repoAccessProjectId\}'\/>"><\/div>/);
    assert.match(jsp, /<script src="<c:url value='\$\{repoAccessBundle\}'\/>"><\/script>/);

    // The UI bundle mounts on the JSP's root element and carries no React of its own.
    const bundle = jar.get('buildServerResources/bundle.js')!.data.toString('utf8');
    assert.ok(bundle.includes('repo-access-root'));
    assert.ok(!bundle.includes('react.transitional.element'), 'React comes from window.TeamCityAPI, not the bundle');
    // Lazily loaded sections are chunks beside it: every one webpack emitted is in the jar.
    const chunks = readdirSync(path.dirname(requireBuilt('ui'))).filter((f) => f !== 'bundle.js' && f.endsWith('.js'));
    assert.ok(chunks.some((f) => f.startsWith('ownership.')), 'the ownership section is its own chunk');
    for (const chunk of chunks) assert.ok(jar.has(`buildServerResources/${chunk}`), `${chunk} is missing from the jar`);
  });

  it('has a shim class that extends EditProjectTab with the constructor Spring autowires', () => {
    const classFile = path.join(tmp, 'RepoAccessTab.class');
    writeFileSync(classFile, jar.get('org/repoaccess/teamcity/RepoAccessTab.class')!.data);
    const javap = execFileSync('javap', ['-p', classFile], { encoding: 'utf8' });
    assert.match(javap, /public class org\.repoaccess\.teamcity\.RepoAccessTab extends jetbrains\.buildServer\.controllers\.admin\.projects\.EditProjectTab/);
    assert.match(javap, /public org\.repoaccess\.teamcity\.RepoAccessTab\(jetbrains\.buildServer\.web\.openapi\.PagePlaces, jetbrains\.buildServer\.web\.openapi\.PluginDescriptor\)/);
    assert.match(javap, /public void fillModel\(java\.util\.Map<java\.lang\.String, java\.lang\.Object>, javax\.servlet\.http\.HttpServletRequest\)/);
    assert.match(javap, /public boolean isAvailable\(javax\.servlet\.http\.HttpServletRequest\)/);
    // Java 17 class files: major version 61.
    assert.equal(jar.get('org/repoaccess/teamcity/RepoAccessTab.class')!.data.readUInt16BE(6), 61);
  });

  it('shows the tab only to a user who may edit the project (checked by its internal id)', () => {
    const classes = path.join(tmp, 'shim-classes');
    const fakes = path.join(tmp, 'shim-fakes');
    const shimClass = path.join(classes, 'org/repoaccess/teamcity/RepoAccessTab.class');
    mkdirSync(path.dirname(shimClass), { recursive: true });
    writeFileSync(shimClass, jar.get('org/repoaccess/teamcity/RepoAccessTab.class')!.data);
    const fakeSources = listJava(path.resolve('test/build/shim-fakes'));
    execFileSync('javac', ['--release', '17', '-d', fakes, '-cp', [classes, SERVLET_JAR].join(path.delimiter), ...fakeSources]);
    const cases: [project: string, editable: string, expected: boolean][] = [
      ['project12', 'project12', true],
      ['project12', 'project3,project99', false],
      ['project12', 'AcmeBackend', false],
      ['project12', '-', false],
      ['-', 'project12', false],
    ];
    const out = execFileSync('java', ['-cp', [fakes, classes, SERVLET_JAR].join(path.delimiter), 'TabAvailability', ...cases.flatMap(([p, e]) => [p, e])], { encoding: 'utf8' });
    assert.deepEqual(out.trim().split('\n'), cases.map(([, , expected]) => String(expected)));
  });

  it('installs an agent tool whose helper runs with plain node', async () => {
    const toolDir = await installAgentTool(ZIP, path.join(tmp, 'tools', 'repo-access'));
    const helper = path.join(toolDir, 'repo-access.js');
    assert.equal(agent.get('repo-access.js')!.mode, 0o755);
    assert.equal(statSync(helper).mode & 0o777, 0o755);
    assert.equal(execFileSync(process.execPath, [helper, '--version'], { encoding: 'utf8', cwd: tmp }).trim(), version);
  });
});
