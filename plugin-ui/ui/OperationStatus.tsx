import React from 'react';
import type { OperationProgress } from '../teamcity';

/** Live state of an operations build: queued / running with its stage text and a progress bar. */
export function OperationStatus({ progress, label }: { progress: OperationProgress | null; label: string }): React.ReactElement {
  const percent = progress?.percent ?? null;
  const text =
    progress === null
      ? 'Starting a build…'
      : progress.state === 'queued'
        ? `Build #${progress.buildId} is waiting for an agent…`
        : `Build #${progress.buildId}: ${progress.text ?? 'running…'}`;
  return (
    <div role="status" aria-live="polite">
      <div
        className="ra-progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? text : `${percent}%: ${text}`}
      >
        <div style={{ width: `${percent ?? (progress?.state === 'running' ? 30 : 5)}%` }} />
      </div>
      <span className="ra-muted">{text}</span>
    </div>
  );
}
