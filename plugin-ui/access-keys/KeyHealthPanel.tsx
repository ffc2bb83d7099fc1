import React from 'react';
import { useRepoAccess } from '../project/context';
import { readSettings } from '../project/settings';
import type { OperationProgress } from '../teamcity';
import { useLoad } from '../ui/load';
import { Message } from '../ui/kit';
import type { KeyRecord } from '../project/key-records';
import type { AuditRow } from '../teamcity/reports';
import { keyHealth, type KeyHealth } from './health';
import { readRotationDays, repairDrift, revokeStale, saveRotationDays } from './health-actions';
import { KeyHealthView, type KeyHealthResult } from './KeyHealthView';

export interface KeyHealthPanelProps {
  records: KeyRecord[];
  audit: AuditRow[] | null;
  /** What the last audit was read with: the workspace and the VCS roots by uploaded key name. */
  checked: { workspace: string; rootsByKey: ReadonlyMap<string, string[]> } | null;
  busy: boolean;
  /** Runs work as the section's one task, its progress shown in this panel. */
  run(label: string, work: (onProgress: (p: OperationProgress) => void) => Promise<void>): Promise<void>;
  /** Reads the records again and audits them (inside a running task). */
  refresh(onProgress: (p: OperationProgress) => void): Promise<void>;
  /** The running task's progress, when this panel started it. */
  children?: React.ReactNode;
}

/** The Key health view with its state: the rotation age, the health computed from the audit, and its two actions. */
export function KeyHealthPanel(props: KeyHealthPanelProps): React.ReactElement {
  const { projectId, tc } = useRepoAccess();
  const { records, audit, checked, run, refresh } = props;
  const rotation = useLoad(React.useCallback(() => readRotationDays(tc, projectId), [tc, projectId]));
  const rotationDays = rotation.value ?? null;
  const [result, setResult] = React.useState<KeyHealthResult | null>(null);
  const health = React.useMemo(
    () => (audit && checked && rotationDays !== null ? keyHealth({ projectId, workspace: checked.workspace, records, audit, rootsByKey: checked.rootsByKey, rotationDays }) : null),
    [projectId, records, audit, checked, rotationDays],
  );

  if (rotationDays === null) return rotation.error ? <Message type="error">{rotation.error}</Message> : <p className="ra-muted">Loading…</p>;

  // Each action ends with a fresh audit, so the view shows what Bitbucket holds afterwards.
  const act = (action: KeyHealthResult['action'], keys: KeyHealth[]) =>
    run(action === 'repair' ? 'Registering the drifted keys again…' : 'Revoking the stale keys…', async (onProgress) => {
      setResult(null);
      const settings = await readSettings(tc, projectId);
      const outcomes = await (action === 'repair' ? repairDrift : revokeStale)(tc, projectId, settings, keys, onProgress);
      setResult({ action, outcomes });
      await refresh(onProgress);
    });

  return (
    <KeyHealthView
      health={health}
      workspace={checked?.workspace ?? ''}
      rotationDays={rotationDays}
      busy={props.busy}
      result={result}
      onCheck={() =>
        void run('Reading the access keys from Bitbucket…', async (onProgress) => {
          setResult(null);
          await refresh(onProgress);
        })
      }
      onSaveRotationDays={(days) =>
        void run('Saving the rotation age…', async () => {
          await saveRotationDays(tc, projectId, days);
          await rotation.reload();
        })
      }
      onRepair={(keys) => void act('repair', keys)}
      onRevokeStale={(keys) => void act('revoke', keys)}
    >
      {props.children}
    </KeyHealthView>
  );
}
