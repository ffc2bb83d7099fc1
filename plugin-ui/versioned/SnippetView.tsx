import React from 'react';
import { useRepoAccess } from '../project/context';
import { Button, Message } from '../ui/kit';
import type { BuildType } from '../repositories/clone-step/build-types';
import { errorText } from '../ui/task';
import { renderKotlin, type SettingsPlan } from './kotlin';
import { checkAgainstPlan, type CheckResult } from './plan';
import { MERGE_FOLDER, renderXml, type SettingsFile } from './xml';
import { zipFiles } from './zip';

// Shown only when a project's settings are read-only: a lazily loaded chunk (see WorkflowSection).

export const SNIPPET_FILE = 'RepoAccess.kts';
export const ZIP_FILE = 'RepoAccess-settings.zip';

/** The files of the change in the settings repository's format. */
export function settingsFiles(plan: SettingsPlan, projectId: string, format: 'kotlin' | 'xml'): SettingsFile[] {
  if (format === 'xml') return renderXml(plan, projectId);
  const text = renderKotlin(plan, `Repo Access for TeamCity: commit under .teamcity/ in the settings repository of ${projectId}.`);
  return [{ path: `.teamcity/${SNIPPET_FILE}`, text, merge: false }];
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  URL.revokeObjectURL(url);
}

/** The change to commit: copy, download (the .kt file or a zip of the changed files), and "check again" once the commit is in. */
export function SnippetView({
  plan,
  format = 'kotlin',
  buildTypes,
  onRecheck,
}: {
  plan: SettingsPlan;
  format?: 'kotlin' | 'xml';
  buildTypes: () => Promise<BuildType[]>;
  /** Told the result first: what it shows next to the view is in place when the result shows. */
  onRecheck?: (check: CheckResult) => void | Promise<void>;
}): React.ReactElement {
  const { projectId, tc } = useRepoAccess();
  const files = React.useMemo(() => settingsFiles(plan, projectId, format), [plan, projectId, format]);
  // One file shows as it is; several each under a line naming it.
  const text = files.length === 1 ? files[0]!.text : files.map((f) => `==> ${f.path}${f.merge ? ' (merge into the existing file)' : ''} <==\n${f.text}`).join('\n');
  const [check, setCheck] = React.useState<CheckResult | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const downloadZip = () => save(new Blob([zipFiles(files)], { type: 'application/zip' }), ZIP_FILE);
  const checkAgain = async () => {
    setError(null);
    try {
      const result = await checkAgainstPlan(tc, projectId, plan, await buildTypes());
      await onRecheck?.(result);
      setCheck(result);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <div>
      <p>
        Nothing was written: commit this to the settings repository, then check again.
        {files.some((f) => f.merge) ? ` Files under ${MERGE_FOLDER}/ hold what to merge into files the repository has already.` : ''}
      </p>
      <textarea aria-label="Settings to commit" readOnly value={text} rows={Math.min(30, text.split('\n').length)} style={{ width: '100%', fontFamily: 'monospace' }} />
      <div className="ra-actions">
        <Button onClick={() => void navigator.clipboard?.writeText(text)}>Copy</Button>
        {format === 'kotlin' ? <Button onClick={() => save(new Blob([text], { type: 'text/plain' }), SNIPPET_FILE)}>Download {SNIPPET_FILE}</Button> : null}
        <Button onClick={downloadZip}>Download zip</Button>
        <Button onClick={() => void checkAgain()}>Check again</Button>
      </div>
      {error ? <Message type="error">{error}</Message> : null}
      {check ? (
        check.missing.length === 0 && check.oldRoots.length === 0 ? (
          <Message type="success">The project now holds the change.</Message>
        ) : (
          <Message type="warning">
            {check.missing.length ? `Not in the project yet: ${check.missing.join(', ')}. ` : ''}
            {check.oldRoots.length ? `Builds still check out through the old credential's roots: ${check.oldRoots.join(', ')}.` : ''}
          </Message>
        )
      ) : null}
    </div>
  );
}
