import { NOT_WINDOWS } from '../teamcity';
import type { ChangedRoot, PlannedBuildChange, PlannedRoot, SettingsPlan } from './kotlin';

// The change Repo Access would have written, as TeamCity's XML settings format: one file per new VCS root under
// .teamcity/<ProjectId>/vcsRoots/ (the <vcs-root type="jetbrains.git"> shape TeamCity writes, with <name> and
// <param name value/>), and for files that exist already (project-config.xml, buildTypes/<Id>.xml) the elements to
// merge into them, under repo-access-merge/ so that unpacking the zip over the repository never replaces a file.

/** One file of the change: `merge` ones hold elements to carry into the existing file by hand. */
export interface SettingsFile {
  readonly path: string;
  readonly text: string;
  readonly merge: boolean;
}

export const MERGE_FOLDER = 'repo-access-merge';
// As TeamCity writes these files, less the uuid attribute (not confirmed: that TeamCity assigns one to a file without it).
const SCHEMA = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://www.jetbrains.com/teamcity/schemas/2021.1/project-config.xsd"';

const escape = (text: string): string =>
  text.replace(/[&<>"\n\r\t]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\n': '&#xA;', '\r': '&#xD;', '\t': '&#x9;' })[c]!);
const param = (name: string, value: string, spec?: string): string => `<param name="${escape(name)}" value="${escape(value)}"${spec ? ` spec="${escape(spec)}"` : ''} />`;
/** Multi-line text as CDATA (as TeamCity writes scripts), split where the text itself holds "]]>". */
const cdata = (text: string): string => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

function rootXml(root: PlannedRoot): string {
  // Property names as teamcity-git's GitVcsRoot DSL maps them (authMethod, teamcitySshKey, username, secure:password).
  const auth =
    root.auth.kind === 'uploaded-key'
      ? [param('authMethod', 'TEAMCITY_SSH_KEY'), param('teamcitySshKey', root.auth.keyName)]
      : [param('authMethod', 'PASSWORD'), param('secure:password', root.auth.reference), param('username', root.auth.userName)];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<vcs-root ${SCHEMA} type="jetbrains.git">`,
    `  <name>${escape(root.name)}</name>`,
    ...[param('branch', root.branch), param('url', root.url), ...auth].map((line) => `  ${line}`),
    '</vcs-root>',
    '',
  ].join('\n');
}

function changedRootXml(root: ChangedRoot, file: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- Merge into ${file} (${root.name}, now on ${root.fromKey}): set these <param> elements in place of those of the same name. -->`,
    '<vcs-root type="jetbrains.git">',
    `  ${param('authMethod', 'TEAMCITY_SSH_KEY')}`,
    `  ${param('teamcitySshKey', root.toKey)}`,
    '</vcs-root>',
    '',
  ].join('\n');
}

function buildXml(change: PlannedBuildChange, file: string): string {
  const entries = change.removeRootIds.length || change.addRoots.length ? (change.entriesAfter ?? null) : null;
  const steps: string[] = [];
  if (entries) {
    steps.push(`replace the <vcs-entry-ref> elements of <vcs-settings> with these${change.removeRootIds.length ? ` (this takes out ${change.removeRootIds.join(', ')})` : ''}`);
  }
  if (change.cloneStep) steps.push('put the runner first in <build-runners>', 'add the requirement to <requirements>');
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<!-- Merge into ${file}: ${steps.join('; ')}. -->`, '<build-type>', '  <settings>'];
  if (change.cloneStep) {
    lines.push(
      '    <build-runners>',
      `      <runner id="RepoAccessClone" name="${escape(change.cloneStep.name)}" type="simpleRunner">`,
      '        <parameters>',
      `          <param name="script.content">${cdata(change.cloneStep.script)}</param>`,
      `          ${param('teamcity.step.mode', 'default')}`,
      `          ${param('use.custom.script', 'true')}`,
      '        </parameters>',
      '      </runner>',
      '    </build-runners>',
    );
  }
  if (entries) {
    lines.push('    <vcs-settings>');
    for (const entry of entries) {
      if (!entry.checkoutRules) lines.push(`      <vcs-entry-ref root-id="${escape(entry.rootId)}" />`);
      else lines.push(`      <vcs-entry-ref root-id="${escape(entry.rootId)}">`, ...entry.checkoutRules.split('\n').filter(Boolean).map((rule) => `        <checkout-rule rule="${escape(rule)}" />`), '      </vcs-entry-ref>');
    }
    lines.push('    </vcs-settings>');
  }
  if (change.cloneStep) {
    // The step is an sh script, as ensureCloneStep's NOT_WINDOWS requirement says through REST.
    lines.push('    <requirements>', `      <does-not-contain id="RepoAccessNotWindows" name="${escape(NOT_WINDOWS.name)}" value="${escape(NOT_WINDOWS.value ?? '')}" />`, '    </requirements>');
  }
  lines.push('  </settings>', '</build-type>', '');
  return lines.join('\n');
}

function parametersXml(plan: SettingsPlan, file: string): string {
  const removed = (plan.removeParameters ?? []).map((p) => p.name);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- Merge into ${file}: add these to <parameters> (in place of any of the same name)${removed.length ? `, and delete the <param> elements named ${removed.join(', ')}` : ''}. Password values are secure tokens TeamCity keeps, never the secret. -->`,
    '<project>',
    '  <parameters>',
    // The spec TeamCity gives a password parameter (not confirmed for the XML format from a stored example).
    ...plan.parameters.map((p) => `    ${param(p.name, p.value, p.password ? "password display='hidden'" : undefined)}`),
    '  </parameters>',
    '</project>',
    '',
  ].join('\n');
}

/** The whole change as files of the settings repository (XML format), for the project `projectId`. */
export function renderXml(plan: SettingsPlan, projectId: string): SettingsFile[] {
  const dir = `.teamcity/${projectId}`;
  const files: SettingsFile[] = plan.roots.map((root) => ({ path: `${dir}/vcsRoots/${root.id}.xml`, text: rootXml(root), merge: false }));
  for (const root of plan.changedRoots ?? []) {
    const file = `.teamcity/${root.projectId ?? projectId}/vcsRoots/${root.id}.xml`;
    files.push({ path: `${MERGE_FOLDER}/${file}`, text: changedRootXml(root, file), merge: true });
  }
  if (plan.parameters.length || plan.removeParameters?.length) files.push({ path: `${MERGE_FOLDER}/${dir}/project-config.xml`, text: parametersXml(plan, `${dir}/project-config.xml`), merge: true });
  for (const change of plan.builds) {
    // A build configuration's file sits in its own project's folder (not confirmed for nested projects: one folder per project id is assumed).
    const file = `.teamcity/${change.projectId ?? projectId}/buildTypes/${change.buildTypeId}.xml`;
    files.push({ path: `${MERGE_FOLDER}/${file}`, text: buildXml(change, file), merge: true });
  }
  return files;
}
