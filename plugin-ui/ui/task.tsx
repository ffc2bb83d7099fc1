import React from 'react';
import { Message } from './kit';
import { OperationStatus } from './OperationStatus';
import type { OperationProgress } from '../teamcity';

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export interface Task {
  busy: string | null;
  error: string | null;
  progress: OperationProgress | null;
  /** Distinct stage texts of the running build, oldest first: the helper's per-repository progress. */
  log: string[];
  run<T>(label: string, work: (onProgress: (p: OperationProgress) => void) => Promise<T>): Promise<T | undefined>;
  clearError(): void;
}

/** One long action at a time, with the build's live progress and its error in plain words. */
export function useTask(): Task {
  const [busy, setBusy] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [progress, setProgress] = React.useState<OperationProgress | null>(null);
  const [log, setLog] = React.useState<string[]>([]);
  const run = React.useCallback(async <T,>(label: string, work: (onProgress: (p: OperationProgress) => void) => Promise<T>) => {
    setBusy(label);
    setError(null);
    setProgress(null);
    setLog([]);
    try {
      return await work((p) => {
        setProgress(p);
        const text = p.text;
        if (text) setLog((lines) => (lines[lines.length - 1] === text ? lines : [...lines.slice(-199), text]));
      });
    } catch (failure) {
      setError(errorText(failure));
      return undefined;
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, error, progress, log, run, clearError: () => setError(null) };
}

export function TaskView({ task, label }: { task: Task; label: string }): React.ReactElement | null {
  return (
    <>
      {task.busy ? (
        <div>
          <p>{task.busy}</p>
          <OperationStatus progress={task.progress} label={label} />
        </div>
      ) : null}
      {task.log.length > 0 ? (
        <ol aria-label={`${label}: build progress`} className="ra-muted" style={{ maxHeight: 160, overflowY: 'auto', margin: '4px 0', fontSize: 12 }}>
          {task.log.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
      ) : null}
      {task.error ? <Message type="error">{task.error}</Message> : null}
    </>
  );
}
