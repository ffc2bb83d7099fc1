// The sandbox's stored entities: a small subset of TeamCity's own model, in the shapes its REST API returns.

export interface Parameter {
  name: string;
  value: string;
  /** TeamCity's parameter spec, e.g. `password display='hidden'`; absent for plain text. */
  rawType?: string;
}

export interface Project {
  id: string;
  name: string;
  parentId: string | null;
  description?: string;
  parameters: Parameter[];
  /** SSH keys uploaded to the project: name → private key text. */
  sshKeys: Record<string, string>;
  /** Project Settings → Versioned Settings; absent = useParentProjectSettings. */
  versionedSettings?: VersionedSettings;
  /** Secure tokens of the project: `credentialsJSON:<uuid>` → the value it stands for. */
  secureTokens?: Record<string, string>;
  /** Project features (connections and the like); absent in state saved before they existed. */
  features?: ProjectFeature[];
}

/** The fields of teamcity-rest's VersionedSettingsConfig (model/versionedSettings/VersionedSettingsConfig.java) the sandbox keeps. */
export interface VersionedSettings {
  synchronizationMode: 'useParentProjectSettings' | 'disabled' | 'enabled';
  format?: 'kotlin' | 'xml';
  allowUIEditing?: boolean;
  storeSecureValuesOutsideVcs?: boolean;
  vcsRootId?: string;
}

/** A project feature, e.g. a connection: `type` OAuthProvider with the property providerType. */
export interface ProjectFeature {
  id: string;
  type: string;
  properties: Record<string, string>;
}

export interface VcsRoot {
  id: string;
  name: string;
  vcsName: string;
  projectId: string;
  properties: Record<string, string>;
}

export interface Step {
  id: string;
  name: string;
  type: string;
  properties: Record<string, string>;
}

export interface VcsRootEntry {
  vcsRootId: string;
  checkoutRules: string;
}

/** An agent requirement: `name` (an agent parameter) `type` (exists, does-not-contain, …) `value`. */
export interface Requirement {
  id: string;
  type: string;
  name: string;
  value?: string;
}

export interface BuildType {
  id: string;
  name: string;
  projectId: string;
  parameters: Parameter[];
  settings: Record<string, string>;
  steps: Step[];
  vcsRootEntries: VcsRootEntry[];
  /** Absent in state saved before requirements existed. */
  requirements?: Requirement[];
}

export type BuildState = 'queued' | 'running' | 'finished';
export type BuildStatus = 'SUCCESS' | 'FAILURE' | 'UNKNOWN';

export interface BuildProblem {
  identity: string;
  type: string;
  description: string;
}

export interface Build {
  id: number;
  number: string;
  buildTypeId: string;
  state: BuildState;
  status: BuildStatus;
  statusText: string;
  /** Parameters given when the build was queued. */
  properties: Parameter[];
  percentageComplete: number;
  currentStageText: string;
  problems: BuildProblem[];
  queuedDate: string;
  startDate?: string;
  finishDate?: string;
  canceled?: boolean;
  /** Why the build still waits, when no agent can run it. */
  waitReason?: string;
}

export interface SandboxData {
  projects: Project[];
  vcsRoots: VcsRoot[];
  buildTypes: BuildType[];
  builds: Build[];
  nextBuildId: number;
}

export const isPassword = (parameter: Parameter): boolean => /^password\b/.test(parameter.rawType ?? '');

/** TeamCity's REST date format, e.g. 20260128T173000+0000. */
export function tcDate(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '+0000');
}
