import React from 'react';
import { useRepoAccess } from '../app/context';
import { Button, Message } from '../ui/kit';
import type { BuildType } from '../repositories/clone-step/build-types';
import { errorText } from '../ui/task';
import { useLoad } from '../ui/load';
import { readVersionedSettings, versionedNotice, type VersionedSettings } from './detect';
import { renderKotlin, type SettingsPlan } from './kotlin';
import { checkAgainstPlan, type CheckResult } from './plan';

/** The project's versioned settings, read once per tab; null while loading (or when it could not be read). */
export function useVersionedSettings(): VersionedSettings | null {
  const { projectId, tc } = useRepoAccess();
  const read = useLoad(React.useCallback(() => readVersionedSettings(tc, projectId), [tc, projectId]));
  return read.state === 'ready' ? (read.value ?? null) : null;
}

/** The one line at the top of the tab when the project's settings live in a repository. */
export function VersionedNotice(): React.ReactElement | null {
  const settings = useVersionedSettings();
  const text = settings && versionedNotice(settings);
  return text ? (
    <p className="ra-muted" aria-label="Versioned settings">
      {text}
    </p>
  ) : null;
}

export const SNIPPET_FILE = 'RepoAccess.kts';

/** The change to commit: copy, download, and "check again" once the commit is in. */
export function SnippetView({ plan, buildTypes, onRecheck }: { plan: SettingsPlan; buildTypes: () => Promise<BuildType[]>; onRecheck?: () => void }): React.ReactElement {
  const { projectId, tc } = useRepoAccess();
  const text = React.useMemo(() => renderKotlin(plan, `Repo Access for TeamCity: commit under .teamcity/ in the settings repository of ${projectId}.`), [plan, projectId]);
  const [check, setCheck] = React.useState<CheckResult | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: SNIPPET_FILE });
    link.click();
    URL.revokeObjectURL(url);
  };
  const checkAgain = async () => {
    setError(null);
    try {
      setCheck(await checkAgainstPlan(tc, projectId, plan, await buildTypes()));
      onRecheck?.();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <div>
      <p>Nothing was written: commit this to the settings repository, then check again.</p>
      <textarea aria-label="Settings to commit" readOnly value={text} rows={Math.min(30, text.split('\n').length)} style={{ width: '100%', fontFamily: 'monospace' }} />
      <div className="ra-actions">
        <Button onClick={() => void navigator.clipboard?.writeText(text)}>Copy</Button>
        <Button onClick={download}>Download {SNIPPET_FILE}</Button>
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
