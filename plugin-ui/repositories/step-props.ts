import type React from 'react';
import type { WorkflowSettings } from '../project/settings';
import type { Mode } from '../project/modes';
import type { Task } from '../ui/task';
import type { Repository } from './picker/model';
import type { Listing, WorkflowAction, WorkflowState } from './workflow-state';

/** What each of the workflow's three steps gets from WorkflowSection. */
export interface StepProps {
  readonly settings: WorkflowSettings & { readonly mode: Mode };
  readonly state: WorkflowState;
  readonly dispatch: React.Dispatch<WorkflowAction>;
  /** The one long action at a time, shared by the steps. */
  readonly task: Task;
  /** The listing shown: the one asked for, else the cached one. */
  readonly listing: Listing | null;
  /** The selected repositories of the listing. */
  readonly chosen: readonly Repository[];
  /** Versioned settings with editing off: changes become settings to commit. */
  readonly readOnly: boolean;
  /** The format of the settings to commit when `readOnly`. */
  readonly settingsFormat: 'kotlin' | 'xml';
  /** Said before each write when TeamCity commits it to the settings repository. */
  readonly commitNote: React.ReactNode;
}
