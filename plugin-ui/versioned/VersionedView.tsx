import React from 'react';
import { useRepoAccess } from '../project/context';
import { useLoad } from '../ui/load';
import { readVersionedSettings, versionedNotice, type VersionedSettings } from './detect';

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
